import { AppError } from "../domain/errors.ts";
import type { Person } from "../domain/people.ts";
import { AMEND_FORM_ID, submitAmendment } from "../services/amend-note.ts";
import { completeAction } from "../services/complete-action.ts";
import { ACTION_DONE_FORM_ID, actionDoneForm } from "./action-done-form.ts";
import type { Core } from "../services/core.ts";
import { Directory } from "../services/directory.ts";
import { NOTE_FORM_ID } from "../services/note-form.ts";
import { saveNoteDraft, submitNoteForm } from "../services/record-oversight-note.ts";
import { message } from "../content/message.ts";
import type { FormValues } from "../content/form.ts";
import { plainText } from "../domain/answers.ts";
import { noteForm } from "./note-form.ts";
import { recordedMessage, withOutcomes } from "./note-view.ts";
import { caseForm, GROUP_CASE_FORM_ID, groupCommand } from "./group-commands.ts";
import { submitGroupSeries } from "../services/group-series.ts";
import { GROUP_SERIES_FORM_ID, groupSeriesForm } from "./group-series-form.ts";
import { errorText } from "./turn.ts";
import { fieldLabels } from "../export/field-text.ts";
import type { BotReply } from "./reply.ts";

export interface FormSubmission {
  actor: Person;
  formId: string;
  values: FormValues;
  state: Record<string, string>;
  /** The platform's id for this submission (a retry carries the same one). */
  submissionKey: string;
}

/** A submitted form from any platform: the note form or the amendment form. */
export async function submitForm(core: Core, submission: FormSubmission): Promise<BotReply> {
  const say = core.prompts.say;
  if (submission.formId === NOTE_FORM_ID) {
    const outcome = await submitNoteForm(core, noteSubmission(submission));
    switch (outcome.status) {
      case "invalid":
        return { form: noteForm(outcome.content, core.prompts), message: message(say("form.fix-errors")) };
      case "awaiting-recorder": {
        const directory = await Directory.load(core.storage.people);
        const recorder = outcome.note.recorderId ?? "";
        return {
          message: message(say("note.awaiting-recorder", { id: outcome.note.id, recorder: directory.handleOf(recorder) })),
          notify: recorder ? [{ personId: recorder, message: message(say("note.confirm-request", { id: outcome.note.id, by: submission.actor.name })) }] : [],
        };
      }
      case "recorded": {
        if (outcome.duplicate) return { message: message(say("note.already-recorded", { id: outcome.note.id })) };
        const directory = await Directory.load(core.storage.people);
        const summary = withOutcomes(recordedMessage(outcome.note, directory, core.prompts), outcome.outcomes, core.prompts);
        const others = outcome.note.fields.participantIds.filter((id) => id !== submission.actor.id);
        return { message: summary, notify: others.map((personId) => ({ personId, message: summary })) };
      }
    }
  }
  if (submission.formId === AMEND_FORM_ID) {
    const outcome = await submitAmendment(core, submission.actor, submission.values, submission.state);
    if (outcome.status === "invalid") return { form: noteForm(outcome.content, core.prompts, "amendment"), message: message(say("form.fix-errors")) };
    if (outcome.status === "unchanged") return { message: message(say("amend.unchanged", { id: outcome.note.id })) };
    return { message: message(say("amend.done", { id: outcome.note.id, version: outcome.note.version, fields: fieldLabels(outcome.changed, outcome.note.fields.kind, core.prompts) })) };
  }
  if (submission.formId === ACTION_DONE_FORM_ID) {
    const actionId = submission.state.actionId ?? "";
    const outcome = plainText(submission.values.outcome).trim();
    if (!outcome) return { form: await actionDoneForm(core, submission.actor, actionId, say("error.action.no-outcome")), message: message(say("form.fix-errors")) };
    const { action, changed } = await completeAction(core, submission.actor, actionId, outcome);
    return { message: message(say(changed ? "action.done" : "action.already-done", { what: action.what })) };
  }
  if (submission.formId === GROUP_SERIES_FORM_ID) {
    const outcome = await submitGroupSeries(core, submission.actor, submission.values);
    if (outcome.status === "invalid") return { form: await groupSeriesForm(core, submission.actor, submission.values, outcome.problems), message: message(say("form.fix-errors")) };
    const listed = await groupCommand(core, submission.actor, []);
    const saved = say(outcome.created ? "group.series-created" : "group.series-changed", { team: outcome.series.team });
    return { message: { text: `${saved}\n${listed.message?.text ?? ""}`, blocks: [{ type: "text", text: saved }, ...(listed.message?.blocks ?? [])] } };
  }
  if (submission.formId === GROUP_CASE_FORM_ID) {
    const sessionId = submission.state.sessionId ?? "";
    const typed = plainText(submission.values.caseRef).trim();
    if (!typed) return { form: caseForm(core, sessionId, "", say("form.required")), message: message(say("form.fix-errors")) };
    try {
      return await groupCommand(core, submission.actor, ["case", sessionId, typed]);
    } catch (error) {
      // A bad reference (or a likely name) is shown on the field, keeping what was typed.
      if (error instanceof AppError && error.code.startsWith("GROUP.CASE")) return { form: caseForm(core, sessionId, typed, errorText(core, error)), message: message(say("form.fix-errors")) };
      throw error;
    }
  }
  throw new AppError("FORM.UNKNOWN", "That form is not one the bot knows.", { formId: submission.formId });
}

/**
 * A form closed without submitting. What was typed into a note form is kept as its draft
 * (unless a likely child's name in it is unconfirmed); other forms change nothing.
 */
export async function dismissForm(core: Core, submission: FormSubmission): Promise<BotReply> {
  if (submission.formId !== NOTE_FORM_ID) return {};
  const kept = await saveNoteDraft(core, noteSubmission(submission));
  const say = core.prompts.say;
  switch (kept.status) {
    case "saved":
      return { message: message(say("form.draft-kept", { id: kept.id })) };
    case "recorded":
      return { message: message(say("note.already-recorded", { id: kept.id })) };
    case "not-saved":
      // Refused: a platform whose form stays open shows it again with this on top.
      return { refused: true, message: message(kept.id ? say("form.draft-not-changed", { id: kept.id }) : say("form.draft-not-kept")) };
  }
}

function noteSubmission(submission: FormSubmission) {
  return { actor: submission.actor, answers: submission.values, state: submission.state, submissionKey: submission.submissionKey };
}
