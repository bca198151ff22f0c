import { plainText, type Answer, type Answers } from "../domain/answers.ts";
import { DEFAULT_GROUP_FORMAT, GROUP_FORMATS, type GroupFormat } from "../domain/group-supervision.ts";
import type { Person } from "../domain/people.ts";
import type { PromptKey } from "../prompts/prompts.ts";
import type { Core } from "../services/core.ts";
import { cadenceFor, GROUP_CADENCES, GROUP_DURATIONS, seriesFormFacts } from "../services/group-series.ts";
import type { FieldProblem } from "../services/note-form.ts";
import type { Form } from "../content/form.ts";
import { problemTexts } from "./note-form.ts";

export const GROUP_SERIES_FORM_ID = "group-series";

/**
 * The form to set up (or change) a team's series, filled with the series as it stands, or
 * with what was submitted and its problems.
 */
export async function groupSeriesForm(core: Core, actor: Person, answers: Answers = {}, problems: Record<string, FieldProblem> = {}): Promise<Form> {
  const say = core.prompts.say;
  const facts = await seriesFormFacts(core, actor, plainText(answers.team).trim());
  const { existing } = facts;
  const format = (plainText(answers.format) || existing?.format || DEFAULT_GROUP_FORMAT) as GroupFormat;
  const option = (value: string, label: string) => ({ value, label });
  const choice = (id: string, fallback: string): Answer => ({ type: "choice", value: plainText(answers[id]) || fallback });
  return {
    formId: GROUP_SERIES_FORM_ID,
    title: say("group.form.title"),
    submitLabel: say("group.form.submit"),
    inputs: [
      { id: "team", type: "select", label: say("group.form.team"), required: true, value: { type: "choice", value: facts.team }, options: facts.teams.map((t) => option(t, t)) },
      { id: "format", type: "select", label: say("group.form.format"), required: true, value: { type: "choice", value: format }, options: GROUP_FORMATS.map((f) => option(f, say(`group.format.${f}` as PromptKey))) },
      { id: "cadence", type: "select", label: say("group.form.cadence"), required: true, value: choice("cadence", String(existing?.cadenceWeeks ?? cadenceFor(core, format))), options: GROUP_CADENCES.map((c) => option(c, say("group.form.every", { weeks: c }))) },
      { id: "first", type: "datetime", label: say("group.form.first"), required: true, value: answers.first ?? { type: "instant", at: facts.nextStart || null }, hint: say("group.form.first-hint") },
      { id: "duration", type: "select", label: say("group.form.duration"), required: true, value: choice("duration", String(existing?.durationMinutes ?? 90)), options: GROUP_DURATIONS.map((d) => option(d, say("group.form.minutes", { minutes: d }))) },
      { id: "channel", type: "channel", label: say("group.form.channel"), required: false, value: answers.channel ?? { type: "choice", value: existing?.channel ?? "" }, hint: say("group.form.channel-hint") },
    ],
    errors: problemTexts(problems, core.prompts),
    state: {},
  };
}
