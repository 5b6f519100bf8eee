// The charts as the rest of render sees them: data in, PNG out. Drawing and encoding happen in
// one worker thread at the lowest CPU priority (chartWorker.ts), started on the first chart: the
// bot's event loop only posts the figures and receives the PNG, a bot that never draws a chart
// never loads the canvas library, and a burst of charts slows the charts, not other users.
// At most MAX_WAITING_CHARTS wait; past that a chart is refused with ChartsBusyError and the
// message goes out with its figures as text.
import { Worker } from 'node:worker_threads';
import type { ChartJob, ChartResult } from './chartWorker.ts';
import type { ExamChartData } from './examChart.ts';
import type { StatsChartData } from './statsChart.ts';

export type { Bar } from './bars.ts';
export type { ExamChartData } from './examChart.ts';
export type { StatsChartData } from './statsChart.ts';
export { EXAM_CHART, STATS_CHART } from './sizes.ts';

/** Charts allowed to wait for the worker: one to two seconds of drawing on an idle machine. */
export const MAX_WAITING_CHARTS = 40;
/**
 * The worker is replaced after this many charts: the renderer's native memory grows with every
 * chart (about 45 KB each, measured over 1,000) and is given back when its thread ends. Replaced
 * every 100, a bot's RSS levelled off; every 250, it still grew.
 */
const CHARTS_PER_WORKER = 100;
/** A chart not back by then is given up (the worker is starved or stuck); the message goes without it. */
const CHART_TIMEOUT_MS = 15_000;

export class ChartsBusyError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ChartsBusyError';
  }
}

type Pending = { resolve: (png: Buffer) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };

/** Compiled, the worker is chartWorker.js; from the sources, a bootstrap registers tsx in the worker first. */
function workerEntry(): URL {
  return new URL(import.meta.url.endsWith('.ts') ? './chartWorker.dev.mjs' : './chartWorker.js', import.meta.url);
}

class ChartWorker {
  private worker?: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private drawnByWorker = 0;

  render(job: Omit<StatsJob, 'id'> | Omit<ExamJob, 'id'>): Promise<Buffer> {
    if (this.pending.size >= MAX_WAITING_CHARTS) return Promise.reject(new ChartsBusyError(`${MAX_WAITING_CHARTS} charts are already waiting`));
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => this.settle(id, new ChartsBusyError(`no chart after ${CHART_TIMEOUT_MS / 1000} s`)), CHART_TIMEOUT_MS);
      timer.unref();
      this.pending.set(id, { resolve, reject, timer });
      try {
        this.started().postMessage({ ...job, id } as ChartJob);
      } catch (error) {
        this.settle(id, error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Stops the worker, failing the charts in its hands (the next chart starts a new one). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
    this.failAll(new Error('the chart worker stopped'));
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerEntry());
    // Charts never keep the process alive on their own.
    worker.unref();
    worker.on('message', (result: ChartResult) => {
      this.settle(result.id, 'png' in result ? Buffer.from(result.png.buffer, result.png.byteOffset, result.png.byteLength) : new Error(result.error));
    });
    // Only the current worker's end fails the charts waiting: a retired one had none in hand.
    const fail = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll(error);
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the chart worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
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
    if (!(outcome instanceof Error)) this.retireWhenWornOut();
  }

  /** Once a worker has drawn its share and has nothing in hand, it ends; the next chart starts a fresh one. */
  private retireWhenWornOut(): void {
    this.drawnByWorker++;
    if (this.drawnByWorker < CHARTS_PER_WORKER || this.pending.size > 0 || !this.worker) return;
    const worn = this.worker;
    this.worker = undefined;
    this.drawnByWorker = 0;
    void worn.terminate();
  }
}

type StatsJob = Extract<ChartJob, { kind: 'stats' }>;
type ExamJob = Extract<ChartJob, { kind: 'exam' }>;

const charts = new ChartWorker();

export function statsChartPng(data: StatsChartData): Promise<Buffer> {
  return charts.render({ kind: 'stats', data });
}

export function examChartPng(data: ExamChartData): Promise<Buffer> {
  return charts.render({ kind: 'exam', data });
}

/** Stops the chart worker, for a clean shutdown. */
export function closeCharts(): Promise<void> {
  return charts.close();
}
