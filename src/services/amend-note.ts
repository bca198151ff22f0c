import { mayAmendNote } from "../domain/access.ts";
import { AppError } from "../domain/errors.ts";
import { actionsFor } from "../domain/note-actions.ts";
import { findNameInText } from "../domain/names-guard.ts";
import { changedFields, type OversightNote } from "../domain/note.ts";
import type { Person } from "../domain/people.ts";
import type { Form, FormValues } from "../content/message.ts";
import { auditRecord } from "./audit-trail.ts";
import { syncNoteDeadlines } from "./sync-note-deadlines.ts";
import type { Core } from "./core.ts";
import type { Directory } from "./directory.ts";
import { formErrors } from "./form-errors.ts";
import { noteForViewer } from "./note-access.ts";
import { noteForm, noteFormValues, readNoteForm } from "./note-form.ts";

export const AMEND_FORM_ID = "oversight-amendment";

/** The amendment form: the recorded note's current values and a reason for the change. */
export async function openAmendForm(core: Core, actor: Person, noteId: string): Promise<Form> {
  const { note, directory } = await noteForViewer(core, actor, noteId);
  ensureAmendable(actor, note, directory);
  const values = noteFormValues(note.fields, directory, { recorderId: note.recorderId });
  return amendForm(core, values, {}, note);
}

export type AmendOutcome = { status: "invalid"; form: Form } | { status: "amended"; note: OversightNote; changed: string[] } | { status: "unchanged"; note: OversightNote };

/**
 * Amends a recorded note: a new version with who, when and why; every earlier version
 * stays. The recorder and lateness of the original recording are not changed here.
 */
export async function submitAmendment(core: Core, actor: Person, values: FormValues, state: Record<string, string>): Promise<AmendOutcome> {
  const { note, directory } = await noteForViewer(core, actor, state.noteId ?? "");
  ensureAmendable(actor, note, directory);
  const recorder = directory.handleOf(note.recorderId ?? actor.id);
  // The recorder is settled at recording; an amendment does not reopen who records.
  const read = readNoteForm({ ...values, recorder }, {
    autoRecorder: recorder,
    actor,
    directory,
    now: core.clock.now(),
    settings: core.settings,
    amending: true,
  });
  const errors = read.errors;
  const reason = (values.amendReason ?? "").trim();
  const texts = formErrors(errors, core.prompts);
  if (!reason) texts.amendReason = core.prompts.say("form.amend-reason-needed");
  const reasonFlag = findNameInText("amendReason", reason, directory.staffWords);
  if (reasonFlag && !read.nameOverride) texts.amendReason = core.prompts.say("form.looks-like-name", { words: reasonFlag.words });
  if (Object.keys(texts).length) return { status: "invalid", form: amendForm(core, values, texts, note, read.nameFlags.length > 0 || reasonFlag !== null) };

  const dropped = doneActionsDropped(note, read.fields);
  if (dropped.length) {
    const form = amendForm(core, values, { actions: core.prompts.say("form.done-action-removed", { what: dropped.join("; ") }) }, note);
    return { status: "invalid", form };
  }

  const changed = changedFields(note.fields, read.fields);
  if (changed.length === 0) return { status: "unchanged", note };
  const expectedVersion = Number(state.version ?? note.version);
  const record = auditRecord(core, actor.id, "note.amend", "note", note.id, { version: expectedVersion + 1, fields: changed, ...(read.nameOverride && { nameOverride: true }) });
  const amended = await core.storage.notes.amend(note.id, { at: core.clock.now(), byId: actor.id, reason, fields: read.fields, expectedVersion }, [record]);
  if (!amended) throw new AppError("NOTE.STALE", "Someone amended this note meanwhile; open it again.", { noteId: note.id });
  await syncNoteDeadlines(core, note.id, actor.id);
  return { status: "amended", note: amended, changed };
}

function amendForm(core: Core, values: FormValues, errors: Record<string, string>, note: OversightNote, nameCheck = false): Form {
  const form = noteForm(values, errors, { noteId: note.id, version: String(note.version) }, core.prompts.say, { lateReason: false, nameCheck });
  form.formId = AMEND_FORM_ID;
  form.title = core.prompts.say("amend.title");
  form.submitLabel = core.prompts.say("amend.submit");
  form.inputs = form.inputs.filter((i) => i.id !== "recorder");
  form.inputs.push({ id: "amendReason", type: "text", label: core.prompts.say("form.label.amendreason"), required: true, value: values.amendReason ?? "" });
  return form;
}

function ensureAmendable(actor: Person, note: OversightNote, directory: Directory) {
  if (note.status === "draft") throw new AppError("NOTE.IS_DRAFT", "This note is still a draft: finish it instead.", { noteId: note.id });
  if (!mayAmendNote(actor, note, directory.byId)) throw new AppError("NOTE.AMEND_NOT_ALLOWED", "Only the recorder or their line manager can amend a note.", { noteId: note.id });
}

/** Done actions are part of the record: an amendment may add or change others, not drop these. */
function doneActionsDropped(note: OversightNote, fields: OversightNote["fields"]): string[] {
  const kept = new Set(actionsFor(note.id, note.version + 1, fields, note.actions).map((a) => a.id));
  return note.actions.filter((a) => a.status === "done" && !kept.has(a.id)).map((a) => a.what);
}
