import { describe, expect, it } from 'vitest';
import { shortDay } from '../../src/render/shortDay.ts';

describe('shortDay', () => {
  it('labels a UTC day as "3 Dec", whatever the machine\'s time zone', () => {
    expect(shortDay('2026-12-03')).toBe('3 Dec');
    expect(shortDay('2027-01-31')).toBe('31 Jan');
    // The last day of a month stays itself (a local-time conversion west of UTC would give the day before).
    expect(shortDay('2026-02-28')).toBe('28 Feb');
  });
});
