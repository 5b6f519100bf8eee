// A bot under test in a fresh child process (`npx tsx <script>`), talking JSON lines: it writes
// events ({ event: 'ready', ... }) on stdout and reads commands ('measure', 'stop') on stdin.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface BenchChild {
  pid: number | undefined;
  /** Resolves with the next event of that name; rejects if the child exits or time runs out. */
  next<T = Record<string, unknown>>(event: string, timeoutMs: number): Promise<T>;
  send(line: string): void;
  /** Asks the child to stop and waits for it to exit (killing it after `timeoutMs`). */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * The Node flags each bot under test runs with, the study bot and the floor alike: those `npm start`
 * gives the bot (package.json), so both run as the bot does in use; BENCH_NODE_FLAGS overrides them
 * (NODE_OPTIONS refuses most V8 flags), e.g. BENCH_NODE_FLAGS=" " for Node's defaults.
 */
export function nodeFlags(): string[] {
  const override = process.env.BENCH_NODE_FLAGS;
  if (override !== undefined) return override.split(' ').filter(Boolean);
  return nodeStep()
    .slice(nodeStep().indexOf('node') + 1)
    .filter((word) => word.startsWith('--'));
}

/** The environment the start script gives the bot (`NAME=value` before `node`), which bench bots get too. */
export function nodeEnv(): Record<string, string> {
  const words = nodeStep();
  return Object.fromEntries(words.slice(0, words.indexOf('node')).map((word) => word.split('=', 2) as [string, string]));
}

/** The words of the start script's `node ...` step (it builds first: npm run build && ... node ...). */
function nodeStep(): string[] {
  const start = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const step = start.split('&&').find((part) => part.trim().split(' ').includes('node')) ?? '';
  return step.trim().split(' ').filter(Boolean);
}

/** Compiles the bot and the footprint's bot process to dist/ (incremental: seconds when little changed). */
export function buildCompiled(): void {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
}

/**
 * Starts a bench bot script: under tsx by default, or its compiled JavaScript in dist/ with plain
 * node (`compiled`, after buildCompiled), as `npm start` runs the bot.
 */
export function spawnBenchChild(script: string, env: Record<string, string>, options: { compiled?: boolean } = {}): BenchChild {
  const source = fileURLToPath(new URL(script, import.meta.url));
  const command = options.compiled
    ? (['node', [...nodeFlags(), join(ROOT, 'dist', relative(ROOT, source)).replace(/\.ts$/, '.js')]] as const)
    : (['npx', ['tsx', ...nodeFlags(), source]] as const);
  const child = spawn(command[0], command[1], {
    cwd: ROOT,
    env: { ...process.env, ...nodeEnv(), ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const queue: Record<string, unknown>[] = [];
  const waiters: (() => void)[] = [];
  let exited: string | undefined;
  let stderr = '';
  const wake = () => {
    for (const resolve of waiters.splice(0)) resolve();
  };
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  child.stdin!.on('error', () => undefined);
  createInterface({ input: child.stdout! }).on('line', (line) => {
    try {
      queue.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      return; // not ours (npx notices and the like)
    }
    wake();
  });
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      exited = `exited with ${code ?? signal}`;
      wake();
      resolve();
    }),
  );
  const next = async <T>(event: string, timeoutMs: number): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = queue.findIndex((e) => e.event === event);
      if (index >= 0) return queue.splice(index, 1)[0] as T;
      if (exited) throw new Error(`${script} ${exited} before '${event}':\n${stderr}`);
      if (Date.now() > deadline) throw new Error(`${script}: no '${event}' within ${timeoutMs} ms:\n${stderr}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  };
  return {
    pid: child.pid,
    next,
    send: (line) => {
      if (child.exitCode === null) child.stdin!.write(`${line}\n`);
    },
    async stop(timeoutMs = 30_000) {
      if (exited) return;
      child.stdin!.write('stop\n');
      const timer = setTimeout(() => child.kill(), timeoutMs);
      await exit;
      clearTimeout(timer);
    },
  };
}
