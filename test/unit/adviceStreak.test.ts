import { describe, expect, it } from 'vitest';
import { combineMisses, mostMissedTags } from '../../src/domain/advice.ts';
import { currentStreak, extendStreak } from '../../src/domain/streak.ts';

describe('mostMissedTags', () => {
  it('orders by misses, most first, and stops at the limit', () => {
    expect(mostMissedTags({ quality: 2, genaiops: 5, observability: 3 })).toEqual(['genaiops', 'observability']);
    expect(mostMissedTags({ quality: 2, genaiops: 5, observability: 3 }, 3)).toEqual(['genaiops', 'observability', 'quality']);
  });

  it('breaks ties by cheat-sheet order, whatever the key order', () => {
    expect(mostMissedTags({ optimization: 4, infrastructure: 4, quality: 4 }, 3)).toEqual(['infrastructure', 'quality', 'optimization']);
  });

  it('ignores zero counts and returns [] for no misses', () => {
    expect(mostMissedTags({ quality: 0, lifecycle: 1 }, 5)).toEqual(['lifecycle']);
    expect(mostMissedTags({})).toEqual([]);
  });
});

describe('combineMisses', () => {
  it('adds counts tag by tag and leaves absent tags out', () => {
    expect(combineMisses({ quality: 2, lifecycle: 1 }, { quality: 3, genaiops: 4 }, {})).toEqual({ quality: 5, lifecycle: 1, genaiops: 4 });
    expect(combineMisses()).toEqual({});
  });
});

describe('streak', () => {
  const at = (iso: string) => new Date(iso);

  it('starts at 1 and stays put for more answers the same UTC day', () => {
    const first = extendStreak(undefined, at('2026-05-10T00:30:00Z'));
    expect(first).toEqual({ lastDay: '2026-05-10', count: 1 });
    expect(extendStreak(first, at('2026-05-10T23:59:00Z'))).toEqual({ lastDay: '2026-05-10', count: 1 });
  });

  it('grows on the next day, across a month end', () => {
    expect(extendStreak({ lastDay: '2026-05-31', count: 4 }, at('2026-06-01T08:00:00Z'))).toEqual({ lastDay: '2026-06-01', count: 5 });
  });

  it('resets to 1 after a missed day', () => {
    expect(extendStreak({ lastDay: '2026-05-10', count: 9 }, at('2026-05-12T08:00:00Z'))).toEqual({ lastDay: '2026-05-12', count: 1 });
  });

  it('counts through the following day, then drops to 0', () => {
    const streak = { lastDay: '2026-12-31', count: 3 };
    expect(currentStreak(streak, at('2026-12-31T22:00:00Z'))).toBe(3);
    expect(currentStreak(streak, at('2027-01-01T23:59:59Z'))).toBe(3);
    expect(currentStreak(streak, at('2027-01-02T00:00:00Z'))).toBe(0);
    expect(currentStreak(undefined, at('2027-01-01T00:00:00Z'))).toBe(0);
  });
});
