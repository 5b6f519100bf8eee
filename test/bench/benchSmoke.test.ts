// Runs every benchmark scenario at a tiny size so the harness cannot rot. Asserts correctness
// (nothing lost, each post exactly once), never speed: machines here are shared and noisy.
import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../scripts/bench/scenarios.ts';

describe('benchmark harness (smoke size)', () => {
  it('answer throughput loses no answer', async () => {
    const figures = await SCENARIOS.throughput!('smoke');
    expect(figures.find((f) => f.metric === 'answers lost')?.value).toBe(0);
    expect(figures.find((f) => f.metric === 'answers recorded per second')?.value).toBeGreaterThan(0);
  });

  it('store scale measures leaderboard and stats for big and small servers', async () => {
    const figures = await SCENARIOS.scale!('smoke');
    expect(figures.map((f) => f.metric)).toEqual([
      'leaderboard p99, 200 members',
      'stats p99, 200 members',
      'leaderboard first load, 200 members',
      'leaderboard p99, 20 members among 6 servers',
      'stats p99, 20 members among 6 servers',
      'leaderboard p99 with 5 more servers in the store',
    ]);
    for (const figure of figures) expect(Number.isFinite(figure.value)).toBe(true);
  });

  it('interaction latency answers every interaction with no emulator violation', async () => {
    const figures = await SCENARIOS.latency!('smoke');
    const value = (metric: string) => figures.find((f) => f.metric === metric)?.value;
    expect(value('interactions sent in the measured runs')).toBeGreaterThan(0);
    expect(value('interactions without an initial response')).toBe(0);
    expect(value('emulator violations during the run')).toBe(0);
  }, 120_000);

  it('daily fan-out posts to each channel exactly once', async () => {
    const figures = await SCENARIOS.fanout!('smoke');
    const once = figures.find((f) => f.metric === 'channels without exactly one post');
    expect(once?.value).toBe(0);
    expect(once?.met).toBe(true);
  }, 60_000);

  it('study session counts every answer once, answers every click and is never rate limited', async () => {
    const figures = await SCENARIOS.session!('smoke');
    const value = (metric: string) => figures.find((f) => f.metric.startsWith(metric))?.value;
    expect(value('answers not counted exactly once')).toBe(0);
    expect(value('429 responses and emulator violations')).toBe(0);
    expect(Number.isFinite(value('reveal after the question ends p99'))).toBe(true);
  }, 60_000);

  it('footprint reports finite, positive memory and start-up figures', async () => {
    const figures = await SCENARIOS.footprint!('smoke');
    expect(figures.length).toBeGreaterThanOrEqual(3);
    for (const figure of figures) {
      expect(Number.isFinite(figure.value)).toBe(true);
      expect(figure.value).toBeGreaterThan(0);
    }
  }, 120_000);

  it('PostgreSQL store loses no answer and measures its reads', async () => {
    const figures = await SCENARIOS.postgres!('smoke');
    expect(figures.find((f) => f.metric === 'answers lost')?.value).toBe(0);
    expect(figures.find((f) => f.metric === 'answers recorded per second')?.value).toBeGreaterThan(0);
    for (const figure of figures) expect(Number.isFinite(figure.value)).toBe(true);
  }, 120_000);

  it('sharded daily fan-out posts to each channel exactly once with no 429', async () => {
    const figures = await SCENARIOS.shards!('smoke');
    expect(figures.find((f) => f.metric === 'channels without exactly one post')?.value).toBe(0);
    expect(figures.find((f) => f.metric === 'responses 429')?.met).toBe(true);
  }, 180_000);

  it('charts render, reach the readers, and leave nothing unanswered', async () => {
    const figures = await SCENARIOS.charts!('smoke');
    const delivered = figures.find((f) => f.metric === 'charts delivered');
    expect(delivered?.value).toBeGreaterThan(0);
    expect(delivered?.met).toBe(true);
    for (const figure of figures.filter((f) => f.unit === 'ms' || f.unit === 'MB')) expect(figure.value).toBeGreaterThan(0);
  }, 180_000);
});
