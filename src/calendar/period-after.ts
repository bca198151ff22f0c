// When a calendar period from a London day ends (docs/design.md#the-case-register): "every 4
// weeks", "monthly" (the same date next month), counted on the calendar and then brought back to
// a working day, since nobody discusses a case on a Sunday or a bank holiday.
import type { CalendarPeriod, WorkingHours } from "../domain/timescale.ts";
import { bankHoliday } from "./bank-holidays.ts";
import { addDays, compareDates, formatDay, type LondonDate } from "./london-date.ts";
import { isWorkingDay } from "./working-days.ts";
import { atLondonTime } from "./working-hours.ts";
import type { Due } from "./due-after.ts";

/**
 * The end of working hours on the day `period` after `from`, or on the last working day before it
 * when that day is not one. Example: 4 weeks after Fri 4 Dec 2026 is Fri 1 Jan 2027 (New Year's
 * Day): "4 weeks after Fri 4 Dec 2026 is Fri 1 Jan 2027, New Year's Day: end of Thu 31 Dec 2026".
 */
export function periodAfter(from: LondonDate, period: CalendarPeriod, hours: WorkingHours): Due {
  const { day, clamped } = addPeriod(from, period);
  let due = day;
  while (!isWorkingDay(due, hours.days)) due = addDays(due, -1);
  const landed = `${periodInWords(period)} after ${formatDay(from)}${clamped ? ` (${formatDay(day, { weekday: false })}, the month's last day)` : ""}`;
  if (compareDates(due, day) === 0) return { due: atLondonTime(due, hours.end), explain: `${landed}: end of ${formatDay(due)}` };
  const why = bankHoliday(day) ?? "not a working day";
  return { due: atLondonTime(due, hours.end), explain: `${landed} is ${formatDay(day)}, ${why}: end of ${formatDay(due)}` };
}

/** "4 weeks", "1 month", "10 days". */
export function periodInWords(period: CalendarPeriod): string {
  const [n, unit] = countAndUnit(period);
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/** "every 4 weeks", "every month", "every week". */
export function everyPeriod(period: CalendarPeriod): string {
  const [n, unit] = countAndUnit(period);
  return n === 1 ? `every ${unit}` : `every ${n} ${unit}s`;
}

function countAndUnit(period: CalendarPeriod): [number, string] {
  return "days" in period ? [period.days, "day"] : "weeks" in period ? [period.weeks, "week"] : [period.months, "month"];
}

/** The London day `period` after `from`; `clamped` when a month had no such date and its last day was taken (31 Jan + 1 month: 28 Feb). */
export function addPeriod(from: LondonDate, period: CalendarPeriod): { day: LondonDate; clamped: boolean } {
  if ("days" in period) return { day: addDays(from, period.days), clamped: false };
  if ("weeks" in period) return { day: addDays(from, period.weeks * 7), clamped: false };
  const months = from.month - 1 + period.months;
  const year = from.year + Math.floor(months / 12);
  const month = (months % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { day: { year, month, day: Math.min(from.day, last) }, clamped: from.day > last };
}
