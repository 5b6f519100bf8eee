import { describe, expect, it } from 'vitest';
import { isoWeekKey, monthKey, periodKey, utcDay } from '../../src/domain/periods.ts';

const d = (iso: string) => new Date(iso);

describe('ISO week keys', () => {
  it.each([
    ['2026-12-31T12:00:00Z', '2026-W53'], // a Thursday: 2026 has 53 weeks
    ['2027-01-01T00:00:00Z', '2026-W53'], // Friday of that same week
    ['2027-01-03T23:59:59Z', '2026-W53'], // its Sunday
    ['2027-01-04T00:00:00Z', '2027-W01'], // the next Monday
    ['2024-12-30T00:00:00Z', '2025-W01'], // Monday whose Thursday is in 2025
    ['2024-12-29T23:59:59Z', '2024-W52'],
    ['2026-01-01T00:00:00Z', '2026-W01'],
    ['2026-03-01T12:00:00Z', '2026-W09'], // Sunday
    ['2026-03-02T00:00:00Z', '2026-W10'], // Monday
  ])('%s is in %s', (iso, key) => {
    expect(isoWeekKey(d(iso))).toBe(key);
  });

  it('uses the UTC date, not the local one', () => {
    expect(isoWeekKey(d('2027-01-03T23:30:00-05:00'))).toBe('2027-W01'); // 04:30 UTC on Monday
  });
});

describe('month and period keys', () => {
  it('pads the month and uses UTC', () => {
    expect(monthKey(d('2026-01-31T23:59:59Z'))).toBe('2026-01');
    expect(monthKey(d('2026-11-30T20:00:00-05:00'))).toBe('2026-12');
  });

  it('maps each period to its key', () => {
    const date = d('2026-12-31T12:00:00Z');
    expect(periodKey('week', date)).toBe('2026-W53');
    expect(periodKey('month', date)).toBe('2026-12');
    expect(periodKey('all', date)).toBe('all');
    expect(utcDay(d('2026-12-31T23:30:00-02:00'))).toBe('2027-01-01');
  });
});
