import { AppError } from "../domain/errors.ts";
import type { NoteAction, OversightNote } from "../domain/note.ts";
import type { Person } from "../domain/people.ts";
import { auditRecord } from "./audit-trail.ts";
import { syncNoteDeadlines } from "./sync-note-deadlines.ts";
import type { Core } from "./core.ts";
import { noteForActor } from "./note-access.ts";

/** Marks an action done with a one-line outcome, which the next note on the case shows in its review. */
export async function completeAction(core: Core, actor: Person, actionId: string, outcome: string): Promise<{ action: NoteAction; changed: boolean }> {
  const noteId = actionId.split(".")[0] ?? "";
  const { note } = await noteForActor(core, actor, noteId);
  if (!note.actions.some((a) => a.id === actionId)) throw new AppError("ACTION.NOT_FOUND", "No action with that id.", { actionId });
  if (!outcome.trim()) throw new AppError("ACTION.NO_OUTCOME", "Say in one line what came of it.", { actionId });
  const record = auditRecord(core, actor.id, "action.done", "action", actionId, { noteId: note.id });
  const result = await core.storage.notes.completeAction(actionId, outcome.trim(), core.clock.now(), actor.id, [record]);
  if (!result) throw new AppError("ACTION.NOT_FOUND", "No action with that id.", { actionId });
  if (result.changed) await syncNoteDeadlines(core, note.id, actor.id);
  return result;
}

/** The action "Mark done" asks about, with its note, if the actor may close it. */
export async function actionToComplete(core: Core, actor: Person, actionId: string): Promise<{ note: OversightNote; action: NoteAction }> {
  const noteId = actionId.split(".")[0] ?? "";
  const { note } = await noteForActor(core, actor, noteId);
  const action = note.actions.find((a) => a.id === actionId);
  if (!action) throw new AppError("ACTION.NOT_FOUND", "No action with that id.", { actionId });
  return { note, action };
}
