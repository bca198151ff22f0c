import { mayAmendNote } from "../domain/access.ts";
import { AppError } from "../domain/errors.ts";
import { actionsFor } from "../domain/note-actions.ts";
import { findNameInText } from "../domain/names-guard.ts";
import { changedFields, type OversightNote } from "../domain/note.ts";
import type { Person } from "../domain/people.ts";
import { plainText, type Answers } from "../domain/answers.ts";
import { auditRecord } from "./audit-trail.ts";
import { syncCaseDeadlines } from "./sync-case-deadlines.ts";
import { syncNoteDeadlines } from "./sync-note-deadlines.ts";
import { syncGroupOutcomes } from "./group-outcomes.ts";
import { GROUP_SUPERVISION } from "../domain/note-kinds.ts";
import type { Core } from "./core.ts";
import type { Directory } from "./directory.ts";
import { noteForViewer, refusePurged } from "./note-access.ts";
import { noteAnswers, readNoteForm, type FieldProblem, type NoteFormContent } from "./note-form.ts";

export { AMEND_FORM_ID } from "../domain/form-ids.ts";

/** The amendment form's content: the recorded note's current answers (a reason for the change to give). */
export async function openAmendForm(core: Core, actor: Person, noteId: string): Promise<NoteFormContent> {
  const { note, directory } = await noteForViewer(core, actor, noteId);
  ensureAmendable(actor, note, directory);
  return amendContent(noteAnswers(note.fields, directory, { recorderId: note.recorderId }), {}, note);
}

export type AmendOutcome = { status: "invalid"; content: NoteFormContent } | { status: "amended"; note: OversightNote; changed: string[] } | { status: "unchanged"; note: OversightNote };

/**
 * Amends a recorded note: a new version with who, when and why; every earlier version
 * stays. The recorder and lateness of the original recording are not changed here.
 */
export async function submitAmendment(core: Core, actor: Person, answers: Answers, state: Record<string, string>): Promise<AmendOutcome> {
  const { note, directory } = await noteForViewer(core, actor, state.noteId ?? "");
  ensureAmendable(actor, note, directory);
  const recorder = directory.handleOf(note.recorderId ?? actor.id);
  // The recorder is settled at recording; an amendment does not reopen who records.
  const read = readNoteForm({ ...answers, recorder: { type: "text", text: recorder } }, {
    autoRecorder: recorder,
    actor,
    directory,
    now: core.clock.now(),
    settings: core.settings,
    amending: true,
    // The due dates the note was recorded with were settled then; a new one on a day off is pointed out.
    dayOffDuesSeen: [state.dayOffDues ?? "", ...note.actions.flatMap((a) => (a.dueAt ? [a.dueAt.toISOString()] : []))].join(","),
  });
  const problems: Record<string, FieldProblem> = { ...read.errors };
  const reason = plainText(answers.amendReason).trim();
  if (!reason) problems.amendReason = { key: "form.amend-reason-needed" };
  const reasonFlag = findNameInText("amendReason", reason, directory.staffWords);
  if (reasonFlag && !read.nameOverride) problems.amendReason = { key: "form.looks-like-name", params: { words: reasonFlag.words } };
  if (Object.keys(problems).length) return { status: "invalid", content: amendContent(answers, problems, note, read.nameFlags.length > 0 || reasonFlag !== null, read.dayOffDues) };

  const dropped = doneActionsDropped(note, read.fields);
  if (dropped.length) return { status: "invalid", content: amendContent(answers, { actions: { key: "form.done-action-removed", params: { what: dropped.join("; ") } } }, note) };

  const changed = changedFields(note.fields, read.fields);
  if (changed.length === 0) return { status: "unchanged", note };
  const expectedVersion = Number(state.version ?? note.version);
  const record = auditRecord(core, actor.id, "note.amend", "note", note.id, { version: expectedVersion + 1, fields: changed, ...(read.nameOverride && { nameOverride: true }) });
  const amended = await core.storage.notes.amend(note.id, { at: core.clock.now(), byId: actor.id, reason, fields: read.fields, expectedVersion }, [record]);
  if (!amended) throw new AppError("NOTE.STALE", "Someone amended this note meanwhile; open it again.", { noteId: note.id });
  await syncNoteDeadlines(core, note.id, actor.id);
  // Moved to another case: the case it was on has lost a discussion.
  if (note.fields.caseRef && note.fields.caseRef !== amended.fields.caseRef) await syncCaseDeadlines(core, note.fields.caseRef, actor.id);
  // A group note's children's outcomes follow it: added, amended or withdrawn in this turn.
  if (amended.fields.kind === GROUP_SUPERVISION) await syncGroupOutcomes(core, note.id, actor.id, reason);
  return { status: "amended", note: amended, changed };
}

function amendContent(answers: Answers, problems: Record<string, FieldProblem>, note: OversightNote, nameCheck = false, dayOffDues = ""): NoteFormContent {
  return { answers: { ...answers }, problems, state: { noteId: note.id, version: String(note.version), ...(dayOffDues && { dayOffDues }) }, ask: { lateReason: false, nameCheck }, guessed: [] };
}

function ensureAmendable(actor: Person, note: OversightNote, directory: Directory) {
  // An outcome is its group note's: amended through it, so the two never disagree.
  if (note.fields.fromGroup) throw new AppError("NOTE.AMEND_GROUP_OUTCOME", "A group supervision outcome is amended through its group note.", { noteId: note.fields.fromGroup.noteId });
  if (note.status === "draft") throw new AppError("NOTE.IS_DRAFT", "This note is still a draft: finish it instead.", { noteId: note.id });
  refusePurged(note);
  if (!mayAmendNote(actor, note, directory.byId)) throw new AppError("NOTE.AMEND_NOT_ALLOWED", "Only the recorder or their line manager can amend a note.", { noteId: note.id });
}

/** Done actions are part of the record: an amendment may add or change others, not drop these. */
function doneActionsDropped(note: OversightNote, fields: OversightNote["fields"]): string[] {
  const kept = new Set(actionsFor(note.id, note.version + 1, fields, note.actions).map((a) => a.id));
  return note.actions.filter((a) => a.status === "done" && !kept.has(a.id)).map((a) => a.what);
}
