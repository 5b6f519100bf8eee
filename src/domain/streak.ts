// A daily streak counts consecutive UTC days with at least one answer.
import { utcDay } from './periods.ts';

export interface Streak {
  lastDay: string;
  count: number;
}

function dayBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return utcDay(date);
}

export function extendStreak(streak: Streak | undefined, now: Date): Streak {
  const today = utcDay(now);
  if (!streak) return { lastDay: today, count: 1 };
  if (streak.lastDay === today) return streak;
  if (streak.lastDay === dayBefore(today)) return { lastDay: today, count: streak.count + 1 };
  return { lastDay: today, count: 1 };
}

/** The streak as of now: it survives until the end of the day after the last answer. */
export function currentStreak(streak: Streak | undefined, now: Date): number {
  if (!streak) return 0;
  const today = utcDay(now);
  return streak.lastDay === today || streak.lastDay === dayBefore(today) ? streak.count : 0;
}
