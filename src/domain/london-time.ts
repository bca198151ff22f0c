// People live in Europe/London; storage is UTC. These helpers convert between an instant
// and London wall-clock fields without depending on the process's TZ.

export const LONDON = "Europe/London";

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

const partsFormatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: LONDON,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  weekday: "short",
});

export interface LondonParts extends Required<WallClock> {
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

const HOUR_MS = 3_600_000;

/**
 * London's offset from UTC, in minutes, by UTC hour. London's clocks change only on the hour
 * in UTC (01:00), so one hour has one offset: the time zone database is asked once per hour
 * (formatToParts is the costly part of every date calculation) and wall-clock fields are
 * then plain arithmetic.
 */
const offsetByHour = new Map<number, number>();

/** Minutes London is ahead of UTC at an instant (0 in winter, 60 in summer). */
export function londonOffsetMinutes(instant: Date): number {
  const hour = Math.floor(instant.getTime() / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const parts: Record<string, string> = {};
    for (const p of partsFormatter.formatToParts(new Date(hour * HOUR_MS))) parts[p.type] = p.value;
    const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
    offset = Math.round((asUtc - hour * HOUR_MS) / 60000);
    if (offsetByHour.size >= 100_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

/** London wall-clock fields of an instant. */
export function londonParts(instant: Date): LondonParts {
  const wall = new Date(instant.getTime() + londonOffsetMinutes(instant) * 60_000);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    weekday: wall.getUTCDay(),
  };
}

/**
 * The instant at which London's clocks show the given wall-clock time.
 * A time skipped by the spring clock change (01:30 on the last Sunday of March) is
 * moved forward an hour; an ambiguous autumn time takes the first (BST) occurrence.
 */
export function londonToInstant(wall: WallClock): Date {
  const naive = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
  // Try the offsets in force just before and after; pick the one that round-trips.
  const candidates = [londonOffsetMinutes(new Date(naive - 3 * 3600_000)), londonOffsetMinutes(new Date(naive + 3 * 3600_000))];
  for (const offset of candidates) {
    const instant = new Date(naive - offset * 60_000);
    const p = londonParts(instant);
    if (p.hour === wall.hour && p.minute === wall.minute && p.day === wall.day) return instant;
  }
  // Skipped by the spring-forward gap: the wall time does not exist; use the winter offset.
  return new Date(naive - Math.min(...candidates) * 60_000);
}

/** "Mon 23 Nov 2026 14:10" in London time, for people. */
export function formatLondon(instant: Date, opts: { withTime?: boolean } = {}): string {
  const p = londonParts(instant);
  const date = `${WEEKDAYS[p.weekday]} ${p.day} ${MONTHS[p.month - 1]} ${p.year}`;
  return opts.withTime === false ? date : `${date} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** A calendar month as people read it: "2026-11" → "Nov 2026". */
export function monthLabel(month: string): string {
  const [year, m] = month.split("-");
  return `${MONTHS[Number(m) - 1]} ${year}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** A date as a person would type it back: "24/11/2026 17:00" in London time. */
export function typedLondon(instant: Date): string {
  const p = londonParts(instant);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(p.day)}/${pad(p.month)}/${p.year} ${pad(p.hour)}:${pad(p.minute)}`;
}
