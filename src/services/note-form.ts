import { parseActionLine } from "../capture/actions.ts";
import { readLondonDateTime } from "../capture/dates.ts";
import { mayReassignRecorder, mayRecordNote } from "../domain/access.ts";
import { isDecisionNotToAct } from "../domain/decision.ts";
import { findNameInCaseRef, findNameInText, type NameFlag } from "../domain/names-guard.ts";
import { GROUP_SUPERVISION, NOTE_KIND_LABELS, OVERSIGHT_KINDS, isNoteKind, type NoteKind } from "../domain/note-kinds.ts";
import { missingFields, smartProblems, type NoteFields, type NoteOption } from "../domain/note.ts";
import { chooseRecorder, type Person } from "../domain/people.ts";
import { formatLondon, typedLondon } from "../domain/london-time.ts";
import type { Form, FormInput, FormValues } from "../content/message.ts";
import type { PromptKey, Prompts } from "../prompts/prompts.ts";
import type { CoreSettings } from "./core.ts";
import type { Directory } from "./directory.ts";
import { completionDue } from "./plan-deadlines.ts";

export const NOTE_FORM_ID = "oversight-note";

/** The value of the `nameCheck` input with which a person confirms a flagged word is not a child's name. */
export const NOT_A_NAME = "not-a-name";

/** The form's inputs in DESIGN.md §4's order. */
export const NOTE_INPUTS = [
  "caseRef", "kind", "discussedAt", "participants", "issue", "review", "options", "decision",
  "rationale", "disagreements", "actions", "childViews", "questions", "insights", "recorder", "lateReason", "nameCheck",
] as const;
export type NoteInputId = (typeof NOTE_INPUTS)[number];

export interface ReadContext {
  actor: Person;
  directory: Directory;
  now: Date;
  settings: CoreSettings;
  /** An amendment of a recorded note: lateness was settled when it was recorded. */
  amending?: boolean;
  /** The recorder value the form filled in itself (state.autoRecorder). */
  autoRecorder?: string;
  /** The recorder already stored on the draft (assigned by someone allowed to). */
  assignedRecorderId?: string | null;
}

/** What a submitted note form says, and what is wrong with it, field by field. */
export interface ReadNote {
  fields: NoteFields;
  recorderId: string | null;
  /** The most senior participant: the recorder unless someone reassigned it. */
  defaultRecorderId: string | null;
  lateReason: string | null;
  lateBy: Date | null;
  nameFlags: NameFlag[];
  nameOverride: boolean;
  errors: Partial<Record<NoteInputId, { key: PromptKey; params?: Record<string, string> }>>;
}

/** A note's fields as the strings a form shows (the inverse of readNoteForm). */
export function noteFormValues(fields: NoteFields, directory: Directory, extra: { recorderId?: string | null; lateReason?: string | null } = {}): FormValues {
  return {
    caseRef: fields.caseRef ?? "",
    kind: fields.kind,
    discussedAt: fields.discussedAt.toISOString(),
    participants: fields.participantIds.map((id) => directory.handleOf(id)).join(", "),
    issue: fields.issue ?? "",
    review: fields.review ?? "",
    options: fields.options.map((o) => `${o.chosen ? "* " : ""}${o.text}`).join("\n"),
    decision: fields.decision ?? "",
    rationale: fields.rationale ?? "",
    disagreements: fields.noDisagreement ? "none" : fields.disagreements.map((d) => `${directory.handleOf(d.who)}: ${d.view}`).join("\n"),
    actions: fields.actions
      .map((a) => {
        const owner = a.ownerId ? directory.handleOf(a.ownerId) : a.ownerText;
        return `${owner ? `${owner}: ` : ""}${a.what}${a.dueAt ? ` by ${typedLondon(a.dueAt)}` : ""}`;
      })
      .join("\n"),
    childViews: fields.childViews ?? "",
    questions: fields.questions ?? "",
    insights: fields.insights ?? "",
    recorder: extra.recorderId ? directory.handleOf(extra.recorderId) : "",
    lateReason: extra.lateReason ?? "",
    nameCheck: "",
  };
}

