import { describe, expect, it } from 'vitest';
import { formatLocal, instantOf, isValidTimeZone, localTime, parseClockTime, searchTimeZones } from '../../src/domain/daily/clock.ts';
import { carriedClaim, dueDecision, nextPost } from '../../src/domain/daily/schedule.ts';

describe('daily clock', () => {
  it('parses 24-hour HH:MM and rejects anything else', () => {
    expect(parseClockTime('08:30')).toBe(510);
    expect(parseClockTime('8:05')).toBe(485);
    expect(parseClockTime('23:59')).toBe(1439);
    for (const bad of ['24:00', '12:60', '8.30', 'noon', '', '12:5', '-1:00']) expect(parseClockTime(bad)).toBeUndefined();
  });

  it('knows real IANA zones and refuses made-up ones', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });

  it('finds zones by any words typed, at most 25', () => {
    expect(searchTimeZones('new york')).toContain('America/New_York');
    expect(searchTimeZones('paris')).toEqual(['Europe/Paris']);
    expect(searchTimeZones('a').length).toBe(25);
  });

  it('reads the local date and minute in a zone', () => {
    expect(localTime(new Date('2026-06-01T22:30:00Z'), 'Europe/Paris')).toEqual({ date: '2026-06-02', minutes: 30 });
    expect(localTime(new Date('2026-06-01T03:15:00Z'), 'America/New_York')).toEqual({ date: '2026-05-31', minutes: 23 * 60 + 15 });
  });

  it('maps a local time to the instant, across daylight-saving changes', () => {
    expect(instantOf('2026-03-28', 8 * 60, 'Europe/Paris').toISOString()).toBe('2026-03-28T07:00:00.000Z');
    expect(instantOf('2026-03-30', 8 * 60, 'Europe/Paris').toISOString()).toBe('2026-03-30T06:00:00.000Z');
    // 02:30 does not exist on 29 March 2026 in Paris: the first minute after the gap is 03:00 local.
    expect(instantOf('2026-03-29', 150, 'Europe/Paris').toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('formats an instant as the wall clock in a zone shows it', () => {
    expect(formatLocal(new Date('2026-11-28T07:00:00Z'), 'Europe/Paris')).toBe('Sat 28 Nov, 08:00');
    expect(formatLocal(new Date('2026-11-28T07:00:00Z'), 'America/New_York')).toBe('Sat 28 Nov, 02:00');
  });

  it('gives the next post: today if not yet posted, tomorrow once posted, and "due now" when the time passed unposted', () => {
    const paris = { channelId: '1', minutes: 8 * 60, timezone: 'Europe/Paris' };
    const now = new Date('2026-06-01T05:00:00Z'); // 07:00 in Paris
    expect(nextPost(paris, now)).toEqual({ dueNow: false, at: new Date('2026-06-01T06:00:00.000Z'), today: true });
    expect(nextPost({ ...paris, lastPostedDate: '2026-06-01' }, now)).toEqual({ dueNow: false, at: new Date('2026-06-02T06:00:00.000Z'), today: false });
    expect(nextPost(paris, new Date('2026-06-01T09:00:00Z'))).toEqual({ dueNow: true });
    // Never an instant in the past.
    const next = nextPost({ ...paris, lastPostedDate: '2026-06-01' }, new Date('2026-06-01T09:00:00Z'));
    expect(next.dueNow === false && next.at.getTime() > Date.parse('2026-06-01T09:00:00Z')).toBe(true);
  });
});

describe('a changed schedule keeps the day it already posted', () => {
  const postedUtc = { channelId: '1', minutes: 8 * 60, timezone: 'UTC', lastPostedDate: '2026-06-01', lastPostedAt: Date.parse('2026-06-01T08:00:00Z') };

  it('keeps the claim when only the time changes', () => {
    expect(carriedClaim(postedUtc, 'UTC')).toBe('2026-06-01');
  });

  it('translates the claim to the new zone: the day of the last post as the new zone sees it', () => {
    // 08:00 UTC is 01:00 in Los Angeles and 17:00 in Tokyo, both on 1 June: no second post that day.
    expect(carriedClaim(postedUtc, 'America/Los_Angeles')).toBe('2026-06-01');
    expect(carriedClaim(postedUtc, 'Asia/Tokyo')).toBe('2026-06-01');
    // 23:30 UTC on 1 June is already 2 June in Tokyo: Tokyo's 2 June has had its post.
    expect(carriedClaim({ ...postedUtc, lastPostedAt: Date.parse('2026-06-01T23:30:00Z') }, 'Asia/Tokyo')).toBe('2026-06-02');
  });

  it('has nothing to carry for a new channel, or a claim with no recorded post time in another zone', () => {
    expect(carriedClaim(undefined, 'UTC')).toBeUndefined();
    expect(carriedClaim({ channelId: '1', minutes: 0, timezone: 'UTC', lastPostedDate: '2026-06-01' }, 'Europe/Paris')).toBeUndefined();
  });

  it('with the carried claim, the new zone does not post again that day', () => {
    const moved = { channelId: '1', minutes: 8 * 60, timezone: 'America/Los_Angeles', lastPostedDate: carriedClaim(postedUtc, 'America/Los_Angeles')! };
    expect(dueDecision(moved, new Date('2026-06-01T15:00:00Z'))).toEqual({ due: false }); // 08:00 in Los Angeles
    expect(dueDecision(moved, new Date('2026-06-02T15:00:00Z')).due).toBe(true);
  });
});

describe('daily due decision', () => {
  const schedule = { channelId: '1', minutes: 8 * 60, timezone: 'Europe/Paris' };

  it('is not due before the local time', () => {
    expect(dueDecision(schedule, new Date('2026-06-01T05:59:00Z'))).toEqual({ due: false });
  });

  it('is due at the local time, on time', () => {
    expect(dueDecision(schedule, new Date('2026-06-01T06:00:00Z'))).toEqual({ due: true, localDate: '2026-06-01', late: false });
  });

  it('is due late later the same day when not yet posted', () => {
    expect(dueDecision(schedule, new Date('2026-06-01T10:00:00Z'))).toEqual({ due: true, localDate: '2026-06-01', late: true });
  });

  it('is not due again once the local date is claimed', () => {
    expect(dueDecision({ ...schedule, lastPostedDate: '2026-06-01' }, new Date('2026-06-01T10:00:00Z'))).toEqual({ due: false });
  });

  it('uses the local date, not the UTC date', () => {
    // 23:00 UTC on 1 June is 08:00 on 2 June in Tokyo.
    const tokyo = { channelId: '1', minutes: 8 * 60, timezone: 'Asia/Tokyo', lastPostedDate: '2026-06-01' };
    expect(dueDecision(tokyo, new Date('2026-06-01T23:00:00Z'))).toEqual({ due: true, localDate: '2026-06-02', late: false });
  });
});
