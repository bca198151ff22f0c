import { isoDate, londonDateOf } from "../calendar/london-date.ts";
import type { AuditRecord } from "../domain/audit.ts";
import type { Deadline } from "../domain/deadline.ts";
import type { Person } from "../domain/people.ts";
import { auditRecord } from "../services/audit-trail.ts";
import type { Core } from "../services/core.ts";
import { availabilityOf, type Availability } from "./availability.ts";
import { planNoteDeadlines, type PlannedDeadline } from "./plan-deadlines.ts";
import { PLANNED_KINDS, planReminders } from "./plan-reminders.ts";

/**
 * Brings a note's stored deadlines and reminders in line with the note as it now stands:
 * new deadlines stored, moved ones re-planned, met ones closed (with their reminders),
 * dropped actions' deadlines cancelled. Idempotent: a second call changes nothing, so it is
 * called after every change to a note and, at start-up, for every open note.
 */
export async function syncNoteDeadlines(core: Core, noteId: string, actorId: string | null = null): Promise<Deadline[]> {
  const note = await core.storage.notes.findById(noteId);
  if (!note) return [];
  const profile = core.settings.profile;
  const now = core.clock.now();
  const planned = planNoteDeadlines(note, profile);
  const stored = new Map((await core.storage.schedule.deadlinesForNote(noteId)).map((d) => [d.id, d]));
  const audit = (action: AuditRecord["action"], d: { id: string; rule: string }, detail: AuditRecord["detail"] = {}) =>
    auditRecord(core, actorId, action, "deadline", d.id, { rule: d.rule, noteId, ...detail });

  for (const plan of planned) {
    const existing = stored.get(plan.id);
    stored.delete(plan.id);
    if (existing && existing.status !== "open") continue; // met or cancelled: settled for good
    const moved = !existing || existing.dueAt.getTime() !== plan.dueAt.getTime();
    if (moved) {
      await core.storage.schedule.saveDeadline(
        { id: plan.id, rule: plan.rule, subjectType: plan.subjectType, subjectId: plan.subjectId, noteId, profileId: profile.id, fromAt: plan.fromAt, dueAt: plan.dueAt, explain: plan.explain, source: plan.source, status: "open", metAt: null, createdAt: now, updatedAt: now },
        [audit("deadline.set", plan, { dueAt: plan.dueAt.toISOString(), profile: profile.id, ...(existing && { movedFrom: existing.dueAt.toISOString() }) })],
      );
    }
    if (plan.metAt) {
      await core.storage.schedule.meetDeadline(plan.id, plan.metAt, [audit("deadline.met", plan, { late: plan.metAt.getTime() > plan.dueAt.getTime() })]);
      continue;
    }
    if (plan.remind) await replanReminders(core, plan, now);
  }
  // Deadlines the note no longer implies (an action dropped by an amendment).
  for (const gone of stored.values()) {
    if (gone.status !== "open") continue;
    await core.storage.schedule.saveDeadline({ ...gone, status: "cancelled", updatedAt: now }, [audit("deadline.cancelled", gone)]);
    await core.storage.schedule.cancelPending(gone.id, "deadline-cancelled");
  }
  return core.storage.schedule.deadlinesForNote(noteId);
}

/** Schedules the reminders the deadline now needs and cancels planned ones it no longer does. */
async function replanReminders(core: Core, plan: PlannedDeadline, now: Date): Promise<void> {
  const recipients = [];
  for (const id of plan.responsibleIds) {
    const person = await core.storage.people.findById(id);
    if (person?.active) recipients.push({ id, availability: await availability(core, person, now) });
  }
  const wanted = planReminders(plan, recipients, core.settings.profile, now, core.newId);
  await core.storage.schedule.schedule(wanted);
  const wantedKeys = new Set(wanted.map((r) => r.key));
  const pending = await core.storage.schedule.reminders({ deadlineId: plan.id, status: "pending" });
  const keep = pending.filter((r) => wantedKeys.has(r.key) || !PLANNED_KINDS.includes(r.kind)).map((r) => r.key);
  if (keep.length < pending.length) await core.storage.schedule.cancelPending(plan.id, "replanned", keep);
}

/** A person's working hours and the days they are away over the coming year. */
export async function availability(core: Core, person: Person, now: Date): Promise<Availability> {
  const from = isoDate(londonDateOf(new Date(now.getTime() - 86_400_000)));
  const to = isoDate(londonDateOf(new Date(now.getTime() + 400 * 86_400_000)));
  return availabilityOf(person, core.settings.profile, await core.storage.schedule.absences(person.id, { fromDate: from, toDate: to }));
}
