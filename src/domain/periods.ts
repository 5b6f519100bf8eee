// Calendar periods in UTC: ISO weeks (Monday first) and months.
export type Period = 'week' | 'month' | 'all';
export const PERIODS: readonly Period[] = ['week', 'month', 'all'];

export function isoWeekKey(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday); // the Thursday of this week decides its year
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export function monthKey(date: Date): string {
  return `${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function periodKey(period: Period, date: Date): string {
  if (period === 'week') return isoWeekKey(date);
  if (period === 'month') return monthKey(date);
  return 'all';
}

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export const PERIOD_LABEL: Record<Period, string> = { week: 'this week', month: 'this month', all: 'all time' };
