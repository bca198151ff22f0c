import { addDays, isoDate, londonDateOf, parseLondonDate } from "../calendar/london-date.ts";
import { isWithinWorkingHours, lastWorkingMomentBefore, nextWorkingStart } from "../calendar/working-hours.ts";
import type { Person } from "../domain/people.ts";
import type { Absence } from "../domain/reminder.ts";
import { parseWorkingHours } from "../domain/working-hours.ts";
import type { PolicyProfile, WorkingHours } from "../policy/profile.ts";
import type { Core } from "./core.ts";

/** When a person can be reached: their working hours (their own or the profile's) less the days they are away. */
export type Availability = WorkingHours & { away: ReadonlySet<string> };

/** A person's availability over the coming year: their hours, and their absences from yesterday on. */
export async function availabilityFor(core: Core, person: Person, now: Date): Promise<Availability> {
  const from = isoDate(londonDateOf(new Date(now.getTime() - 86_400_000)));
  const to = isoDate(londonDateOf(new Date(now.getTime() + 400 * 86_400_000)));
  return availabilityOf(person, core.settings.profile, await core.storage.schedule.absences(person.id, { fromDate: from, toDate: to }));
}

export function availabilityOf(person: Person, profile: PolicyProfile, absences: readonly Absence[]): Availability {
  const own = person.workingHours ? parseWorkingHours(person.workingHours) : null;
  const hours = own && !("problem" in own) ? own : profile.workingHours;
  return { start: hours.start, end: hours.end, days: hours.days, away: awayDates(absences) };
}

/** Every London date the absences cover, as "YYYY-MM-DD". */
function awayDates(absences: readonly Absence[]): Set<string> {
  const dates = new Set<string>();
  for (const absence of absences) {
    for (let day = parseLondonDate(absence.fromDate); isoDate(day) <= absence.toDate && dates.size < 5000; day = addDays(day, 1)) dates.add(isoDate(day));
  }
  return dates;
}

/** Whether the person is away on the London day of `instant`. */
export function isAway(availability: Availability, instant: Date): boolean {
  return availability.away.has(isoDate(londonDateOf(instant)));
}

/**
 * When a message meant for `intended` may reach the person (docs/design.md#reminders-and-escalation, quiet hours): then,
 * if it is within their working hours; else at their next working start, unless that is
 * after `deadline`, when it goes at the last working moment before the deadline. Null when
 * even that moment has passed (`now`): the deadline comes first, and its overdue notice follows.
 */
export function deliveryTime(intended: Date, availability: Availability, opts: { deadline?: Date; now?: Date } = {}): Date | null {
  if (isWithinWorkingHours(intended, availability)) return intended;
  const next = nextWorkingStart(intended, availability);
  if (!opts.deadline || next.getTime() <= opts.deadline.getTime()) return next;
  const last = lastWorkingMomentBefore(opts.deadline, availability);
  if (opts.now && last.getTime() < opts.now.getTime()) return null;
  return last;
}
