import { parseMessage } from "../capture/parse-message.ts";
import { emptyFields } from "../domain/note.ts";
import type { Person } from "../domain/people.ts";
import type { Form, FormValues } from "../content/message.ts";
import { auditRecord } from "./audit-trail.ts";
import { syncNoteDeadlines } from "./sync-note-deadlines.ts";
import type { Core } from "./core.ts";
import { Directory } from "./directory.ts";
import { noteForm, noteFormValues, readNoteForm, recorderState } from "./note-form.ts";
import { previousActionsReview } from "./previous-actions.ts";
import { formErrors } from "./form-errors.ts";

export interface StartNoteInput {
  actor: Person;
  /** The chat message (or a thread's text); empty for a blank form. */
  text: string;
  /** The inbound event's id: the same event twice gives the same draft. */
  eventId: string | null;
  /** From a thread: its authors and its last message's time. */
  thread?: { authors: Person[]; lastMessageAt: Date };
}

export interface StartedNote {
  form: Form;
  /** The stored draft, or null when a likely name kept it from being saved. */
  draftId: string | null;
  /** Field ids the person still has to fill or fix. */
  toFill: string[];
}

/**
 * Turns a chat message into a pre-filled oversight note form: every field the message
 * gives, the people resolved, the review of earlier actions on the case offered, and
 * what is missing marked. The draft is stored (so nothing is lost) unless the names
 * guard flagged something, in which case it waits for the person's correction.
 */
export async function startNoteFromMessage(core: Core, input: StartNoteInput): Promise<StartedNote> {
  const now = core.clock.now();
  const directory = await Directory.load(core.storage.people);
  const parsed = parseMessage(input.text, { now, endOfDay: core.settings.profile.workingHours.end });

  const people = [input.actor, ...(input.thread?.authors ?? [])];
  const typedPeople: string[] = [];
  for (const written of parsed.participants) {
    const person = directory.resolve(written, input.actor);
    if (person) people.push(person);
    else typedPeople.push(written);
  }
  const fields = {
    ...emptyFields(input.thread?.lastMessageAt ?? parsed.discussedAt),
    caseRef: parsed.caseRef,
    kind: parsed.kind ?? "ad-hoc",
    participantIds: [...new Set(people.map((p) => p.id))],
    issue: parsed.issue,
    review: parsed.review,
    options: parsed.options.map((text) => ({ text, chosen: false })),
    decision: parsed.decision,
    decisionNotToAct: parsed.decisionNotToAct,
    rationale: parsed.rationale,
    noDisagreement: parsed.noDisagreement,
  };
  const values: FormValues = noteFormValues(fields, directory);
  if (typedPeople.length) values.participants = [values.participants, ...typedPeople].filter(Boolean).join(", ");
  if (!parsed.noDisagreement) values.disagreements = parsed.disagreements.map((d) => `${d.who ? `${d.who}: ` : ""}${d.view}`).join("\n");
  values.actions = parsed.actions.map((a) => (a.owner ? `${a.owner}: ` : "") + a.what + (a.dueText ? ` by ${a.dueText}` : "")).join("\n");
  values.childViews = parsed.childViews ?? "";
  if (!values.review && parsed.caseRef) values.review = await previousActionsReview(core, input.actor, parsed.caseRef, directory);

  const read = readNoteForm(values, { actor: input.actor, directory, now, settings: core.settings });
  values.recorder = read.recorderId ? directory.handleOf(read.recorderId) : "";
  // Show options, actions and disagreements as the form reads them: the chosen option
  // marked, owners resolved, dates exact.
  const normalised = noteFormValues(read.fields, directory);
  values.options = normalised.options ?? "";
  values.actions = normalised.actions ?? "";
  values.disagreements = normalised.disagreements ?? "";

  let draftId: string | null = null;
  if (read.nameFlags.length === 0) {
    const id = core.newId();
    const { note } = await core.storage.notes.create(
      {
        id,
        sourceKey: input.eventId ? `start:${input.eventId}` : null,
        status: "draft",
        fields: read.fields,
        createdAt: now,
        createdById: input.actor.id,
        recorderId: read.recorderId,
      },
      [auditRecord(core, input.actor.id, "note.create", "note", id, { from: input.text.trim() ? "message" : "blank" })],
    );
    draftId = note.id;
    await syncNoteDeadlines(core, note.id, input.actor.id);
  }

  const errors = formErrors(read.errors, core.prompts);
  const state = { ...(draftId ? { draftId } : {}), ...recorderState(values, read, directory) };
  const form = noteForm(values, errors, state, core.prompts.say, {
    lateReason: read.lateBy !== null,
    nameCheck: read.nameFlags.length > 0,
  });
  return { form, draftId, toFill: Object.keys(errors) };
}
