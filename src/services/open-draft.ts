import { AppError } from "../domain/errors.ts";
import type { Person } from "../domain/people.ts";
import type { Core } from "./core.ts";
import { noteForActor } from "./note-access.ts";
import { dayOffState, noteAnswers, noteFormContent, readNoteForm, recorderState, type NoteFormContent } from "./note-form.ts";

/** The form content for a stored draft, with what is still missing marked: to finish or confirm it. */
export async function openDraftForm(core: Core, actor: Person, noteId: string): Promise<NoteFormContent> {
  const { note, directory } = await noteForActor(core, actor, noteId);
  if (note.status !== "draft") throw new AppError("NOTE.ALREADY_RECORDED", "This note is already recorded; amend it instead.", { noteId: note.id });
  const answers = noteAnswers(note.fields, directory, { recorderId: note.recorderId });
  const read = readNoteForm(answers, { actor, directory, now: core.clock.now(), settings: core.settings, assignedRecorderId: note.recorderId });
  return noteFormContent(answers, read, { draftId: note.id, ...recorderState(answers, read, directory), ...dayOffState(read) });
}
