import { AppError } from "../domain/errors.ts";
import type { Person } from "../domain/people.ts";
import type { Core } from "./core.ts";
import { noteForActor } from "./note-access.ts";
import { dayOffState, noteAnswers, noteFormContent, readNoteForm, recorderState, type NoteFormContent } from "./note-form.ts";
import { fillReview } from "./previous-actions.ts";

/**
 * The form content for a stored draft, with what is still missing marked and what the bot
 * only guessed from a message still marked as a guess: to finish or confirm it.
 */
export async function openDraftForm(core: Core, actor: Person, noteId: string): Promise<NoteFormContent> {
  const { note, directory } = await noteForActor(core, actor, noteId);
  if (note.status !== "draft") throw new AppError("NOTE.ALREADY_RECORDED", "This note is already recorded; amend it instead.", { noteId: note.id });
  const answers = noteAnswers(note.fields, directory, { recorderId: note.recorderId });
  // A draft kept from a form where the case was typed: its review offered now.
  await fillReview(core, actor, answers, directory);
  const read = readNoteForm(answers, { actor, directory, now: core.clock.now(), settings: core.settings, assignedRecorderId: note.recorderId });
  return noteFormContent(answers, read, { draftId: note.id, ...recorderState(answers, read, directory), ...dayOffState(read) }, note.fields.guessed);
}
