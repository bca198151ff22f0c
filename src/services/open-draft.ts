import { AppError } from "../domain/errors.ts";
import type { Person } from "../domain/people.ts";
import type { Form } from "../content/message.ts";
import type { Core } from "./core.ts";
import { formErrors } from "./form-errors.ts";
import { noteForActor } from "./note-access.ts";
import { noteForm, noteFormValues, readNoteForm, recorderState } from "./note-form.ts";

/** The form for a stored draft, with what is still missing marked: to finish or confirm it. */
export async function openDraftForm(core: Core, actor: Person, noteId: string): Promise<Form> {
  const { note, directory } = await noteForActor(core, actor, noteId);
  if (note.status !== "draft") throw new AppError("NOTE.ALREADY_RECORDED", "This note is already recorded; amend it instead.", { noteId: note.id });
  const values = noteFormValues(note.fields, directory, { recorderId: note.recorderId });
  const read = readNoteForm(values, { actor, directory, now: core.clock.now(), settings: core.settings, assignedRecorderId: note.recorderId });
  return noteForm(values, formErrors(read.errors, core.prompts), { draftId: note.id, ...recorderState(values, read, directory) }, core.prompts.say, {
    lateReason: read.lateBy !== null,
    nameCheck: read.nameFlags.length > 0,
  });
}
