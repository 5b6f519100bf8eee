// The bot run as shards, as `npm start` runs it with SHARD_COUNT: a shard manager process (from
// the sources, under tsx) against the emulator, on a shared store.
import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DiscordEmulator } from '@ai300/discord-emulator';

const PROJECT_ROOT = new URL('../..', import.meta.url).pathname;

export interface ShardedBot {
  manager: ChildProcess;
  /** Stops the manager (it stops its shards), waiting up to `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
}

export function startShardedBot(options: {
  emulator: DiscordEmulator;
  storeUrl: string;
  shardCount: number | 'auto';
  logLevel?: string;
  /** Each chunk the manager and its shards print; without it their output is dropped (stderr kept). */
  onOutput?: (text: string) => void;
}): ShardedBot {
  const manager = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      DISCORD_TOKEN: options.emulator.token,
      DISCORD_API_URL: options.emulator.apiUrl,
      STORE_URL: options.storeUrl,
      SHARD_COUNT: String(options.shardCount),
      LOG_LEVEL: options.logLevel ?? 'info',
    },
    stdio: ['ignore', options.onOutput ? 'pipe' : 'ignore', options.onOutput ? 'pipe' : 'inherit'],
  });
  if (options.onOutput) for (const stream of [manager.stdout!, manager.stderr!]) stream.on('data', (chunk: Buffer) => options.onOutput!(chunk.toString()));
  return {
    manager,
    async stop(timeoutMs = 30_000) {
      if (manager.exitCode !== null || manager.signalCode !== null) return;
      const exited = new Promise((resolve) => manager.once('exit', resolve));
      manager.kill('SIGTERM');
      await Promise.race([exited, sleep(timeoutMs)]);
    },
  };
}
