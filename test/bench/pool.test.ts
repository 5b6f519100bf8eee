import { describe, expect, it } from 'vitest';
import { pool } from '../../scripts/bench/latency.ts';

type Run = Parameters<typeof pool>[0][number];

function run(latencies: number[], extra: Partial<Run> = {}): Run {
  return {
    inBot: { work: latencies.map((ms) => ms / 2), gcPauses: [1, 2], gcMsByKind: { minor: 3 }, cpuMs: 1000, rssMb: 90, peakRssMb: 100 },
    samples: latencies.map((ms, i) => ({ kind: 'click', created: i, callback: i + ms, visible: i + ms })),
    elapsedMs: 1000,
    byKind: { click: latencies.length },
    repeatClicks: 0,
    violations: [],
    rateLimited: 0,
    botAuthRequests: 0,
    generatorErrors: 0,
    lagMs: 1,
    emulatorCpuMs: 500,
    emulatorGcPauses: [4],
    warmupRetries: 0,
    chartsDelivered: 0,
    ...extra,
  };
}

describe('pooling latency runs', () => {
  it('takes percentiles over every sample of every run, and adds up counts and CPU time', () => {
    // 99 fast samples in one run and one slow sample in the other: the pooled p99 is fast, the max slow.
    const pooled = pool([run(Array(99).fill(2)), run([50], { violations: ['POST /x 400'], lagMs: 7 })]);
    expect(pooled.runs).toBe(2);
    expect(pooled.sent).toBe(100);
    expect(pooled.latency.p99).toBe(2);
    expect(pooled.latency.max).toBe(50);
    expect(pooled.work.max).toBe(25);
    expect(pooled.gc).toEqual({ pauses: 4, totalMs: 6, maxMs: 2, msByKind: { minor: 6 } });
    expect(pooled.cpuMs).toBe(2000);
    expect(pooled.emulatorCpuMs).toBe(1000);
    expect(pooled.emulatorGc).toEqual({ pauses: 2, totalMs: 8, maxMs: 4 });
    expect(pooled.byKind).toEqual({ click: 100 });
    expect(pooled.violations).toBe(1);
    expect(pooled.lagMs).toBe(7);
    expect(pooled.peakRssMb).toBe(100);
  });

  it('counts interactions that never got a response', () => {
    const unanswered = run([3]);
    unanswered.samples.push({ kind: 'quiz', created: 5, callback: NaN, visible: NaN });
    const pooled = pool([unanswered, run([4])]);
    expect(pooled.unanswered).toBe(1);
    expect(pooled.notVisible).toBe(1);
    expect(pooled.latency.count).toBe(2);
  });

  it('leaves the chart load out of what other users wait', () => {
    const mixed = run([2, 3, 4]);
    mixed.samples.push({ kind: 'chart', created: 0, callback: 80, visible: 80 });
    const pooled = pool([mixed]);
    expect(pooled.latency.max).toBe(80);
    expect(pooled.others.max).toBe(4);
    expect(pooled.others.count).toBe(3);
    expect(pooled.p99ByKind.chart).toBe(80);
  });
});
