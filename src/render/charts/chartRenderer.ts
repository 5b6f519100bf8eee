// The chart renderer: a small process of its own that draws and encodes one chart per message, at
// the lowest CPU priority (SCHED_IDLE, else nice 19: set by the bot as it starts this process, in
// index.ts). A process, not a worker thread: the canvas library's native memory (tens of MB once
// it has drawn, growing with use) is given back whole when the process ends, while a thread's stays
// in the bot's process for good; and the priority covers every thread the library and V8 start,
// not only the one that draws.
import { drawExamChart, type ExamChartData } from './examChart.ts';
import { encodeOpaquePng } from './png.ts';
import { drawStatsChart, type StatsChartData } from './statsChart.ts';

export type ChartJob = { id: number; kind: 'stats'; data: StatsChartData } | { id: number; kind: 'exam'; data: ExamChartData };
export type ChartResult = { id: number; png: Uint8Array } | { id: number; error: string };

const collectYoungGarbage = (globalThis as { gc?: (options: { type: 'minor' }) => void }).gc;

process.on('message', (job: ChartJob) => {
  let result: ChartResult;
  try {
    const canvas = job.kind === 'stats' ? drawStatsChart(job.data) : drawExamChart(job.data);
    result = { id: job.id, png: encodeOpaquePng(canvas.data(), canvas.width, canvas.height) };
  } catch (error) {
    result = { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
  process.send!(result);
  // The chart's pixels (1.8 MB read back for the encoder) are garbage from here on; a young-
  // generation collection frees them now, where V8 would let tens of MB pile up first (over 200
  // charts: 122 MB at most instead of 165, and no slower). --expose-gc is in index.ts's flags.
  collectYoungGarbage?.({ type: 'minor' });
});
// The bot went away (or let the renderer go): nothing is left to draw for.
process.on('disconnect', () => process.exit(0));
