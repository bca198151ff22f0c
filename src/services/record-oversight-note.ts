import { AppError } from "../domain/errors.ts";
import { guessesKept, type OversightNote } from "../domain/note.ts";
import type { Person } from "../domain/people.ts";
import type { Answers } from "../domain/answers.ts";
import { auditRecord, type AuditDetail } from "./audit-trail.ts";
import { syncNoteDeadlines } from "./sync-note-deadlines.ts";
import { syncGroupOutcomes } from "./group-outcomes.ts";
import { GROUP_SUPERVISION } from "../domain/note-kinds.ts";
import type { Core } from "./core.ts";
import { Directory } from "./directory.ts";
import { noteForActor } from "./note-access.ts";
import { dayOffState, noteFormContent, readNoteForm, recorderState, type NoteFormContent } from "./note-form.ts";
import { fillReview } from "./previous-actions.ts";

export interface SubmitNoteInput {
  actor: Person;
  answers: Answers;
  /** The form's state as handed out (carries the draft id). */
  state: Record<string, string>;
  /** Identifies this submission: the same submission twice records one note. */
  submissionKey: string;
}

export type SubmitNoteOutcome =
  /** Something is wrong: the form's content again, with everything typed and a problem per field. */
  | { status: "invalid"; content: NoteFormContent; draftId: string | null }
  /** Complete, but the recorder is someone else: saved as a draft for them to confirm. */
  | { status: "awaiting-recorder"; note: OversightNote }
  /** Recorded (or had been already, for a repeated submission); a group note with its children's outcomes. */
  | { status: "recorded"; note: OversightNote; duplicate: boolean; outcomes: OversightNote[] };

/**
 * Submits the oversight note form. Complete and confirmed by the recorder, the note is
 * recorded and from then on only amended; otherwise what was typed is kept as a draft
 * (unless it holds a likely child's name, which is never saved unconfirmed). Submitting is
 * checking: whatever the bot had guessed from a message is the person's from now on.
 */
export async function submitNoteForm(core: Core, input: SubmitNoteInput): Promise<SubmitNoteOutcome> {
  const now = core.clock.now();
  const directory = await Directory.load(core.storage.people);
  let draftId = input.state.draftId ?? null;
  const draft = draftId ? (await noteForActor(core, input.actor, draftId, directory)).note : null;
  if (draft && draft.status !== "draft") return { status: "recorded", note: draft, duplicate: true, outcomes: [] };
  // A review left empty is filled from the record: "first note on this case" needs nothing more;
  // earlier notes' actions are shown for the person to say what came of them.
  const submitted = { ...input.answers };
  const filled = await fillReview(core, input.actor, submitted, directory);
  const read = readNoteForm(submitted, {
    actor: input.actor,
    directory,
    now,
    settings: core.settings,
    autoRecorder: input.state.autoRecorder,
    assignedRecorderId: draft?.recorderId,
    dayOffDuesSeen: input.state.dayOffDues,
  });
  if (filled === "earlier") read.errors.review ??= { key: "form.review-filled" };

  const mayStore = read.nameFlags.length === 0 || read.nameOverride;
  // Stored with whatever it is stored with: a confirmed "not a name" is part of the record.
  const overridden: AuditDetail | null = read.nameFlags.length > 0 ? { nameOverride: [...new Set(read.nameFlags.map((f) => f.field))] } : null;

  const hasErrors = Object.keys(read.errors).length > 0;
  if (hasErrors || read.recorderId !== input.actor.id) {
    if (mayStore) draftId = await saveDraft(core, input, read.fields, read.recorderId, draftId, overridden);
    if (hasErrors) {
      // A recorder the form chose follows the participants; a typed one with a problem stays as typed.
      const recorder = directory.get(read.recorderId ?? "");
      const answers = { ...submitted, ...(!read.errors.recorder && recorder ? { recorder: { type: "people" as const, people: [{ id: recorder.id, handle: recorder.handle }] } } : {}) };
      const { autoRecorder: _previous, dayOffDues: _seen, ...state } = input.state;
      const content = noteFormContent(answers, read, { ...state, ...(draftId ? { draftId } : {}), ...recorderState(answers, read, directory), ...dayOffState(read) });
      return { status: "invalid", content, draftId };
    }
    const note = await core.storage.notes.findById(draftId!);
    return { status: "awaiting-recorder", note: note! };
  }

  const facts = { at: now, byId: input.actor.id, recorderId: input.actor.id, lateReason: read.lateBy ? read.lateReason : null };
  const recorded = (noteId: string) => auditRecord(core, input.actor.id, "note.record", "note", noteId, { version: 1, late: read.lateBy !== null, ...overridden });
  let note: OversightNote;
  let changed: boolean;
  if (draftId) {
    const result = await core.storage.notes.record(draftId, read.fields, facts, [recorded(draftId)]);
    if (!result) throw new AppError("NOTE.NOT_FOUND", "The draft has gone.", { noteId: draftId });
    ({ note, changed } = result);
  } else {
    const id = core.newId();
    const result = await core.storage.notes.create(
      {
        id,
        sourceKey: `submit:${input.submissionKey}`,
        status: "recorded",
        fields: read.fields,
        createdAt: now,
        createdById: input.actor.id,
        recorderId: input.actor.id,
        recording: facts,
      },
      [auditRecord(core, input.actor.id, "note.create", "note", id, { from: "form" }), recorded(id)],
    );
    ({ note, created: changed } = result);
  }
  if (changed) await syncNoteDeadlines(core, note.id, input.actor.id);
  // Each child the group note lists gets an outcome on their own case, in this same turn.
  const outcomes = changed && note.fields.kind === GROUP_SUPERVISION ? await syncGroupOutcomes(core, note.id, input.actor.id, null) : [];
  return { status: "recorded", note, duplicate: !changed, outcomes };
}

