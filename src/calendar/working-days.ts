// Working days for policy timescales ("within 5 working days"): Monday to Friday, less
// England & Wales bank holidays and any weekday the profile's working hours leave out.
import { AppError } from "../domain/errors.ts";
import { bankHoliday } from "./bank-holidays.ts";
import { addDays, isoDate, isoWeekday, type LondonDate } from "./london-date.ts";

/** ISO weekdays worked when nothing else is said: Monday to Friday. */
export const MONDAY_TO_FRIDAY: readonly number[] = [1, 2, 3, 4, 5];

/** A day no longer than this from a working day means the days list allows none. */
const MAX_SEARCH_DAYS = 400;

/**
 * Whether a London day counts as a working day: a weekday in `days` (ISO, 1 = Monday)
 * that is not Saturday, Sunday or a bank holiday. Weekends never count, whatever `days`
 * says: the policies' "working days" are the organisation's, not a person's rota.
 */
export function isWorkingDay(date: LondonDate, days: readonly number[] = MONDAY_TO_FRIDAY): boolean {
  const weekday = isoWeekday(date);
  return weekday <= 5 && days.includes(weekday) && bankHoliday(date) === null;
}

export interface WorkingDayWalk {
  /** The Nth working day strictly after (or, for negative N, before) the start day. */
  date: LondonDate;
  /** Bank holidays passed over that would otherwise have been working days, in order. */
  skippedHolidays: LondonDate[];
}

/**
 * Counts `n` working days strictly after `from` (before it when `n` is negative); a
 * Saturday's first working day after is Monday. `n = 0` is `from` itself.
 */
export function walkWorkingDays(from: LondonDate, n: number, days: readonly number[] = MONDAY_TO_FRIDAY): WorkingDayWalk {
  if (!Number.isInteger(n)) throw new RangeError(`working days must be a whole number, not ${n}`);
  const step = n < 0 ? -1 : 1;
  const skippedHolidays: LondonDate[] = [];
  let date = from;
  let left = Math.abs(n);
  let sinceLastWorkingDay = 0;
  while (left > 0) {
    date = addDays(date, step);
    if (isWorkingDay(date, days)) {
      left -= 1;
      sinceLastWorkingDay = 0;
    } else {
      const weekday = isoWeekday(date);
      if (weekday <= 5 && days.includes(weekday)) skippedHolidays.push(date);
      if (++sinceLastWorkingDay > MAX_SEARCH_DAYS) {
        throw new AppError("CALENDAR.NO_WORKING_DAYS", `No working day within ${MAX_SEARCH_DAYS} days of ${isoDate(from)}`, { days: days.join(",") });
      }
    }
  }
  return { date, skippedHolidays };
}

/** The Nth working day after `from` (before it for negative N): `walkWorkingDays` without the detail. */
export function addWorkingDays(from: LondonDate, n: number, days: readonly number[] = MONDAY_TO_FRIDAY): LondonDate {
  return walkWorkingDays(from, n, days).date;
}