/** Reads and checks a submitted note form. Nothing is thrown: every problem is an error on its field. */
export function readNoteForm(values: FormValues, ctx: ReadContext): ReadNote {
  const errors: ReadNote["errors"] = {};
  const text = (id: NoteInputId) => (values[id] ?? "").trim() || null;
  const { directory, actor, now } = ctx;

  const kindValue = text("kind") ?? "ad-hoc";
  if (!isNoteKind(kindValue)) errors.kind = { key: "form.kind-unknown" };

  let discussedAt = now;
  const when = text("discussedAt");
  if (when) {
    const iso = /^\d{4}-\d\d-\d\dT/.test(when) ? new Date(when) : null;
    const read = iso && !Number.isNaN(iso.getTime()) ? iso : readLondonDateTime(when, now, { forwardDates: false })?.instant ?? null;
    if (!read) errors.discussedAt = { key: "form.date-unreadable", params: { typed: when } };
    else if (read.getTime() > now.getTime() + 5 * 60_000) errors.discussedAt = { key: "form.discussed-in-future" };
    else discussedAt = read;
  }

  const participantIds: string[] = [];
  const unknown: string[] = [];
  for (const written of splitPeople(text("participants") ?? "")) {
    const person = directory.resolve(written, actor);
    if (!person) unknown.push(written);
    else if (!participantIds.includes(person.id)) participantIds.push(person.id);
  }
  if (unknown.length) errors.participants = { key: "form.people-unknown", params: { names: unknown.join(", ") } };

  const decision = text("decision");
  const options = readOptions(lines(text("options"), /\r?\n|;/), decision);

  const disagreementLines = lines(text("disagreements"));
  const noDisagreement = disagreementLines.length === 1 && saysNoDisagreement(disagreementLines[0]!);
  const disagreements = noDisagreement
    ? []
    : disagreementLines.map((line) => {
        const match = /^([@\w][\w.' -]{0,40}?)\s*:\s*(.+)$/.exec(line);
        const who = match ? directory.resolve(match[1]!, actor) : null;
        return who ? { who: who.id, view: match![2]!.trim() } : { who: match?.[1]?.trim() ?? "", view: (match?.[2] ?? line).trim() };
      });

  const actions = lines(text("actions")).map((line) => {
    const parsed = parseActionLine(line, { now, endOfDay: ctx.settings.profile.workingHours.end });
    const owner = parsed.owner ? directory.resolve(parsed.owner, actor) : null;
    return { what: parsed.what, ownerId: owner?.id ?? null, ownerText: owner ? null : parsed.owner, dueAt: parsed.due };
  });
  const smart = smartProblems(actions, discussedAt);
  if (smart.length) {
    const described = smart.map((p) => `${p.position + 1}: ${SMART_WORDS[p.problem]}`);
    errors.actions = { key: "form.actions-not-smart", params: { problems: described.join("; ") } };
  }

  const fields: NoteFields = {
    caseRef: text("caseRef"),
    kind: isNoteKind(kindValue) ? kindValue : "ad-hoc",
    discussedAt,
    participantIds,
    issue: text("issue"),
    review: text("review"),
    options,
    decision,
    decisionNotToAct: isDecisionNotToAct(decision),
    rationale: text("rationale"),
    disagreements,
    noDisagreement,
    actions,
    childViews: text("childViews"),
    questions: text("questions"),
    insights: text("insights"),
  };

  if (fields.caseRef && !CASE_REF.test(fields.caseRef)) errors.caseRef = { key: "form.case-ref-format" };
  for (const field of missingFields(fields)) errors[field] ??= { key: "form.required" };

  const people = participantIds.map((id) => directory.get(id)).filter((p): p is Person => p !== undefined);
  const defaultRecorderId = people.length ? chooseRecorder(people, ctx.settings.roleRanks, actor.id).id : null;
  let recorderId = defaultRecorderId;
  const recorderTyped = text("recorder");
  // A recorder the form filled in itself follows the participants; one a person chose stays.
  if (recorderTyped && recorderTyped !== ctx.autoRecorder) {
    const recorder = directory.resolve(recorderTyped, actor);
    if (!recorder) errors.recorder = { key: "form.people-unknown", params: { names: recorderTyped } };
    else if (recorder.id !== defaultRecorderId && recorder.id !== ctx.assignedRecorderId) {
      const problem = reassignmentProblem(actor, recorder, defaultRecorderId ? directory.get(defaultRecorderId) : undefined, ctx.settings);
      if (problem) errors.recorder = problem;
      else recorderId = recorder.id;
    } else recorderId = recorder.id;
  }

  // A group note is its presenter's to record [000 group Standard Four], whoever is senior.
  if (fields.kind === GROUP_SUPERVISION && ctx.assignedRecorderId) {
    recorderId = ctx.assignedRecorderId;
    delete errors.recorder;
  }

  const deadline = completionDue(fields.kind, discussedAt, ctx.settings.profile);
  const lateBy = !ctx.amending && now.getTime() > deadline.getTime() ? deadline : null;
  const lateReason = text("lateReason");
  if (lateBy && !lateReason) errors.lateReason = { key: "form.late-reason-needed", params: { due: formatLondon(lateBy) } };

  const nameOverride = text("nameCheck") === NOT_A_NAME;
  const nameFlags = findNameFlags(fields, directory, { lateReason });
  if (!nameOverride) {
    // The names advice is the most important thing to say about a field: it replaces any other problem.
    for (const flag of [...nameFlags].reverse()) errors[flag.field as NoteInputId] = { key: "form.looks-like-name", params: { words: flag.words } };
  }

  return { fields, recorderId, defaultRecorderId, lateReason, lateBy, nameFlags, nameOverride, errors };
}

/** Why the actor may not hand the recording to `recorder` (the rules: domain/access.ts), or null. */
function reassignmentProblem(actor: Person, recorder: Person, senior: Person | undefined, settings: CoreSettings): ReadNote["errors"]["recorder"] | null {
  if (!mayRecordNote(recorder)) return { key: "form.recorder-not-eligible", params: { name: `@${recorder.handle}` } };
  if (mayReassignRecorder(actor, recorder, senior, settings.roleRanks)) return null;
  return senior ? { key: "form.recorder-not-yours", params: { senior: `@${senior.handle}` } } : { key: "form.recorder-not-eligible", params: { name: `@${actor.handle}` } };
}

/** The form state that marks a recorder the form chose itself, so it can follow the participants. */
export function recorderState(values: FormValues, read: Pick<ReadNote, "defaultRecorderId">, directory: Directory): Record<string, string> {
  return read.defaultRecorderId && values.recorder === directory.handleOf(read.defaultRecorderId) ? { autoRecorder: values.recorder } : {};
}

/** Every place in a note where a child's name might have been typed. */
export function findNameFlags(fields: NoteFields, directory: Directory, extra: { lateReason?: string | null } = {}): NameFlag[] {
  const staff = directory.staffWords;
  const typedWho = fields.disagreements.filter((d) => !directory.get(d.who)).map((d) => findNameInText("disagreements", d.who, staff));
  const candidates: (NameFlag | null)[] = [
    findNameInCaseRef(fields.caseRef, staff),
    findNameInText("issue", fields.issue, staff),
    findNameInText("review", fields.review, staff),
    ...fields.options.map((o) => findNameInText("options", o.text, staff)),
    findNameInText("decision", fields.decision, staff),
    findNameInText("rationale", fields.rationale, staff),
    ...typedWho,
    ...fields.disagreements.map((d) => findNameInText("disagreements", d.view, staff)),
    ...fields.actions.map((a) => findNameInText("actions", `${a.ownerText ?? ""} ${a.what}`, staff)),
    findNameInText("childViews", fields.childViews, staff),
    findNameInText("questions", fields.questions, staff),
    findNameInText("insights", fields.insights, staff),
    findNameInText("lateReason", extra.lateReason, staff),
  ];
  return candidates.filter((flag): flag is NameFlag => flag !== null);
}

/** The neutral form for a note: every §4 field, with the values and errors given. */
export function noteForm(
  values: FormValues,
  errors: Record<string, string>,
  state: Record<string, string>,
  say: Prompts["say"],
  ask: { lateReason: boolean; nameCheck: boolean },
): Form {
  const input = (id: NoteInputId, type: "text" | "multiline", required: boolean): FormInput => ({
    id,
    type,
    label: say(`form.label.${id.toLowerCase()}` as PromptKey),
    required,
    value: values[id] ?? "",
    hint: HINTS[id] ? say(HINTS[id]) : undefined,
  });
  const kindInput = (kinds: readonly NoteKind[]): FormInput => ({ id: "kind", type: "select", label: say("form.label.kind"), required: true, value: values.kind || kinds[0]!, options: kinds.map((k) => ({ value: k, label: NOTE_KIND_LABELS[k] })) });
  const people: FormInput[] = [
    { id: "discussedAt", type: "datetime", label: say("form.label.discussedat"), required: true, value: values.discussedAt ?? "" },
    { id: "participants", type: "person", multiple: true, label: say("form.label.participants"), required: true, value: values.participants ?? "" },
  ];
  const recorder: FormInput = { id: "recorder", type: "person", multiple: false, label: say("form.label.recorder"), required: true, value: values.recorder ?? "" };
  const group = values.kind === GROUP_SUPERVISION;
  // A group supervision note: questions, issues, insights and next steps [000 group Standard Four].
  const inputs: FormInput[] = group
    ? [
        input("caseRef", "text", true),
        kindInput([GROUP_SUPERVISION]),
        ...people,
        input("questions", "multiline", true),
        { ...input("issue", "multiline", true), label: say("form.label.group-issues") },
        input("insights", "multiline", true),
        { id: "actions", type: "actions", label: say("form.label.next-steps"), required: false, value: values.actions ?? "", hint: say("form.hint.actions") },
        recorder,
      ]
    : [
        input("caseRef", "text", true),
        kindInput(OVERSIGHT_KINDS),
        ...people,
        input("issue", "multiline", true),
        input("review", "multiline", false),
        input("options", "multiline", true),
        input("decision", "multiline", true),
        input("rationale", "multiline", true),
        input("disagreements", "multiline", false),
        { id: "actions", type: "actions", label: say("form.label.actions"), required: false, value: values.actions ?? "", hint: say("form.hint.actions") },
        input("childViews", "multiline", false),
        recorder,
      ];
  if (ask.lateReason || values.lateReason) inputs.push(input("lateReason", "text", true));
  if (ask.nameCheck || values.nameCheck) {
    inputs.push({
      id: "nameCheck",
      type: "select",
      label: say("form.label.namecheck"),
      required: false,
      value: values.nameCheck ?? "",
      options: [{ value: "", label: say("form.namecheck.fix") }, { value: NOT_A_NAME, label: say("form.namecheck.not-a-name") }],
    });
  }
  return { formId: NOTE_FORM_ID, title: say(group ? "form.group-title" : "form.title"), submitLabel: say(group ? "form.group-submit" : "form.submit"), inputs, errors, state };
}

const HINTS: Partial<Record<NoteInputId, PromptKey>> = {
  caseRef: "form.hint.caseref",
  options: "form.hint.options",
  disagreements: "form.hint.disagreements",
  actions: "form.hint.actions",
};

const SMART_WORDS = { "no-what": "nothing to do", "no-owner": "no owner", "no-due": "no due date", "due-before-discussion": "due before the discussion" } as const;

/** The case-reference rule and the "none" words have one home, the vocabulary; CASE_REF stays importable from here. */
import { CASE_REF, saysNoDisagreement } from "../domain/vocabulary.ts";
export { CASE_REF };


/**
 * One item per line (bullets and numbers dropped, "*" kept as the chosen mark). Options
 * may also be separated by ";" as in chat; an action or a disagreement may contain one.
 */
function lines(value: string | null, separator: RegExp = /\r?\n/): string[] {
  if (!value) return [];
  return value
    .split(separator)
    .map((line) => line.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, (m) => (m.trim() === "*" ? "* " : "")).trim())
    .filter(Boolean);
}

function readOptions(typed: string[], decision: string | null): NoteOption[] {
  const options = typed.map((line) => {
    const chosen = /^(\*|\[x\])\s*/i.test(line) || /\(chosen\)$/i.test(line);
    return { text: line.replace(/^(\*|\[x\])\s*/i, "").replace(/\s*\(chosen\)$/i, "").trim(), chosen };
  });
  if (!options.some((o) => o.chosen) && decision) {
    const d = decision.toLowerCase();
    const match = options.find((o) => o.text.length > 3 && (d.includes(o.text.toLowerCase()) || o.text.toLowerCase().includes(d)));
    if (match) match.chosen = true;
  }
  return options;
}

function splitPeople(value: string): string[] {
  return value
    .split(/[,;\n]+|\s+and\s+/)
    .flatMap((chunk) => (/^\s*@\S+(\s+@\S+)+\s*$/.test(chunk) ? chunk.trim().split(/\s+/) : [chunk]))
    .map((s) => s.trim())
    .filter(Boolean);
}

