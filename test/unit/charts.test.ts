import { existsSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { describe, expect, it } from 'vitest';
import { EXAM_CHART_FIXTURE } from '../helpers/chartFixtures.ts';
import { ChartRenderer, ChartsBusyError, EXAM_CHART, MAX_WAITING_CHARTS, closeCharts, examChartPng } from '../../src/render/charts/index.ts';

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Linux's scheduling policy of a process: field 41 of /proc/<pid>/stat (5 is SCHED_IDLE). */
const SCHED_IDLE = 5;
const schedulingPolicy = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[38]);
};

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const data = EXAM_CHART_FIXTURE;

describe('chart rendering', () => {
  it('draws a PNG of the chart size', async () => {
    const png = await examChartPng(data);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([EXAM_CHART.width, EXAM_CHART.height]);
  });

  it(`draws one chart at a time and refuses more than ${MAX_WAITING_CHARTS} waiting`, async () => {
    const results = await Promise.allSettled(Array.from({ length: MAX_WAITING_CHARTS + 5 }, () => examChartPng(data)));
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(5);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ChartsBusyError);
    // Reusing one canvas never mixes two charts: every PNG drawn from the same data is the same.
    const pngs = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(new Set(pngs.map((png) => png.toString('base64'))).size).toBe(1);
    // The queue drains: the next chart is drawn.
    await expect(examChartPng(data)).resolves.toBeInstanceOf(Buffer);
  });

  it('fails the charts in flight when the renderer stops, and starts a new renderer for the next one', async () => {
    await examChartPng(data);
    const inFlight = examChartPng(data);
    await closeCharts();
    await expect(inFlight).rejects.toThrow(/chart renderer stopped/);
    const png = await examChartPng(data);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  });

  it('keeps drawing across renderer replacements (one every 100 charts), in a row and in bursts', async () => {
    for (let i = 0; i < 105; i++) expect((await examChartPng(data)).length).toBeGreaterThan(1000);
    const burst = await Promise.all(Array.from({ length: 30 }, () => examChartPng(data)));
    expect(burst.every((png) => png.subarray(1, 4).toString('ascii') === 'PNG')).toBe(true);
  }, 60_000);

  it("draws in a process of its own, never in the caller's, which ends when no chart has come for a while", async () => {
    const renderer = new ChartRenderer({ idleMs: 300 });
    try {
      expect((await renderer.render({ kind: 'exam', data })).subarray(1, 4).toString('ascii')).toBe('PNG');
      const pid = renderer.rendererPid!;
      expect(pid).not.toBe(process.pid);
      expect(isRunning(pid)).toBe(true);
      // At the lowest CPU priority from its start (anyone may lower a process they started).
      expect(getPriority(pid)).toBe(19);
      // On Linux with chrt (util-linux), under SCHED_IDLE: every other thread takes the core from it at once.
      if (process.platform === 'linux' && existsSync('/usr/bin/chrt')) expect(schedulingPolicy(pid)).toBe(SCHED_IDLE);
      // The canvas library (Skia) is mapped only into the renderer.
      if (process.platform === 'linux') {
        expect(readFileSync(`/proc/${pid}/maps`, 'utf8')).toMatch(/skia/);
        expect(readFileSync('/proc/self/maps', 'utf8')).not.toMatch(/skia/);
      }
      await waitUntil(() => !isRunning(pid), 10_000);
      expect(renderer.rendererPid).toBeUndefined();
      await renderer.render({ kind: 'exam', data });
      expect(renderer.rendererPid).not.toBe(pid);
    } finally {
      await renderer.close();
    }
  }, 30_000);

  it('fails the chart in hand with a clear error when the renderer is killed, and draws the next one', async () => {
    const renderer = new ChartRenderer();
    try {
      await renderer.render({ kind: 'exam', data });
      const inHand = renderer.render({ kind: 'exam', data });
      process.kill(renderer.rendererPid!, 'SIGKILL');
      await expect(inHand).rejects.toThrow(/chart renderer stopped \(SIGKILL\)/);
      expect((await renderer.render({ kind: 'exam', data })).length).toBeGreaterThan(1000);
    } finally {
      await renderer.close();
    }
  }, 30_000);
});
