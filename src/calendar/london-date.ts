// A calendar day in London, as people count days ("the 25th"), independent of any instant
// or of the process's TZ. Arithmetic is done on the civil calendar through Date.UTC, which
// has no clock changes, so adding a day never lands on 23:00 or 01:00.
import { londonParts } from "../domain/london-time.ts";

export interface LondonDate {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The London calendar day of an instant: 2026-06-01T23:30Z is Tue 2 Jun in London (BST). */
export function londonDateOf(instant: Date): LondonDate {
  const { year, month, day } = londonParts(instant);
  return { year, month, day };
}

/** "2026-12-25" → { year: 2026, month: 12, day: 25 }; throws on anything else. */
export function parseLondonDate(iso: string): LondonDate {
  const match = /^(\d{4})-(\d\d)-(\d\d)$/.exec(iso);
  const date = match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null;
  if (!date || isoDate(addDays(date, 0)) !== iso) throw new RangeError(`"${iso}" is not a calendar date (YYYY-MM-DD)`);
  return date;
}

export function addDays(date: LondonDate, days: number): LondonDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LondonDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay() || 7;
}

/** "2026-12-25" */
export function isoDate(date: LondonDate): string {
  return `${date.year}-${pad(date.month)}-${pad(date.day)}`;
}

export function compareDates(a: LondonDate, b: LondonDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** "Wed 23 Dec 2026"; without the year "Wed 23 Dec"; without the weekday "25 Dec". */
export function formatDay(date: LondonDate, opts: { weekday?: boolean; year?: boolean } = {}): string {
  const weekday = opts.weekday === false ? "" : `${WEEKDAYS[isoWeekday(date) % 7]} `;
  const year = opts.year === false ? "" : ` ${date.year}`;
  return `${weekday}${date.day} ${MONTHS[date.month - 1]}${year}`;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
