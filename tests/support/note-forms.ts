// The note form as a person sees it, for service-level tests: the services return content
// and answers; these put the bot's presenter in between, as every adapter does.
import { noteForm } from "../../src/bot/note-form.ts";
import { answerText, type Form } from "../../src/content/form.ts";
import type { Answer, Answers } from "../../src/domain/answers.ts";
import type { Person } from "../../src/domain/people.ts";
import { openDraftForm } from "../../src/services/open-draft.ts";
import { openAmendForm, submitAmendment } from "../../src/services/amend-note.ts";
import { submitNoteForm, type SubmitNoteOutcome } from "../../src/services/record-oversight-note.ts";
import { startNoteFromMessage, type StartNoteInput } from "../../src/services/start-note.ts";
import type { Core } from "../../src/services/core.ts";

/** A message turned into the note form it opens. */
export async function start(core: Core, input: StartNoteInput) {
  const started = await startNoteFromMessage(core, input);
  return { ...started, form: noteForm(started.content, core.prompts) };
}

/** A stored draft's form, to finish it. */
export async function openDraft(core: Core, actor: Person, noteId: string): Promise<Form> {
  return noteForm(await openDraftForm(core, actor, noteId), core.prompts);
}

/** A form's answers as it holds them (typed), to submit unchanged or with some fields retyped. */
export const valuesOf = (form: Form): Record<string, Answer> => Object.fromEntries(form.inputs.map((i) => [i.id, i.value]));

/** A form's answers as a person reads them ("@mo, @sam"; actions one per line), instants as ISO. */
export const shown = (form: Form): Record<string, string> =>
  Object.fromEntries(form.inputs.map((i) => [i.id, i.value.type === "instant" ? (i.value.at ?? "") : answerText(i.value)]));

/** Answers with some typed as text, as a person without pickers would type them. */
export const typed = (values: Record<string, Answer | string>): Answers =>
  Object.fromEntries(Object.entries(values).map(([id, v]) => [id, typeof v === "string" ? { type: "text", text: v } : v]));

type Submitted = Exclude<SubmitNoteOutcome, { status: "invalid" }> | (Extract<SubmitNoteOutcome, { status: "invalid" }> & { form: Form });

/** Submits the note form; an invalid one comes back as the form the person would see again. */
export async function submit(core: Core, input: { actor: Person; values: Record<string, Answer | string>; state: Record<string, string>; submissionKey: string }): Promise<Submitted> {
  const outcome = await submitNoteForm(core, { actor: input.actor, answers: typed(input.values), state: input.state, submissionKey: input.submissionKey });
  return outcome.status === "invalid" ? { ...outcome, form: noteForm(outcome.content, core.prompts) } : outcome;
}

/** The amendment form of a recorded note. */
export async function openAmend(core: Core, actor: Person, noteId: string): Promise<Form> {
  return noteForm(await openAmendForm(core, actor, noteId), core.prompts, "amendment");
}

/** Submits an amendment; an invalid one comes back as the form the person would see again. */
export async function submitAmend(core: Core, actor: Person, values: Record<string, Answer | string>, state: Record<string, string>) {
  const outcome = await submitAmendment(core, actor, typed(values), state);
  return outcome.status === "invalid" ? { ...outcome, form: noteForm(outcome.content, core.prompts, "amendment") } : outcome;
}
