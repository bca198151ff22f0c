// Working hours for quiet hours (docs/design.md#reminders-and-escalation): no reminder outside a person's working
// hours. A working period is [start, end] in London wall-clock time on a day in
// `hours.days` that is not a bank holiday. Unlike policy working days, a weekend day
// counts when a person's hours list it (someone on a weekend rota wants their reminders).
import { londonToInstant } from "../domain/london-time.ts";
import type { TimeOfDay, WorkingHours } from "../domain/timescale.ts";
import { AppError } from "../domain/errors.ts";
import { bankHoliday } from "./bank-holidays.ts";
import { addDays, isoDate, isoWeekday, londonDateOf, type LondonDate } from "./london-date.ts";

const MAX_SEARCH_DAYS = 400;

/** The instant London's clocks show `time` on `date`. */
export function atLondonTime(date: LondonDate, time: TimeOfDay): Date {
  return londonToInstant({ ...date, hour: time.hour, minute: time.minute });
}

/** A person's hours: working hours, less the London days ("YYYY-MM-DD") they are away. */
export type PersonalHours = WorkingHours & { away?: ReadonlySet<string> };

/** The start and end instants of working hours on a London day, or null when it is not worked. */
export function workingPeriod(date: LondonDate, hours: PersonalHours): { start: Date; end: Date } | null {
  if (!hours.days.includes(isoWeekday(date)) || bankHoliday(date) !== null || hours.away?.has(isoDate(date))) return null;
  return { start: atLondonTime(date, hours.start), end: atLondonTime(date, hours.end) };
}

/**
 * Whether an instant falls in working hours. Hours run from start up to end, and the exact
 * end instant still counts: it is the last working moment, where a reminder squeezed
 * before an early deadline goes.
 */
export function isWithinWorkingHours(instant: Date, hours: PersonalHours): boolean {
  const period = workingPeriod(londonDateOf(instant), hours);
  return period !== null && period.start <= instant && instant <= period.end;
}

/**
 * The first working moment at or after `instant`: the instant itself when it is within
 * working hours, else the start of the next working period (Fri 18:00 → Mon 08:30).
 */
export function nextWorkingStart(instant: Date, hours: PersonalHours): Date {
  if (isWithinWorkingHours(instant, hours)) return instant;
  const today = londonDateOf(instant);
  for (let i = 0; i <= MAX_SEARCH_DAYS; i++) {
    const period = workingPeriod(addDays(today, i), hours);
    if (period && period.start >= instant) return period.start;
  }
  throw noWorkingHours(hours);
}

/**
 * The last working moment at or before `instant`: the instant itself when it is within
 * working hours, else the end of the latest working period before it (Mon 08:00 → Fri 17:30).
 */
export function lastWorkingMomentBefore(instant: Date, hours: PersonalHours): Date {
  if (isWithinWorkingHours(instant, hours)) return instant;
  const today = londonDateOf(instant);
  for (let i = 0; i <= MAX_SEARCH_DAYS; i++) {
    const period = workingPeriod(addDays(today, -i), hours);
    if (period && period.end <= instant) return period.end;
  }
  throw noWorkingHours(hours);
}

function noWorkingHours(hours: WorkingHours): AppError {
  return new AppError("CALENDAR.NO_WORKING_DAYS", `Working hours on days ${hours.days.join(",")} never come round`, { days: hours.days.join(",") });
}
