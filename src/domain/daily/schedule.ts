// When a channel's daily question is due. The scheduler sweeps every minute over the persisted
// schedules and asks this pure function; a claim on the local date makes each day post once.
import { addDays, instantOf, localTime } from './clock.ts';

export interface DailySchedule {
  channelId: string;
  /** Minutes after local midnight. */
  minutes: number;
  timezone: string;
  /** The local date (in `timezone`) that has been claimed for posting. */
  lastPostedDate?: string;
  /** When the last scheduled post went out: carries the day's claim over a change of time zone. */
  lastPostedAt?: number;
}

/** An open daily post is revealed at the latest this long after it went out. */
export const OPEN_POST_LIFETIME_MS = 24 * 60 * 60_000;

/**
 * The claimed local date a changed schedule keeps, so a day never gets a second post: the same
 * claim when the zone is unchanged, otherwise the day of the last post as the new zone sees it.
 */
export function carriedClaim(previous: DailySchedule | undefined, timezone: string): string | undefined {
  if (!previous) return undefined;
  if (previous.timezone === timezone) return previous.lastPostedDate;
  return previous.lastPostedAt === undefined ? undefined : localTime(new Date(previous.lastPostedAt), timezone).date;
}

export type NextPost = { dueNow: true } | { dueNow: false; at: Date; today: boolean };

/** When the channel's next scheduled post comes: now (the time has passed and today is unclaimed), or an instant. */
export function nextPost(schedule: DailySchedule, now: Date): NextPost {
  const today = localTime(now, schedule.timezone).date;
  if (schedule.lastPostedDate !== today) {
    const at = instantOf(today, schedule.minutes, schedule.timezone);
    return at.getTime() <= now.getTime() ? { dueNow: true } : { dueNow: false, at, today: true };
  }
  return { dueNow: false, at: instantOf(addDays(today, 1), schedule.minutes, schedule.timezone), today: false };
}

export type DueDecision = { due: false } | { due: true; localDate: string; late: boolean };

/** Late posts are made only on the same local day; a day the bot was down all day is skipped. */
export function dueDecision(schedule: DailySchedule, now: Date): DueDecision {
  const local = localTime(now, schedule.timezone);
  if (schedule.lastPostedDate === local.date) return { due: false };
  if (local.minutes < schedule.minutes) return { due: false };
  // Anything past the first couple of minutes means the bot was down (or busy) at post time.
  // Measured from the real instant, so the first minute after a spring-forward gap is on time.
  const scheduled = instantOf(local.date, schedule.minutes, schedule.timezone);
  return { due: true, localDate: local.date, late: now.getTime() - scheduled.getTime() > 2 * 60_000 };
}
