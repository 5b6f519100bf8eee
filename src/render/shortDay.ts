// "3 Dec" for a UTC day (YYYY-MM-DD), as the stats text and chart label days. One formatter for
// every call: toLocaleDateString builds a new one each time (about 40 µs), and a stats message
// labels 30 days.
const SHORT_DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });

export function shortDay(day: string): string {
  return SHORT_DAY.format(new Date(`${day}T00:00:00Z`));
}
