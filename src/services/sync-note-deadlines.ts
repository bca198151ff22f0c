import type { AuditRecord } from "../domain/audit.ts";
import type { Deadline } from "../domain/deadline.ts";
import { auditRecord } from "./audit-trail.ts";
import type { Core } from "./core.ts";
import { planNoteDeadlines, type PlannedDeadline } from "./plan-deadlines.ts";
import { noChanges, replanReminders, type DeadlineChanges } from "./replan-reminders.ts";
import { syncCaseDeadlines } from "./sync-case-deadlines.ts";

export { noChanges, type DeadlineChanges } from "./replan-reminders.ts";


/**
 * Brings a note's stored deadlines and reminders in line with the note as it now stands:
 * new deadlines stored, moved ones re-planned, met ones closed (with their reminders),
 * dropped actions' deadlines cancelled. Idempotent: a second call changes nothing, so it is
 * called after every change to a note (in the change's own turn) and, at start-up, for
 * every open note as a check. What it changed is added to `changes`.
 */
export async function syncNoteDeadlines(core: Core, noteId: string, actorId: string | null = null, changes: DeadlineChanges = noChanges()): Promise<Deadline[]> {
  const note = await core.storage.notes.findById(noteId);
  if (!note) return [];
  const profile = core.settings.profile;
  const now = core.clock.now();
  const planned = planNoteDeadlines(note, profile);
  const stored = new Map((await core.storage.schedule.deadlinesForNote(noteId)).map((d) => [d.id, d]));
  const audit = (action: AuditRecord["action"], d: { id: string; rule: string }, detail: AuditRecord["detail"] = {}) =>
    auditRecord(core, actorId, action, "deadline", d.id, { rule: d.rule, noteId, ...detail });
  // New deadlines go in together, after the loop; their reminders cannot exist yet.
  const added: { rows: Deadline[]; audit: AuditRecord[] } = { rows: [], audit: [] };
  const toRemind: { plan: PlannedDeadline; isNew: boolean }[] = [];

  for (const plan of planned) {
    const existing = stored.get(plan.id);
    stored.delete(plan.id);
    if (existing && existing.status !== "open") continue; // met or cancelled: settled for good
    if (existing && keepsStoredTime(existing, plan, profile.id)) Object.assign(plan, { dueAt: existing.dueAt, explain: existing.explain, source: existing.source });
    const row: Deadline = { id: plan.id, rule: plan.rule, subjectType: plan.subjectType, subjectId: plan.subjectId, noteId, profileId: profile.id, fromAt: plan.fromAt, dueAt: plan.dueAt, explain: plan.explain, source: plan.source, status: "open", metAt: null, createdAt: now, updatedAt: now };
    const set = audit("deadline.set", plan, { dueAt: plan.dueAt.toISOString(), profile: profile.id, ...(existing && { movedFrom: existing.dueAt.toISOString() }) });
    const met = plan.metAt && audit("deadline.met", plan, { late: plan.metAt.getTime() > plan.dueAt.getTime() });
    if (!existing) {
      changes.deadlinesSet++;
      if (plan.metAt && met) {
        // Met already (recorded as it was captured): stored met, with nothing to remind of.
        changes.deadlinesMet++;
        added.rows.push({ ...row, status: "met", metAt: plan.metAt });
        added.audit.push(set, met);
        continue;
      }
      added.rows.push(row);
      added.audit.push(set);
      if (plan.remind) toRemind.push({ plan, isNew: true });
      continue;
    }
    if (existing.dueAt.getTime() !== plan.dueAt.getTime()) {
      changes.deadlinesSet++;
      await core.storage.schedule.saveDeadline(row, [set]);
    }
    if (plan.metAt && met) {
      if (await core.storage.schedule.meetDeadline(plan.id, plan.metAt, [met])) changes.deadlinesMet++;
      continue;
    }
    if (plan.remind) toRemind.push({ plan, isNew: false });
  }
  await core.storage.schedule.addDeadlines(added.rows, added.audit);
  await replanReminders(core, toRemind, now, changes);
  // Deadlines the note no longer implies (an action dropped by an amendment; every one of a discarded draft's).
  const reason = note.status === "discarded" ? "note-discarded" : "deadline-cancelled";
  for (const gone of stored.values()) {
    if (gone.status !== "open") continue;
    await core.storage.schedule.saveDeadline({ ...gone, status: "cancelled", updatedAt: now }, [audit("deadline.cancelled", gone, { reason })]);
    changes.deadlinesCancelled++;
    changes.remindersCancelled += await core.storage.schedule.cancelPending(gone.id, reason);
  }
  // A recorded note on a case on the register is a discussion of it: the case's clock starts again
  // (and a child's outcome withdrawn from a group note takes its discussion away again).
  if (note.fields.caseRef && note.status !== "draft") await syncCaseDeadlines(core, note.fields.caseRef, actorId, changes);
  return core.storage.schedule.deadlinesForNote(noteId);
}

/**
 * A deadline keeps the timescale it was set under: a change of profile alone does not move
 * it. Only a new starting point (discussed-at amended) or a new due date agreed for an
 * action does.
 */
function keepsStoredTime(stored: Deadline, plan: PlannedDeadline, profileId: string): boolean {
  return stored.profileId !== profileId && stored.fromAt.getTime() === plan.fromAt.getTime() && plan.rule !== "action.due";
}
