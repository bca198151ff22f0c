import { parseMessage } from "../capture/parse-message.ts";
import { emptyFields } from "../domain/note.ts";
import type { Person } from "../domain/people.ts";
import { isAnswered, type Answer, type PersonRef } from "../domain/answers.ts";
import { auditRecord } from "./audit-trail.ts";
import { syncNoteDeadlines } from "./sync-note-deadlines.ts";
import type { Core } from "./core.ts";
import { Directory } from "./directory.ts";
import { dayOffState, noteAnswers, noteFormContent, readNoteForm, recorderState, type NoteFormContent } from "./note-form.ts";
import { fillReview } from "./previous-actions.ts";

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
  /** The note form's content: answers pre-filled, problems marked. */
  content: NoteFormContent;
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
  const parsed = parseMessage(input.text, { now, endOfDay: core.settings.profile.workingHours.end, team: directory.team });

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
  // What the message gave, typed: people resolved where they can be, actions as rows with
  // their own due dates (read once, here), nothing flattened to be read again.
  const person = (p: Person): PersonRef => ({ id: p.id, handle: p.handle });
  const refOf = (written: string): PersonRef => {
    const found = directory.resolve(written, input.actor);
    return found ? person(found) : { typed: written };
  };
  const answers: Record<string, Answer> = noteAnswers(fields, directory);
  if (typedPeople.length) answers.participants = { type: "people", people: [...fields.participantIds.map((id) => person(directory.get(id)!)), ...typedPeople.map((typed) => ({ typed }))] };
  if (!parsed.noDisagreement) answers.disagreements = { type: "text", text: parsed.disagreements.map((d) => `${d.who ? `${d.who}: ` : ""}${d.view}`).join("\n") };
  answers.actions = { type: "actions", rows: parsed.actions.map((a) => ({ what: a.what, owner: a.owner ? refOf(a.owner) : null, due: a.due ? a.due.toISOString() : null })) };
  answers.childViews = { type: "text", text: parsed.childViews ?? "" };
  // The review from earlier notes on the case, or "first note on this case": facts from the record, not guesses.
  if (!parsed.review) await fillReview(core, input.actor, answers, directory);

  const read = readNoteForm(answers, { actor: input.actor, directory, now, settings: core.settings });
  // What the parser only guessed from prose, where the form still shows something for it.
  const guessed = parsed.guessed.filter((field) => isAnswered(answers[field]));
  read.fields.guessed = guessed;
  answers.recorder = { type: "people", people: read.recorderId ? [person(directory.get(read.recorderId)!)] : [] };
  // Show options and disagreements as the form reads them: the chosen option marked, people resolved.
  const normalised = noteAnswers(read.fields, directory);
  answers.options = normalised.options;
  answers.actions = normalised.actions;
  answers.disagreements = normalised.disagreements;

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

  const state = { ...(draftId ? { draftId } : {}), ...recorderState(answers, read, directory), ...dayOffState(read) };
  return { content: noteFormContent(answers, read, state, guessed), draftId, toFill: Object.keys(read.errors) };
}
