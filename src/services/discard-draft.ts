import { mayDiscardDraft, noteMembers } from "../domain/access.ts";
import { AppError } from "../domain/errors.ts";
import { GROUP_SUPERVISION } from "../domain/note-kinds.ts";
import type { OversightNote } from "../domain/note.ts";
import type { Person } from "../domain/people.ts";
import { auditedRefusal, auditRecord } from "./audit-trail.ts";
import type { Core } from "./core.ts";
import { noteForViewer } from "./note-access.ts";
import { noChanges, syncNoteDeadlines, type DeadlineChanges } from "./sync-note-deadlines.ts";

export interface DiscardedDraft {
  note: OversightNote;
  /** False when it had been discarded already (a second `discard`): nothing changed. */
  changed: boolean;
  /** Who else the draft named (participants, recorder, author), to be told. */
  othersToTell: string[];
  /** The deadlines and reminders cancelled with it, as counts. */
  cancelled: DeadlineChanges;
}

/**
 * Discards a draft that was never recorded (junk captured by mistake, a duplicate): its
 * author or recorder only (domain/access.ts). Nothing is deleted: the note is kept as
 * "discarded" with who and when, and listed nowhere; its open deadlines and their pending
 * reminders are cancelled in the same turn. A recorded note is never discarded, and a group
 * supervision note (the record of a session held) is recorded, not discarded.
 */
export async function discardDraft(core: Core, actor: Person, noteId: string): Promise<DiscardedDraft> {
  const { note } = await noteForViewer(core, actor, noteId);
  const othersToTell = [...new Set([...noteMembers(note), note.createdById])].filter((id) => id !== actor.id);
  if (note.status === "discarded") return { note, changed: false, othersToTell, cancelled: noChanges() };
  if (note.status !== "draft") throw new AppError("NOTE.NOT_A_DRAFT", "A recorded note is never discarded.", { noteId: note.id });
  if (note.fields.kind === GROUP_SUPERVISION) throw new AppError("NOTE.GROUP_NOTE_KEPT", "A group supervision note is recorded, not discarded.", { noteId: note.id });
  if (!mayDiscardDraft(actor, note)) {
    throw await auditedRefusal(core, new AppError("NOTE.DISCARD_NOT_ALLOWED", "Only the draft's author or recorder may discard it.", { noteId: note.id }), actor.id, "note.access-denied", "note", note.id, { purpose: "discard" });
  }
  const record = auditRecord(core, actor.id, "note.discarded", "note", note.id, { createdById: note.createdById, ...(note.recorderId && { recorderId: note.recorderId }) });
  const result = await core.storage.notes.discardDraft(note.id, core.clock.now(), actor.id, [record]);
  if (!result) throw new AppError("NOTE.NOT_FOUND", "No note with that id.", { noteId: note.id });
  if (!result.changed) {
    // Recorded (or discarded) by someone else between the read and the write.
    if (result.note.status !== "discarded") throw new AppError("NOTE.NOT_A_DRAFT", "A recorded note is never discarded.", { noteId: note.id });
    return { note: result.note, changed: false, othersToTell, cancelled: noChanges() };
  }
  const cancelled = noChanges();
  await syncNoteDeadlines(core, note.id, actor.id, cancelled);
  return { note: result.note, changed: true, othersToTell, cancelled };
}
