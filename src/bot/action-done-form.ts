import type { Person } from "../domain/people.ts";
import { actionToComplete } from "../services/complete-action.ts";
import type { Core } from "../services/core.ts";
import type { Form } from "../content/form.ts";

export const ACTION_DONE_FORM_ID = "action-done";

/** The one question "Mark done" asks: what came of the action, in one line. */
export async function actionDoneForm(core: Core, actor: Person, actionId: string, problem?: string): Promise<Form> {
  const { note, action } = await actionToComplete(core, actor, actionId);
  const say = core.prompts.say;
  return {
    formId: ACTION_DONE_FORM_ID,
    title: say("action-done.title", { caseRef: note.fields.caseRef ?? "?" }),
    submitLabel: say("action-done.submit"),
    inputs: [{ id: "outcome", type: "text", label: say("action-done.label", { what: action.what }), required: true, value: { type: "text", text: "" } }],
    errors: problem ? { outcome: problem } : {},
    state: { actionId },
  };
}
