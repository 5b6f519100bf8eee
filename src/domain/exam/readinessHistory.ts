// Readiness over time: one point per learner per UTC day, the readiness after the day's last
// answer. Readiness itself is the exam-weighted mastery (see mastery.ts).

export interface ReadinessPoint {
  /** UTC date, YYYY-MM-DD. */
  day: string;
  /** Readiness, 0-1. */
  value: number;
}

/** Days of history kept: the chart shows 30; a little more lets a late reader still see a month. */
export const READINESS_DAYS_KEPT = 45;
export const READINESS_CHART_DAYS = 30;
const DAY_MS = 86_400_000;

export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The history with today's point set to `value` (replacing an earlier point of the same day), oldest days dropped. */
export function noteReadiness(history: readonly ReadinessPoint[] | undefined, at: Date, value: number): ReadinessPoint[] {
  const day = utcDay(at);
  const oldest = utcDay(new Date(at.getTime() - (READINESS_DAYS_KEPT - 1) * DAY_MS));
  const kept = (history ?? []).filter((p) => p.day !== day && p.day >= oldest);
  return [...kept, { day, value: Math.round(value * 10_000) / 10_000 }].sort((a, b) => a.day.localeCompare(b.day));
}

/** The points of the last `days` days up to `today`, oldest first. */
export function readinessSeries(history: readonly ReadinessPoint[] | undefined, today: Date, days = READINESS_CHART_DAYS): ReadinessPoint[] {
  const last = utcDay(today);
  const first = utcDay(new Date(today.getTime() - (days - 1) * DAY_MS));
  return (history ?? []).filter((p) => p.day >= first && p.day <= last).sort((a, b) => a.day.localeCompare(b.day));
}

/** Days between two YYYY-MM-DD dates (b - a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}
