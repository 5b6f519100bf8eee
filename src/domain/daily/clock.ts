// Local calendar maths for the daily post, on the platform's time-zone database (Intl).
export interface LocalTime {
  /** YYYY-MM-DD in the zone. */
  date: string;
  /** Minutes since local midnight. */
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, f);
  }
  return f;
}

export function localTime(instant: Date, zone: string): LocalTime {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

let zoneList: string[] | undefined;

/** Every IANA zone the runtime knows, plus UTC (which some runtimes leave out of the list). */
export function knownTimeZones(): string[] {
  zoneList ??= [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];
  return zoneList;
}

export function isValidTimeZone(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Zones whose name contains every typed word ("paris", "new york"), at most `limit`. */
export function searchTimeZones(typed: string, limit = 25): string[] {
  const words = typed
    .toLowerCase()
    .split(/[\s/_]+/)
    .filter(Boolean);
  return knownTimeZones()
    .filter((zone) => words.every((w) => zone.toLowerCase().replace(/_/g, ' ').includes(w)))
    .slice(0, limit);
}

/** Parses "HH:MM" (24-hour) into minutes since midnight, or undefined. */
export function parseClockTime(text: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  return hours < 24 && minutes < 60 ? hours * 60 + minutes : undefined;
}

export function formatClockTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The first instant at or after local `date` + `minutes` in `zone`. Where that local time does not
 * exist (a spring-forward gap), it is the first minute after the gap.
 */
export function instantOf(date: string, minutes: number, zone: string): Date {
  const wanted = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  let guess = wanted;
  // Two corrections by the zone's offset settle it, even across a change of offset.
  for (let i = 0; i < 3; i++) {
    const local = localTime(new Date(guess), zone);
    const seen = Date.parse(`${local.date}T00:00:00Z`) + local.minutes * 60_000;
    guess += wanted - seen;
  }
  // In a gap the guess lands before the wanted local time; step forward to the first valid minute.
  for (let i = 0; i < 180; i++) {
    const local = localTime(new Date(guess), zone);
    if (local.date > date || (local.date === date && local.minutes >= minutes)) break;
    guess += 60_000;
  }
  return new Date(guess);
}

/** "Sat 28 Nov, 08:00" as the clock on the wall in `zone` shows it. */
export function formatLocal(instant: Date, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.weekday} ${parts.day} ${parts.month}, ${parts.hour}:${parts.minute}`;
}
