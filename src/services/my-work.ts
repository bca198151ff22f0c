import type { Deadline } from "../domain/deadline.ts";
import type { NoteAction, OversightNote } from "../domain/note.ts";
import { SNOOZABLE_KINDS, type Reminder } from "../domain/reminder.ts";
import type { Person } from "../domain/people.ts";
import { planNoteDeadlines } from "./plan-deadlines.ts";
import { roleOf, type GroupRoleId, type GroupSession } from "../domain/group-supervision.ts";
import { upcomingSessions } from "./group-sessions.ts";
import type { Core } from "./core.ts";
import { casesDueFor, type CaseDueItem } from "./cases-due.ts";
import { mySupervision, type MySupervision } from "./my-supervision.ts";

/** One thing a person still has to do, with the deadline it must meet. */
export interface WorkItem {
  note: OversightNote;
  /** Set for an action; null for the note itself. */
  action: NoteAction | null;
  dueAt: Date;
}

/** A reminder a person was sent and may still put off (`snooze <id> 1h`), with what it chases. */
export interface ReminderItem {
  reminder: Reminder;
  deadline: Deadline;
  note: OversightNote;
  /** Set when it chases an action; null for the note itself. */
  action: NoteAction | null;
  /** When it comes again, if it has been put off already. */
  snoozedUntil: Date | null;
}

/** What is waiting on a person (a home tab's contents), soonest deadline first in each list. */
export interface MyWork {
  /** Notes they must complete or confirm as recorder. */
  toFinish: WorkItem[];
  /** Recorded notes they must put on the child's case record. */
  toPutOnRecord: WorkItem[];
  /** Their open actions that have a due date. */
  actions: WorkItem[];
  /** The latest reminder they were sent for each deadline still open, soonest deadline first. */
  reminders: ReminderItem[];
  /** Their next group supervision role, if their team has a series and they have one planned. */
  nextRole: { role: GroupRoleId; session: GroupSession } | null;
  /** Cases they or their direct reports hold that are due for discussion soon, or overdue. */
  casesDue: CaseDueItem[];
  /** Their formal supervision and their supervisees'. */
  supervision: MySupervision;
}

/**
 * Everything still waiting on the actor among the notes they are part of: the deadlines
 * the note implies (as the reminders do), at the times stored when they were set.
 */
export async function myWork(core: Core, actor: Person): Promise<MyWork> {
  const work: MyWork = { toFinish: [], toPutOnRecord: [], actions: [], reminders: await remindersToSnooze(core, actor), nextRole: null, casesDue: await casesDueFor(core, actor), supervision: await mySupervision(core, actor) };
  for (const note of await core.storage.notes.listInvolving(actor.id)) {
    const open = planNoteDeadlines(note, core.settings.profile).filter((d) => !d.metAt && d.responsibleIds.includes(actor.id));
    if (!open.length) continue;
    const stored = new Map((await core.storage.schedule.deadlinesForNote(note.id)).map((d) => [d.id, d]));
    for (const deadline of open) {
      const kept = stored.get(deadline.id);
      if (kept && kept.status !== "open") continue;
      const item = { note, action: null, dueAt: kept?.dueAt ?? deadline.dueAt };
      if (deadline.subjectType === "action") {
        const action = note.actions.find((a) => a.id === deadline.subjectId);
        if (action) work.actions.push({ ...item, action });
      } else if (deadline.rule === "note.on-case-record") {
        if (note.status === "recorded") work.toPutOnRecord.push(item);
      } else if (note.status === "draft") work.toFinish.push(item);
    }
  }
  for (const list of [work.toFinish, work.toPutOnRecord, work.actions]) list.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
  const upcoming = await upcomingSessions(core, actor);
  const next = upcoming?.sessions.find((s) => s.status === "planned" && roleOf(s, actor.id));
  if (next) work.nextRole = { role: roleOf(next, actor.id)!, session: next };
  return work;
}

/** The reminders the actor was sent that can still be snoozed: one per open deadline, the latest. */
async function remindersToSnooze(core: Core, actor: Person): Promise<ReminderItem[]> {
  const latest = new Map<string, Reminder>();
  for (const r of await core.storage.schedule.reminders({ recipientId: actor.id, status: "sent" })) {
    if (r.deadlineId && SNOOZABLE_KINDS.includes(r.kind)) latest.set(r.deadlineId, r); // in due order: the last wins
  }
  const pending = await core.storage.schedule.reminders({ recipientId: actor.id, status: "pending", kind: "snoozed" });
  const items: ReminderItem[] = [];
  for (const reminder of latest.values()) {
    const deadline = await core.storage.schedule.findDeadline(reminder.deadlineId!);
    if (!deadline || deadline.status !== "open" || !deadline.noteId) continue;
    const note = await core.storage.notes.findById(deadline.noteId);
    if (!note) continue;
    const action = deadline.subjectType === "action" ? (note.actions.find((a) => a.id === deadline.subjectId) ?? null) : null;
    const snoozed = pending.find((p) => p.key === `snooze|${reminder.id}`);
    items.push({ reminder, deadline, note, action, snoozedUntil: snoozed?.dueAt ?? null });
  }
  return items.sort((a, b) => a.deadline.dueAt.getTime() - b.deadline.dueAt.getTime());
}
