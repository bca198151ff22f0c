// Natural-language dates and times, read day-first (en-GB) in Europe/London.
//
// chrono-node ignores a named time zone and a fixed offset is wrong across a clock change
// (docs/architecture.md#toolchain-notes), so we hand chrono the London offset in force at `now`, read back
// only the wall-clock fields it found, apply the product's rules ourselves (weekdays, day-only
// dates, past/future orientation) and rebuild the instant with londonToInstant. Nothing here
// uses local-time Date methods, so results do not depend on the process TZ.
// The English parsers alone: the whole package (every locale) costs ~13 MB and ~0.2 s more at start-up.
import type { ParsedResult } from "chrono-node";
import { GB as ENGLISH_GB } from "chrono-node/en";
import { londonParts, londonToInstant, type LondonParts, type WallClock } from "../domain/london-time.ts";

export interface HourMinute {
  hour: number;
  minute: number;
}

export interface LondonDateTime {
  instant: Date;
  /** The words the date was read from, as typed. */
  text: string;
  /** Where `text` starts in the input. */
  index: number;
  /** Whether a clock time was written (otherwise the default time was applied). */
  certainTime: boolean;
}

export interface ReadOptions {
  /** Time for a date written without one. Default 17:30 (end of working hours). */
  defaultTime?: HourMinute;
  /**
   * true (default): due-date reading. A bare weekday is the next one strictly after today
   * ("Friday" said on a Friday is a week later, never two), a time already passed today is
   * tomorrow, a day/month without a year is this year's unless that is over two months past.
   * false: discussion reading, looking back. A bare weekday is the most recent one (today
   * included), a time later than now is yesterday's, a day/month is this year or last.
   */
  forwardDates?: boolean;
}

export const END_OF_WORKING_DAY: HourMinute = { hour: 17, minute: 30 };

/** A day and month without a year this close to today, either side, is this year's. */
const NEAR_DAYS = 62;

const GB = ENGLISH_GB;

