import { AppError } from "../domain/errors.ts";
import { findNameInCaseRef } from "../domain/names-guard.ts";
import type { OversightNote } from "../domain/note.ts";
import type { Person } from "../domain/people.ts";
import { auditRecord } from "./audit-trail.ts";
import { syncNoteDeadlines } from "./sync-note-deadlines.ts";
import type { Core } from "./core.ts";
import { noteForActor } from "./note-access.ts";

/** Confirms a recorded note is on the child's file in the case system, optionally with that system's reference. */
export async function markOnCaseRecord(core: Core, actor: Person, noteId: string, caseRecordRef: string | null): Promise<{ note: OversightNote; changed: boolean }> {
  const { note, directory } = await noteForActor(core, actor, noteId);
  const reference = caseRecordRef?.trim() || null;
  if (findNameInCaseRef(reference, directory.staffWords)) {
    throw new AppError("NOTE.REFERENCE_LOOKS_LIKE_NAME", "The case system reference looks like a name.", { noteId: note.id });
  }
  if (note.status === "draft") throw new AppError("NOTE.IS_DRAFT", "Record the note before marking it on the case record.", { noteId: note.id });
  const record = auditRecord(core, actor.id, "note.on-case-record", "note", note.id, { withReference: reference !== null });
  const result = await core.storage.notes.markOnCaseRecord(note.id, core.clock.now(), actor.id, reference, [record]);
  if (!result) throw new AppError("NOTE.NOT_FOUND", "No note with that id.", { noteId: note.id });
  if (result.changed) await syncNoteDeadlines(core, note.id, actor.id);
  return result;
}
