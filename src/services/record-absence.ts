import { parseLondonDate } from "../calendar/london-date.ts";
import { AppError } from "../domain/errors.ts";
import type { Person } from "../domain/people.ts";
import type { Absence } from "../domain/reminder.ts";
import { auditRecord } from "./audit-trail.ts";
import type { Core } from "./core.ts";

/**
 * Records that a person is away (leave, training, sickness) from one London date to another,
 * inclusive: reminders wait for their return and escalations about their team go to their
 * deputy or their own manager meanwhile. Dates are "YYYY-MM-DD".
 */
export async function recordAbsence(core: Core, actorId: string | null, person: Person, fromDate: string, toDate: string = fromDate): Promise<Absence> {
  for (const date of [fromDate, toDate]) {
    try {
      parseLondonDate(date);
    } catch {
      throw new AppError("ABSENCE.BAD_DATE", `"${date}" is not a date like 2026-12-24.`, { date });
    }
  }
  if (toDate < fromDate) throw new AppError("ABSENCE.ENDS_BEFORE_START", `The absence ends (${toDate}) before it starts (${fromDate}).`, { fromDate, toDate });
  const absence: Absence = { id: core.newId(), personId: person.id, fromDate, toDate, createdAt: core.clock.now(), createdById: actorId };
  await core.storage.schedule.addAbsence(absence, [auditRecord(core, actorId, "absence.add", "absence", absence.id, { personId: person.id, fromDate, toDate })]);
  return absence;
}

/** Removes one of a person's absences (plans changed): the person themselves, or an administrator (actor null). */
export async function cancelAbsenceOf(core: Core, actorId: string | null, person: Person, absenceId: string): Promise<void> {
  const theirs = (await core.storage.schedule.absences(person.id)).find((a) => a.id === absenceId);
  if (!theirs) throw new AppError("ABSENCE.NOT_FOUND", "There is no such absence.", { absenceId });
  await core.storage.schedule.removeAbsence(absenceId, [auditRecord(core, actorId, "absence.remove", "absence", absenceId, { personId: person.id })]);
}
