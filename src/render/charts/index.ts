// The charts as the rest of render sees them: data in, PNG out. Drawing and encoding happen in a
// renderer process of its own that runs only on idle CPU (chartRenderer.ts), started on the first
// chart and ended when charts stop coming: the bot's event loop only posts the figures and
// receives the PNG, the bot's process never loads the canvas library, and a burst of charts slows
// the charts, not other users. At most MAX_WAITING_CHARTS wait; past that a chart is refused
// with ChartsBusyError and the message goes out with its figures as text.
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ChartJob, ChartResult } from './chartRenderer.ts';
import type { ExamChartData } from './examChart.ts';
import type { StatsChartData } from './statsChart.ts';

export type { Bar } from './bars.ts';
export type { ExamChartData } from './examChart.ts';
export type { StatsChartData } from './statsChart.ts';
export { EXAM_CHART, STATS_CHART } from './sizes.ts';

/** Charts allowed to wait for the renderer: one to two seconds of drawing on an idle machine. */
export const MAX_WAITING_CHARTS = 40;
/**
 * The renderer is replaced after this many charts: the canvas library's native memory grows with
 * every chart (tens of KB each) and only a process's end gives all of it back.
 */
export const CHARTS_PER_RENDERER = 100;
/** A renderer with nothing to draw for this long ends, and its memory goes back to the system. */
export const RENDERER_IDLE_MS = 15_000;
/** A chart not back by then is given up (the renderer is starved or stuck); the message goes without it. */
const CHART_TIMEOUT_MS = 15_000;
/** The renderer's heap is small and short-lived: a small young generation, one GC thread, and gc() to free each chart's pixels at once. */
const RENDERER_NODE_FLAGS = ['--single-threaded-gc', '--max-semi-space-size=1', '--expose-gc'];

export class ChartsBusyError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ChartsBusyError';
  }
}

type Pending = { resolve: (png: Buffer) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };

/** Compiled, the renderer is chartRenderer.js; from the sources it runs under tsx's loader (a development dependency). */
function rendererEntry(): { file: string; execArgv: string[] } {
  const fromSources = import.meta.url.endsWith('.ts');
  const file = fileURLToPath(new URL(fromSources ? './chartRenderer.ts' : './chartRenderer.js', import.meta.url));
  const tsx = fromSources ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
  return { file, execArgv: [...RENDERER_NODE_FLAGS, ...tsx] };
}

export interface ChartRendererOptions {
  /** Charts a renderer draws before it is replaced. */
  chartsPerRenderer?: number;
  /** How long a renderer with nothing to draw waits before it ends. */
  idleMs?: number;
}

export class ChartRenderer {
  private renderer?: ChildProcess;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private drawnByRenderer = 0;
  private idleTimer?: NodeJS.Timeout;
  private readonly chartsPerRenderer: number;
  private readonly idleMs: number;

  constructor(options: ChartRendererOptions = {}) {
    this.chartsPerRenderer = options.chartsPerRenderer ?? CHARTS_PER_RENDERER;
    this.idleMs = options.idleMs ?? RENDERER_IDLE_MS;
  }

  /** The renderer process's id while one runs (tests and benchmarks look at it). */
  get rendererPid(): number | undefined {
    return this.renderer?.pid;
  }

