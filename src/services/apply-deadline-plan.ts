import type { AuditRecord } from "../domain/audit.ts";
import type { Deadline } from "../domain/deadline.ts";
import { auditRecord } from "./audit-trail.ts";
import type { Core } from "./core.ts";
import type { PlannedDeadline } from "./plan-deadlines.ts";
import { replanReminders, type DeadlineChanges } from "./replan-reminders.ts";

export interface ApplyOptions {
  actorId: string | null;
  /** Added to every deadline audit entry, naming the subject: { noteId } or { subjectId }. */
  about: Record<string, string>;
  /** Why an open deadline the plan no longer has is cancelled, e.g. "deadline-cancelled". */
  goneReason: string;
  /** Whether a stored deadline keeps its time over the plan's (a note's, set under another profile). */
  keepsStoredTime?: (stored: Deadline, plan: PlannedDeadline) => boolean;
  changes: DeadlineChanges;
}

/**
 * Brings one subject's stored deadlines (a note's, a session's, an agreement's) in line with
 * its plan: new ones stored (together, at the end), moved ones re-planned, met ones closed with
 * their reminders, ones the plan no longer has cancelled; reminders planned for what is still
 * open. A deadline met or cancelled is settled for good. Idempotent. What it changed is added
 * to `options.changes`.
 */
export async function applyDeadlinePlan(core: Core, planned: readonly PlannedDeadline[], storedDeadlines: readonly Deadline[], options: ApplyOptions): Promise<void> {
  const { changes } = options;
  const schedule = core.storage.schedule;
  const profile = core.settings.profile;
  const now = core.clock.now();
  const stored = new Map(storedDeadlines.map((d) => [d.id, d]));
  const audit = (action: AuditRecord["action"], d: { id: string; rule: string }, detail: AuditRecord["detail"] = {}) =>
    auditRecord(core, options.actorId, action, "deadline", d.id, { rule: d.rule, ...options.about, ...detail });
  // New deadlines go in together, after the loop; their reminders cannot exist yet.
  const added: { rows: Deadline[]; audit: AuditRecord[] } = { rows: [], audit: [] };
  const toRemind: { plan: PlannedDeadline; isNew: boolean }[] = [];

  for (const plan of planned) {
    const existing = stored.get(plan.id);
    stored.delete(plan.id);
    if (existing && existing.status !== "open") continue; // met or cancelled: settled for good
    if (existing && options.keepsStoredTime?.(existing, plan)) Object.assign(plan, { dueAt: existing.dueAt, explain: existing.explain, source: existing.source });
    const row: Deadline = { id: plan.id, rule: plan.rule, subjectType: plan.subjectType, subjectId: plan.subjectId, noteId: plan.noteId, profileId: profile.id, fromAt: plan.fromAt, dueAt: plan.dueAt, explain: plan.explain, source: plan.source, status: "open", metAt: null, createdAt: existing?.createdAt ?? now, updatedAt: now };
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
      await schedule.saveDeadline(row, [set]);
    }
    if (plan.metAt && met) {
      if (await schedule.meetDeadline(plan.id, plan.metAt, [met])) changes.deadlinesMet++;
      continue;
    }
    if (plan.remind) toRemind.push({ plan, isNew: false });
  }
  await schedule.addDeadlines(added.rows, added.audit);
  await replanReminders(core, toRemind, now, changes);
  for (const gone of stored.values()) {
    if (gone.status !== "open") continue;
    await schedule.saveDeadline({ ...gone, status: "cancelled", updatedAt: now }, [audit("deadline.cancelled", gone, { reason: options.goneReason })]);
    changes.deadlinesCancelled++;
    changes.remindersCancelled += await schedule.cancelPending(gone.id, options.goneReason);
  }
}
