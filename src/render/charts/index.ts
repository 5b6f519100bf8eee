// The charts as the rest of render sees them: data in, PNG out. The drawing modules (and with them
// the native canvas library) load on the first chart, so a bot that never draws one never pays for it.
//
// Charts are drawn one at a time. PNG encoding runs on libuv's thread pool, which the store's
// SQLite connection shares: an unbounded burst of encodes would queue other users' queries behind
// it. One at a time also lets each size reuse one canvas instead of leaving megabytes of native
// memory per chart for the garbage collector to find. A chart that would wait too long is refused
// with ChartsBusyError, and the message goes out with its figures as text.
import type { ExamChartData } from './examChart.ts';
import type { StatsChartData } from './statsChart.ts';

export type { Bar } from './bars.ts';
export type { ExamChartData } from './examChart.ts';
export type { StatsChartData } from './statsChart.ts';
export { EXAM_CHART, STATS_CHART } from './sizes.ts';

/** Charts allowed to wait for their turn: about a second and a half of drawing. */
export const MAX_WAITING_CHARTS = 40;

export class ChartsBusyError extends Error {
  constructor() {
    super(`more than ${MAX_WAITING_CHARTS} charts are waiting to be drawn`);
    this.name = 'ChartsBusyError';
  }
}

let tail: Promise<unknown> = Promise.resolve();
let waiting = 0;

/** Runs chart jobs one after another, refusing new ones while too many wait. */
function inTurn(job: () => Promise<Buffer>): Promise<Buffer> {
  if (waiting >= MAX_WAITING_CHARTS) return Promise.reject(new ChartsBusyError());
  waiting++;
  const run = tail.then(
    () => {
      waiting--;
      return job();
    },
    () => {
      waiting--;
      return job();
    },
  );
  tail = run.catch(() => undefined);
  return run;
}

export function statsChartPng(data: StatsChartData): Promise<Buffer> {
  return inTurn(async () => (await import('./statsChart.ts')).renderStatsChart(data));
}

export function examChartPng(data: ExamChartData): Promise<Buffer> {
  return inTurn(async () => (await import('./examChart.ts')).renderExamChart(data));
}
