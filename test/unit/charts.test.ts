import { describe, expect, it } from 'vitest';
import { ChartsBusyError, EXAM_CHART, MAX_WAITING_CHARTS, closeCharts, examChartPng } from '../../src/render/charts/index.ts';

const data = {
  title: 'Mock exam: 3/5 · estimated 601/1000',
  subtitle: 'Share right per domain',
  domains: [
    { label: 'MLOps infrastructure', value: 1, note: '2/2' },
    { label: 'ML model lifecycle and operations', value: 1 / 3, note: '1/3' },
  ],
  passLine: 0.7,
};

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

  it('fails the charts in flight when the worker stops, and starts a new worker for the next one', async () => {
    await examChartPng(data);
    const inFlight = examChartPng(data);
    await closeCharts();
    await expect(inFlight).rejects.toThrow(/chart worker stopped/);
    const png = await examChartPng(data);
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
  });

  it('keeps drawing across worker replacements (one every 100 charts), in a row and in bursts', async () => {
    for (let i = 0; i < 105; i++) expect((await examChartPng(data)).length).toBeGreaterThan(1000);
    const burst = await Promise.all(Array.from({ length: 30 }, () => examChartPng(data)));
    expect(burst.every((png) => png.subarray(1, 4).toString('ascii') === 'PNG')).toBe(true);
  }, 60_000);
});
