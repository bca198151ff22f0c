import type { Deadline } from "../domain/deadline.ts";
import { applyDeadlinePlan } from "./apply-deadline-plan.ts";
import type { Core } from "./core.ts";
import { planNoteDeadlines, type PlannedDeadline } from "./plan-deadlines.ts";
import { noChanges, type DeadlineChanges } from "./replan-reminders.ts";
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
  await applyDeadlinePlan(core, planNoteDeadlines(note, profile), await core.storage.schedule.deadlinesForNote(noteId), {
    actorId,
    about: { noteId },
    // Deadlines the note no longer implies: an action dropped by an amendment; every one of a discarded draft's.
    goneReason: note.status === "discarded" ? "note-discarded" : "deadline-cancelled",
    keepsStoredTime: (stored, plan) => keepsStoredTime(stored, plan, profile.id),
    changes,
  });
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
