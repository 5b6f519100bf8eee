// The chart worker: draws and encodes one chart per message, on its own thread at the lowest CPU
// priority, so a burst of charts takes CPU only when nobody else needs it and never holds up the
// event loop or libuv's thread pool (which the store's SQLite connection uses).
import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { drawExamChart, type ExamChartData } from './examChart.ts';
import { drawStatsChart, type StatsChartData } from './statsChart.ts';

export type ChartJob = { id: number; kind: 'stats'; data: StatsChartData } | { id: number; kind: 'exam'; data: ExamChartData };
export type ChartResult = { id: number; png: Uint8Array } | { id: number; error: string };

// On Linux a thread is its own scheduling entity: this lowers this thread only, not the bot.
// Elsewhere the call would lower the whole process, so it is left alone.
if (process.platform === 'linux') {
  try {
    setPriority(19);
  } catch {
    // Not allowed here: charts then run at the bot's priority.
  }
}

parentPort!.on('message', (job: ChartJob) => {
  let result: ChartResult;
  try {
    const canvas = job.kind === 'stats' ? drawStatsChart(job.data) : drawExamChart(job.data);
    // A copy the worker owns, so it can be handed over without another copy.
    result = { id: job.id, png: new Uint8Array(canvas.encodeSync('png')) };
  } catch (error) {
    result = { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(result, 'png' in result ? [result.png.buffer as ArrayBuffer] : []);
});