/** What became of a form kept without recording it. */
export type KeptDraft =
  | { status: "saved"; id: string }
  /** The note had been recorded meanwhile: nothing to keep. */
  | { status: "recorded"; id: string }
  /** A likely child's name in it was not confirmed: nothing saved (an earlier draft keeps what it had). */
  | { status: "not-saved"; id: string | null };

/**
 * Keeps what was typed as a draft without recording it (the person stopped half way).
 * A likely child's name is not saved unless confirmed.
 */
export async function saveNoteDraft(core: Core, input: SubmitNoteInput): Promise<KeptDraft> {
  const directory = await Directory.load(core.storage.people);
  const draft = input.state.draftId ? (await noteForActor(core, input.actor, input.state.draftId, directory)).note : null;
  if (draft && draft.status !== "draft") return { status: "recorded", id: draft.id };
  const read = readNoteForm(input.answers, {
    actor: input.actor,
    directory,
    now: core.clock.now(),
    settings: core.settings,
    autoRecorder: input.state.autoRecorder,
    assignedRecorderId: draft?.recorderId,
  });
  if (read.nameFlags.length > 0 && !read.nameOverride) return { status: "not-saved", id: input.state.draftId ?? null };
  // Closed without submitting: a guess the person left as it was is still a guess.
  if (draft) read.fields.guessed = guessesKept(draft.fields, read.fields);
  const overridden = read.nameFlags.length > 0 ? { nameOverride: [...new Set(read.nameFlags.map((f) => f.field))] } : null;
  return { status: "saved", id: await saveDraft(core, input, read.fields, read.recorderId, input.state.draftId ?? null, overridden) };
}

async function saveDraft(
  core: Core,
  input: SubmitNoteInput,
  fields: OversightNote["fields"],
  recorderId: string | null,
  draftId: string | null,
  overridden: AuditDetail | null,
): Promise<string> {
  const now = core.clock.now();
  if (draftId) {
    await core.storage.notes.updateDraft(draftId, fields, recorderId, now, [
      auditRecord(core, input.actor.id, "note.change", "note", draftId, { status: "draft", ...overridden }),
    ]);
    await syncNoteDeadlines(core, draftId, input.actor.id);
    return draftId;
  }
  const id = core.newId();
  const { note } = await core.storage.notes.create(
    { id, sourceKey: `draft:${input.submissionKey}`, status: "draft", fields, createdAt: now, createdById: input.actor.id, recorderId },
    [auditRecord(core, input.actor.id, "note.create", "note", id, { from: "form", ...overridden })],
  );
  await syncNoteDeadlines(core, note.id, input.actor.id);
  return note.id;
}
