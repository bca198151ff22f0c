// England & Wales bank holidays from date-holidays (a maintained list, docs/design.md#timescales), never
// hand-typed. Building the Holidays instance and a year's list is slow, so both are cached.
import Holidays from "date-holidays";
import { isoDate, type LondonDate } from "./london-date.ts";

let holidays: Holidays | undefined;
const byYear = new Map<number, Map<string, string>>();

/**
 * The bank holiday on a London calendar day, by name ("Boxing Day (substitute day)"), or
 * null. Weekend dates are listed too (Boxing Day on Sat 26 Dec 2026 as well as its
 * substitute on Mon 28 Dec): callers skip weekends separately.
 */
export function bankHoliday(date: LondonDate): string | null {
  return holidaysIn(date.year).get(isoDate(date)) ?? null;
}

function holidaysIn(year: number): Map<string, string> {
  let days = byYear.get(year);
  if (!days) {
    holidays ??= new Holidays("GB", "ENG", { types: ["public", "bank"] });
    // `date` is the local (London) date as text, "2026-12-28 00:00:00": no instant, no TZ.
    days = new Map((holidays.getHolidays(year, "en") || []).map((h) => [h.date.slice(0, 10), h.name]));
    byYear.set(year, days);
  }
  return days;
}