/** Cheap pre-check: chrono costs tens of microseconds per call, so skip text with no date words. */
const DATE_HINT =
  /\d|\b(?:today|tonight|tomorrow|yesterday|now|noon|midday|midnight|morning|afternoon|evening|eod|eow|cob|cop|close of|end of|weeks?|fortnight|months?|days?|(?:mon|tues?|wed(?:nes)?|weds|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b/i;

/** Phrases chrono does not read (or reads wrongly): end of day/week/month. */
const CUSTOM =
  /\b(?:(end of (?:the |this )?(?:working )?day|eod|cob|cop|close of (?:play|business))|(end of (?:the |this )?week|eow)|(end of next week)|(end of (?:the |this )?month|eom))\b/gi;

/** Lower-case weekday abbreviations that are usually ordinary words ("she sat exams"). */
const FALSE_WEEKDAYS = new Set(["sat", "sun", "wed", "mar", "may"]);
const PART_OF_DAY: Array<[RegExp, HourMinute]> = [
  [/morning/i, { hour: 9, minute: 0 }],
  [/afternoon/i, { hour: 14, minute: 0 }],
  [/evening|tonight/i, { hour: 18, minute: 0 }],
];
const SAME_DAY_WORDS = /\b(?:today|this (?:morning|afternoon|evening)|tonight)\b/i;
const LAST_WORD = /\b(?:last|previous)\s/i;
const THIS_WORD = /\bthis\s/i;
const LEADING_ZERO_TIME = /\b0\d[:.]\d\d/;

interface Ymd {
  year: number;
  month: number;
  day: number;
}

/** Calendar arithmetic on a London date (no time zone involved). */
export function addDays(d: Ymd, days: number): Ymd {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

function compareYmd(a: Ymd, b: Ymd): number {
  return (a.year - b.year) * 400 + (a.month - b.month) * 32 + (a.day - b.day);
}

/** Reads a natural-language date/time day-first in Europe/London against `now`. null if none found. */
export function readLondonDateTime(text: string, now: Date, opts: ReadOptions = {}): LondonDateTime | null {
  return readLondonDateTimes(text, now, opts)[0] ?? null;
}

/** Every date/time found in `text`, in order of appearance. */
export function readLondonDateTimes(text: string, now: Date, opts: ReadOptions = {}): LondonDateTime[] {
  if (!DATE_HINT.test(text)) return [];
  const forward = opts.forwardDates ?? true;
  const defaultTime = opts.defaultTime ?? END_OF_WORKING_DAY;
  const { parts: ref, offset } = reference(now);
  const found: LondonDateTime[] = [];

  CUSTOM.lastIndex = 0;
  for (let m = CUSTOM.exec(text); m; m = CUSTOM.exec(text)) {
    found.push({ instant: resolveCustom(m, ref, defaultTime, offset), text: m[0], index: m.index, certainTime: false });
  }

  // chrono knows "Tue" and "Wed" but not "Tues" and "Weds": same length, so indexes still hold.
  const spelled = text.replace(/\b([Tt])ues\b/g, "$1ue.").replace(/\b([Ww])eds\b/g, "$1ed.");
  const results = GB.parse(spelled, { instant: now, timezone: offset });
  for (const r of results) {
    const typed = text.slice(r.index, r.index + r.text.length);
    if (FALSE_WEEKDAYS.has(typed) && !/\b(?:by|on|until|till|before|next|this|last)\s+$/i.test(text.slice(0, r.index))) continue;
    const end = r.index + r.text.length;
    if (found.some((f) => r.index < f.index + f.text.length && end > f.index)) continue;
    const resolved = resolveChrono(r, ref, offset, now, forward, defaultTime);
    // "on Monday" → "Monday": "on", like "by", is the sentence's connector, not the date.
    const on = /^on\s+/i.exec(typed)?.[0].length ?? 0;
    if (resolved) found.push({ ...resolved, text: typed.slice(on), index: r.index + on });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** London fields and offset of the reference instant; one Intl call per distinct `now`. */
let lastRef: { ms: number; parts: LondonParts; offset: number } | null = null;
function reference(now: Date): { parts: LondonParts; offset: number } {
  const ms = now.getTime();
  if (lastRef?.ms !== ms) {
    const parts = londonParts(now);
    const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    lastRef = { ms, parts, offset: Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000) };
  }
  return lastRef;
}

/**
 * londonToInstant, with a one-call fast path: try the offset in force at `now` and keep it if
 * London's clock shows exactly that wall time. Wall times from 00:00 to 03:00 (where the
 * clocks change, and an autumn time can occur twice) always take londonToInstant's rule.
 */
function toInstant(wall: WallClock, offset: number): Date {
  if (wall.hour >= 3) {
    const guess = new Date(Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute) - offset * 60_000);
    const p = londonParts(guess);
    if (p.day === wall.day && p.hour === wall.hour && p.minute === wall.minute && p.month === wall.month) return guess;
  }
  return londonToInstant(wall);
}

function resolveCustom(m: RegExpExecArray, ref: LondonParts, time: HourMinute, offset: number): Date {
  let day: Ymd = ref;
  if (m[2]) day = addDays(ref, (5 - ref.weekday + 7) % 7); // this week's Friday (next one at a weekend)
  else if (m[3]) day = addDays(ref, 12 - (ref.weekday === 0 ? 7 : ref.weekday)); // Friday of next week
  else if (m[4]) day = addDays({ year: ref.year, month: ref.month + 1, day: 1 }, -1);
  return toInstant({ ...day, ...time }, offset);
}

function resolveChrono(
  r: ParsedResult,
  ref: LondonParts,
  offset: number,
  now: Date,
  forward: boolean,
  defaultTime: HourMinute,
): { instant: Date; certainTime: boolean } | null {
  const c = r.start;
  const year = c.get("year");
  const month = c.get("month");
  const dayOfMonth = c.get("day");
  if (year === null || month === null || dayOfMonth === null) return null;
  const certainTime = c.isCertain("hour");

  let time: HourMinute = defaultTime;
  if (certainTime) {
    let hour = c.get("hour") ?? 0;
    // "at 3" in a working day means 15:00; "03:00" written with a leading zero stays morning.
    if (!c.isCertain("meridiem") && hour >= 1 && hour <= 6 && !LEADING_ZERO_TIME.test(r.text)) hour += 12;
    time = { hour, minute: c.get("minute") ?? 0 };
  } else {
    for (const [re, t] of PART_OF_DAY) if (re.test(r.text)) time = t;
  }

  const today: Ymd = ref;
  let day: Ymd = { year, month, day: dayOfMonth };
  const laterToday = (t: HourMinute) => t.hour * 60 + t.minute > ref.hour * 60 + ref.minute;

  if (c.isCertain("day")) {
    if (!c.isCertain("year") && c.isCertain("month")) {
      // The nearest year, within reason: "20/11" said on 27 Nov is last week (and a due date
      // in the past, which the form points out), not November next year.
      day = { ...day, year: ref.year };
      const daysAway = (Date.UTC(day.year, day.month - 1, day.day) - Date.UTC(today.year, today.month - 1, today.day)) / 86_400_000;
      if (forward && daysAway < -NEAR_DAYS) day = { ...day, year: ref.year + 1 };
      if (!forward && daysAway > NEAR_DAYS) day = { ...day, year: ref.year - 1 };
    }
  } else if (c.isCertain("weekday")) {
    const weekday = c.get("weekday") ?? 0;
    const ahead = (weekday - ref.weekday + 7) % 7;
    const back = (ref.weekday - weekday + 7) % 7;
    if (LAST_WORD.test(r.text)) day = addDays(today, -(back || 7));
    else if (forward) day = addDays(today, THIS_WORD.test(r.text) ? ahead : ahead || 7);
    else day = addDays(today, -(back === 0 && certainTime && laterToday(time) ? 7 : back));
  } else if (certainTime || SAME_DAY_WORDS.test(r.text)) {
    day = today;
    if (!SAME_DAY_WORDS.test(r.text) && certainTime) {
      if (forward && !laterToday(time)) day = addDays(today, 1);
      if (!forward && laterToday(time)) day = addDays(today, -1);
    }
  }
  // "now" / "just now": the reference instant itself, to the millisecond.
  if (/^now$/i.test(r.text)) return { instant: new Date(now.getTime()), certainTime: true };
  const instant = toInstant({ ...day, ...time }, offset);
  return { instant, certainTime };
}

/** The London calendar date of an instant, for same-day comparisons. */
export function londonYmd(instant: Date): Ymd {
  const p = londonParts(instant);
  return { year: p.year, month: p.month, day: p.day };
}

/** Whether two instants fall on the same London calendar day (`b` is usually the reference). */
export function sameLondonDay(a: Date, b: Date): boolean {
  return compareYmd(londonYmd(a), reference(b).parts) === 0;
}