  render(job: Omit<StatsJob, 'id'> | Omit<ExamJob, 'id'>): Promise<Buffer> {
    if (this.pending.size >= MAX_WAITING_CHARTS) return Promise.reject(new ChartsBusyError(`${MAX_WAITING_CHARTS} charts are already waiting`));
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => this.settle(id, new ChartsBusyError(`no chart after ${CHART_TIMEOUT_MS / 1000} s`)), CHART_TIMEOUT_MS);
      timer.unref();
      this.pending.set(id, { resolve, reject, timer });
      clearTimeout(this.idleTimer);
      const renderer = this.started();
      holdProcessOpen(renderer, true);
      renderer.send({ ...job, id } as ChartJob, (error) => {
        if (error) this.settle(id, error);
      });
    });
  }

  /** Stops the renderer, failing the charts in its hands (the next chart starts a new one). */
  async close(): Promise<void> {
    clearTimeout(this.idleTimer);
    const renderer = this.renderer;
    this.renderer = undefined;
    this.drawnByRenderer = 0;
    if (renderer) await stopProcess(renderer);
    this.failAll(new Error('the chart renderer stopped'));
  }

  private started(): ChildProcess {
    if (this.renderer) return this.renderer;
    const { file, execArgv } = rendererEntry();
    const node = [process.execPath, ...execArgv, file];
    const idle = idleScheduler();
    const [command, ...args] = idle ? [idle, '--idle', '0', ...node] : node;
    // A fork by hand, so that chrt can come first: the IPC channel makes it one. Advanced
    // serialization carries the PNG as bytes, not as JSON numbers.
    const renderer = spawn(command!, args, { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    lowestPriority(renderer);
    renderer.on('message', (result: ChartResult) => {
      this.settle(result.id, 'png' in result ? Buffer.from(result.png.buffer, result.png.byteOffset, result.png.byteLength) : new Error(result.error));
    });
    // Only the current renderer's end fails the charts waiting: a retired one had none in hand.
    const fail = (error: Error) => {
      if (this.renderer !== renderer) return;
      this.renderer = undefined;
      this.drawnByRenderer = 0;
      this.failAll(error);
    };
    renderer.on('error', fail);
    renderer.on('exit', (code, signal) => fail(new Error(`the chart renderer stopped (${signal ?? `exit code ${code}`})`)));
    this.renderer = renderer;
    return renderer;
  }

  private failAll(error: Error): void {
    for (const id of [...this.pending.keys()]) this.settle(id, error);
  }

  private settle(id: number, outcome: Buffer | Error): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (outcome instanceof Error) pending.reject(outcome);
    else pending.resolve(outcome);
    if (!(outcome instanceof Error)) this.drawnByRenderer++;
    if (this.pending.size > 0) return;
    if (this.renderer) holdProcessOpen(this.renderer, false);
    if (this.drawnByRenderer >= this.chartsPerRenderer) this.retire();
    else this.retireWhenIdle();
  }

  /** With nothing in hand, a worn-out renderer ends now and an idle one after `idleMs`; the next chart starts a fresh one. */
  private retire(): void {
    clearTimeout(this.idleTimer);
    const worn = this.renderer;
    this.renderer = undefined;
    this.drawnByRenderer = 0;
    // Letting go of the channel ends it (chartRenderer.ts exits on disconnect).
    if (worn?.connected) worn.disconnect();
  }

  private retireWhenIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.retire(), this.idleMs);
    this.idleTimer.unref();
  }
}

let chrtPath: string | null | undefined;

/**
 * util-linux's chrt, to start the renderer under Linux's SCHED_IDLE policy: its threads run only
 * on a core nothing else wants, and any other thread that wakes takes the core from them at once.
 * (Nice 19 alone still gives it a small share of a busy core.) A process burning a whole core
 * under SCHED_IDLE left other users' p99 unchanged in the latency benchmark. Undefined where there
 * is no chrt (not Linux, or a minimal image): nice 19 is then all there is.
 */
function idleScheduler(): string | undefined {
  if (chrtPath === undefined) chrtPath = process.platform === 'linux' ? findOnPath('chrt') : null;
  return chrtPath ?? undefined;
}

function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder.
    }
  }
  return null;
}

/**
 * Lowers the renderer's CPU priority as soon as it exists, so that its start-up (node, then the
 * canvas library: about 150 ms of CPU, every 100 charts) already yields to the bot; the threads
 * it starts afterwards inherit the priority. Under SCHED_IDLE (chrt) nice changes nothing; it is
 * what keeps the renderer low where chrt is missing.
 */
function lowestPriority(renderer: ChildProcess): void {
  try {
    if (renderer.pid !== undefined) setPriority(renderer.pid, 19);
  } catch {
    // Not allowed here (or already gone): charts then run at the bot's priority.
  }
}

/** A renderer keeps the bot's process running while it has charts in hand, and never when idle. */
function holdProcessOpen(renderer: ChildProcess, hold: boolean): void {
  if (hold) {
    renderer.ref();
    renderer.channel?.ref();
  } else {
    renderer.unref();
    renderer.channel?.unref();
  }
}

/** Ends a renderer and waits for it to exit (killing it if it does not within a second). */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 1_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

type StatsJob = Extract<ChartJob, { kind: 'stats' }>;
type ExamJob = Extract<ChartJob, { kind: 'exam' }>;

const charts = new ChartRenderer();

export function statsChartPng(data: StatsChartData): Promise<Buffer> {
  return charts.render({ kind: 'stats', data });
}

export function examChartPng(data: ExamChartData): Promise<Buffer> {
  return charts.render({ kind: 'exam', data });
}

/** Stops the chart renderer, for a clean shutdown. */
export function closeCharts(): Promise<void> {
  return charts.close();
}
