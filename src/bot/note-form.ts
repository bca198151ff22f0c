import { isAnswered, plainText, type Answer } from "../domain/answers.ts";
import { GROUP_SUPERVISION, NOTE_KIND_LABELS, OVERSIGHT_KINDS, type NoteKind } from "../domain/note-kinds.ts";
import type { PromptKey, Prompts } from "../prompts/prompts.ts";
import { AMEND_FORM_ID } from "../services/amend-note.ts";
import { NOT_A_NAME, NOTE_FORM_ID, type FieldProblem, type NoteFormContent, type NoteInputId } from "../services/note-form.ts";
import type { Form, FormInput } from "../content/form.ts";

/** Problems by field in the person's words. */
export function problemTexts(problems: Partial<Record<string, FieldProblem>>, prompts: Prompts): Record<string, string> {
  const texts: Record<string, string> = {};
  for (const [field, problem] of Object.entries(problems)) {
    // A part of rows says what is wrong on each bad row, after what the part needs.
    if (problem) texts[field] = [problem, ...(problem.parts ?? [])].map((p) => prompts.say(p.key, p.params)).join(" ");
  }
  return texts;
}

/**
 * The neutral form for a note: every field in the order of docs/design.md#the-note, with its answers and problems; a
 * group supervision note asks for its own parts [000 group Standard Four]. The amendment
 * form is the same without the recorder, and with a reason for the change.
 */
export function noteForm(content: NoteFormContent, prompts: Prompts, variant: "note" | "amendment" = "note"): Form {
  const say = prompts.say;
  const { answers } = content;
  const value = (id: string): Answer => answers[id] ?? { type: "text", text: "" };
  // What the bot only guessed from prose is marked as such, field by field, until a person checks it.
  const guessed = new Set<string>(content.guessed);
  const guess = (id: string): { guess?: string } => (guessed.has(id) ? { guess: say("form.guess") } : {});
  const input = (id: NoteInputId, type: "text" | "multiline", required: boolean): FormInput => ({
    id,
    type,
    label: say(`form.label.${id.toLowerCase()}` as PromptKey),
    required,
    value: value(id),
    hint: HINTS[id] ? say(HINTS[id]) : undefined,
    ...guess(id),
  });
  const kind = plainText(answers.kind);
  const kindInput = (kinds: readonly NoteKind[]): FormInput => ({
    id: "kind",
    type: "select",
    label: say("form.label.kind"),
    required: true,
    value: { type: "choice", value: kind || kinds[0]! },
    options: kinds.map((k) => ({ value: k, label: NOTE_KIND_LABELS[k] })),
    ...guess("kind"),
  });
  const people: FormInput[] = [
    { id: "discussedAt", type: "datetime", label: say("form.label.discussedat"), required: true, value: value("discussedAt") },
    { id: "participants", type: "person", multiple: true, label: say("form.label.participants"), required: true, value: value("participants"), ...guess("participants") },
  ];
  const actions = (label: PromptKey): FormInput => ({ id: "actions", type: "actions", label: say(label), required: false, value: value("actions"), hint: say("form.hint.actions"), ...guess("actions") });
  const group = kind === GROUP_SUPERVISION;
  // A group note is its presenter's to record, whoever is most senior [000 group Standard Four].
  const recorderLabel = say(group ? "form.label.group-recorder" : "form.label.recorder");
  const recorder: FormInput[] = variant === "note" ? [{ id: "recorder", type: "person", multiple: false, label: recorderLabel, required: true, value: value("recorder") }] : [];
  const inputs: FormInput[] = group
    ? [
        input("caseRef", "text", true),
        kindInput([GROUP_SUPERVISION]),
        ...people,
        input("questions", "multiline", true),
        { ...input("issue", "multiline", true), label: say("form.label.group-issues") },
        input("insights", "multiline", true),
        actions("form.label.next-steps"),
        // Each child discussed, the presented case first: each gets an outcome on their own record.
        { id: "children", type: "children", label: say("form.label.children"), required: true, value: value("children"), hint: say("form.hint.children") },
        ...recorder,
      ]
    : [
        input("caseRef", "text", true),
        kindInput(OVERSIGHT_KINDS),
        ...people,
        input("issue", "multiline", true),
        // These three may be answered with why they do not apply ("none", "not discussed: baby"), never left blank.
        input("review", "multiline", true),
        input("options", "multiline", true),
        input("decision", "multiline", true),
        input("rationale", "multiline", true),
        input("disagreements", "multiline", true),
        actions("form.label.actions"),
        input("childViews", "multiline", true),
        ...recorder,
      ];
  if (content.ask.lateReason || isAnswered(answers.lateReason)) inputs.push(input("lateReason", "text", true));
  if (content.ask.nameCheck || isAnswered(answers.nameCheck)) {
    inputs.push({
      id: "nameCheck",
      type: "select",
      label: say("form.label.namecheck"),
      required: false,
      value: { type: "choice", value: plainText(answers.nameCheck) },
      options: [{ value: "", label: say("form.namecheck.fix") }, { value: NOT_A_NAME, label: say("form.namecheck.not-a-name") }],
    });
  }
  if (variant === "amendment") {
    inputs.push({ id: "amendReason", type: "text", label: say("form.label.amendreason"), required: true, value: value("amendReason") });
    return { formId: AMEND_FORM_ID, title: say("amend.title"), submitLabel: say("amend.submit"), inputs, errors: problemTexts(content.problems, prompts), state: content.state };
  }
  return {
    formId: NOTE_FORM_ID,
    title: say(group ? "form.group-title" : "form.title"),
    submitLabel: say(group ? "form.group-submit" : "form.submit"),
    inputs,
    errors: problemTexts(content.problems, prompts),
    state: content.state,
  };
}

const HINTS: Partial<Record<NoteInputId, PromptKey>> = {
  caseRef: "form.hint.caseref",
  review: "form.hint.review",
  options: "form.hint.options",
  disagreements: "form.hint.disagreements",
  actions: "form.hint.actions",
  childViews: "form.hint.childviews",
};
