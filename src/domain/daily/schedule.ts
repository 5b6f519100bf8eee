// When a channel's daily question is due. The scheduler sweeps every minute over the persisted
// schedules and asks this pure function; a claim on the local date makes each day post once.
import { instantOf, localTime } from './clock.ts';

export interface DailySchedule {
  channelId: string;
  /** Minutes after local midnight. */
  minutes: number;
  timezone: string;
  /** The local date (in `timezone`) that has been claimed for posting. */
  lastPostedDate?: string;
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
