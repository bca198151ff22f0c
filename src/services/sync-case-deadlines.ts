import { isoDate, londonDateOf } from "../calendar/london-date.ts";
import type { AuditRecord } from "../domain/audit.ts";
import type { RegisteredCase } from "../domain/case-register.ts";
import { deadlineId, type Deadline } from "../domain/deadline.ts";
import { REPLANNED } from "../domain/reminder.ts";
import { caseDiscussionDue } from "../policy/discussion-due.ts";
import { auditRecord } from "./audit-trail.ts";
import type { Core } from "./core.ts";
import type { PlannedDeadline } from "./plan-deadlines.ts";
import { noChanges, replanReminders, type DeadlineChanges } from "./replan-reminders.ts";

/**
 * Keeps a case's discussion deadline in step with the register and its notes (docs/design.md#the-case-register):
 * one open deadline per case on the register, due by its category's frequency from its last
 * discussion. A recorded note on the case (an oversight note, a case supervision, a group note)
 * meets the open one and the next runs from it; a category change moves it; closing the case
 * cancels it. Its worker and their line manager are reminded ahead and told at breach, and it
 * escalates like any deadline. Idempotent: called after every change to a case or to a note on
 * it, in that change's own transaction.
 */
export async function syncCaseDeadlines(core: Core, caseRef: string, actorId: string | null, changes: DeadlineChanges = noChanges()): Promise<void> {
  const now = core.clock.now();
  const kase = await core.storage.cases.find(caseRef);
  const stored = await core.storage.schedule.deadlinesFor("case", caseRef);
  const audit = (action: AuditRecord["action"], d: Pick<Deadline, "id">, detail: AuditRecord["detail"] = {}) =>
    auditRecord(core, actorId, action, "deadline", d.id, { rule: "case.discussion", caseRef, ...detail });
  const lastDiscussedAt = kase ? await lastDiscussion(core, caseRef) : null;
  const plan = kase && !kase.closedOn ? await planFor(core, kase, lastDiscussedAt) : null;
  if (plan) {
    // A deadline from the same day met already (the discussion that met it was since moved to
    // another case): the period runs again under a fresh id, the met one kept as it was.
    const reruns = stored.filter((d) => d.id === plan.id || d.id.startsWith(`${plan.id}#`));
    const current = reruns.find((d) => d.status !== "met");
    if (current) plan.id = current.id;
    else if (reruns.length) plan.id = `${plan.id}#${reruns.length + 1}`;
  }

  for (const old of stored) {
    if (old.status !== "open" || old.id === plan?.id) continue;
    if (lastDiscussedAt && lastDiscussedAt.getTime() > old.fromAt.getTime()) {
      // Discussed since it began: met then (late if after its date); the next runs from that discussion.
      if (await core.storage.schedule.meetDeadline(old.id, lastDiscussedAt, [audit("deadline.met", old, { late: lastDiscussedAt.getTime() > old.dueAt.getTime() })])) changes.deadlinesMet++;
      continue;
    }
    // Not discussed: the case closed, or its category (and so its date) changed. Reopened, it comes back.
    const reason = !kase ? "case-removed" : kase.closedOn ? "case-closed" : "case-replanned";
    await core.storage.schedule.saveDeadline({ ...old, status: "cancelled", updatedAt: now }, [audit("deadline.cancelled", old, { reason })]);
    changes.deadlinesCancelled++;
    changes.remindersCancelled += await core.storage.schedule.cancelPending(old.id, REPLANNED);
  }
  if (!plan) return;

  const existing = stored.find((d) => d.id === plan.id);
  const row: Deadline = { id: plan.id, rule: "case.discussion", subjectType: "case", subjectId: caseRef, noteId: null, profileId: core.settings.profile.id, fromAt: plan.fromAt, dueAt: plan.dueAt, explain: plan.explain, source: plan.source, status: "open", metAt: null, createdAt: existing?.createdAt ?? now, updatedAt: now };
  const set = audit("deadline.set", plan, { dueAt: plan.dueAt.toISOString(), profile: core.settings.profile.id, ...(existing && { movedFrom: existing.dueAt.toISOString() }) });
  if (!existing) {
    await core.storage.schedule.addDeadlines([row], [set]);
    changes.deadlinesSet++;
  } else if (existing.status !== "open" || existing.dueAt.getTime() !== plan.dueAt.getTime()) {
    await core.storage.schedule.saveDeadline(row, [set]);
    changes.deadlinesSet++;
  }
  await replanReminders(core, [{ plan, isNew: !existing }], now, changes);
}

/** When the case was last discussed: the latest discussion among the notes recorded on it; null when none. */
export async function lastDiscussion(core: Core, caseRef: string): Promise<Date | null> {
  let last: Date | null = null;
  for (const note of await core.storage.notes.listByCase(caseRef)) {
    if (note.status === "draft" || note.status === "discarded") continue;
    if (note.fields.discussedAt.getTime() > core.clock.now().getTime()) continue;
    if (!last || note.fields.discussedAt.getTime() > last.getTime()) last = note.fields.discussedAt;
  }
  return last;
}

/** The case's next discussion as a deadline: its worker and their line manager (an unallocated case: its team's managers) act on it. */
async function planFor(core: Core, kase: RegisteredCase, lastDiscussedAt: Date | null): Promise<PlannedDeadline> {
  const { fromAt, due, explain, source } = caseDiscussionDue(core.settings.profile, kase, lastDiscussedAt);
  return {
    // One deadline per case and starting day: a new discussion starts a new one, so its reminders are new too.
    id: `${deadlineId("case.discussion", kase.caseRef)}@${isoDate(londonDateOf(fromAt))}`,
    rule: "case.discussion",
    subjectType: "case",
    subjectId: kase.caseRef,
    noteId: null,
    fromAt,
    dueAt: due,
    explain,
    source,
    metAt: null,
    responsibleIds: await responsibleFor(core, kase),
    remind: true,
    escalateToId: null,
    remindBefore: core.settings.profile.caseDiscussion.remindBefore,
  };
}

async function responsibleFor(core: Core, kase: RegisteredCase): Promise<string[]> {
  const worker = kase.workerId ? await core.storage.people.findById(kase.workerId) : null;
  if (worker?.active) return [worker.id, ...(worker.lineManagerId ? [worker.lineManagerId] : [])];
  // Unallocated (or its worker has left): the line managers of the team's members.
  const people = await core.storage.people.list();
  const managers = new Set(people.filter((p) => kase.team && p.team === kase.team && p.active && p.lineManagerId).map((p) => p.lineManagerId!));
  return [...managers].filter((id) => people.some((p) => p.id === id && p.active));
}
