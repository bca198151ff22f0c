import { parseActionLine } from "../capture/actions.ts";
import { readLondonDateTime } from "../capture/dates.ts";
import { bankHoliday } from "../calendar/bank-holidays.ts";
import { londonDateOf, parseLondonDate } from "../calendar/london-date.ts";
import { isWorkingDay } from "../calendar/working-days.ts";
import { atLondonTime } from "../calendar/working-hours.ts";
import { mayReassignRecorder, mayRecordNote } from "../domain/access.ts";
import { CASE_REF, canonicalCaseRef, doesNotApply, saysNoDisagreement } from "../domain/vocabulary.ts";
import { isDecisionNotToAct } from "../domain/decision.ts";
import { findNameInCaseRef, findNameInChildViews, findNameInText, type NameFlag } from "../domain/names-guard.ts";
import { GROUP_SUPERVISION, isNoteKind } from "../domain/note-kinds.ts";
import { missingFields, smartProblems, type GuessableField, type NoteFields, type NoteOption } from "../domain/note.ts";
import { chooseRecorder, type Person } from "../domain/people.ts";
import { formatLondon } from "../domain/london-time.ts";
import { isDayOnly, plainText, type ActionRow, type Answer, type Answers, type PersonRef } from "../domain/answers.ts";
import type { PromptKey } from "../prompts/prompts.ts";
import type { CoreSettings } from "./core.ts";
import type { Directory } from "./directory.ts";
import { completionDue } from "./plan-deadlines.ts";
import { CHILDREN_INPUT, childrenAnswer, readChildren } from "./children-discussed.ts";

export { NOTE_FORM_ID } from "../domain/form-ids.ts";

/** The value of the `nameCheck` input with which a person confirms a flagged word is not a child's name. */
export const NOT_A_NAME = "not-a-name";

/** The form's inputs in the order of docs/design.md#the-note. */
export const NOTE_INPUTS = [
  "caseRef", "kind", "discussedAt", "participants", "issue", "review", "options", "decision",
  "rationale", "disagreements", "actions", "childViews", "questions", "insights", "children", "recorder", "lateReason", "nameCheck",
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
  /** Due dates on days off already pointed out on this form (state.dayOffDues): kept if submitted again. */
  dayOffDuesSeen?: string;
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
  /** Actions' due instants (ISO, comma-separated) that fall on a weekend or bank holiday. */
  dayOffDues: string;
  errors: Partial<Record<NoteInputId, FieldProblem>>;
}

/** A problem with one field: a prompt key and its parameters; a part of rows has a problem per bad row. */
export interface FieldProblem {
  key: PromptKey;
  params?: Record<string, string>;
  parts?: FieldProblem[];
}

/** A note's fields as a form's answers (the inverse of readNoteForm). */
export function noteAnswers(fields: NoteFields, directory: Directory, extra: { recorderId?: string | null; lateReason?: string | null } = {}): Record<NoteInputId, Answer> {
  const text = (value: string | null): Answer => ({ type: "text", text: value ?? "" });
  const person = (id: string): PersonRef => ({ id, handle: directory.handleOf(id).replace(/^@/, "") });
  return {
    caseRef: text(fields.caseRef),
    kind: { type: "choice", value: fields.kind },
    discussedAt: { type: "instant", at: fields.discussedAt.toISOString() },
    participants: { type: "people", people: fields.participantIds.map(person) },
    issue: text(fields.issue),
    review: text(fields.review ?? fields.reviewDoesNotApply),
    options: text(fields.options.map((o) => `${o.chosen ? "* " : ""}${o.text}`).join("\n")),
    decision: text(fields.decision),
    rationale: text(fields.rationale),
    disagreements: text(fields.noDisagreement ? "none" : fields.disagreements.map((d) => `${directory.handleOf(d.who)}: ${d.view}`).join("\n")),
    actions: {
      type: "actions",
      rows: fields.actions.map((a) => ({
        what: a.what,
        owner: a.ownerId ? person(a.ownerId) : a.ownerText ? { typed: a.ownerText } : null,
        due: a.dueAt ? a.dueAt.toISOString() : null,
      })),
    },
    childViews: text(fields.childViews ?? fields.childViewsDoesNotApply),
    questions: text(fields.questions),
    insights: text(fields.insights),
    children: childrenAnswer(fields),
    recorder: { type: "people", people: extra.recorderId ? [person(extra.recorderId)] : [] },
    lateReason: text(extra.lateReason ?? null),
    nameCheck: { type: "choice", value: "" },
  };
}

/** A typed case reference in its one spelling ("4471 jb" → "4471-JB"); a bad one stays as typed, to be shown on the field. */
function caseRefAnswer(typed: string | null): string | null {
  return typed === null ? null : canonicalCaseRef(typed);
}

/** Reads and checks a submitted note form. Nothing is thrown: every problem is an error on its field. */
export function readNoteForm(answers: Answers, ctx: ReadContext): ReadNote {
  const errors: ReadNote["errors"] = {};
  const text = (id: NoteInputId) => plainText(answers[id]).trim() || null;
  const { directory, actor, now } = ctx;

  const kindValue = text("kind") ?? "ad-hoc";
  if (!isNoteKind(kindValue)) errors.kind = { key: "form.kind-unknown" };

  let discussedAt = now;
  const when = readWhen(answers.discussedAt, now, { forwardDates: false });
  if (when.problem) errors.discussedAt = when.problem;
  else if (when.at && when.at.getTime() > now.getTime() + 5 * 60_000) errors.discussedAt = { key: "form.discussed-in-future" };
  else if (when.at) discussedAt = when.at;

  const participantIds: string[] = [];
  const unknown: string[] = [];
  for (const ref of peopleOf(answers.participants)) {
    const person = resolveRef(ref, directory, actor);
    if (!person) unknown.push("typed" in ref ? ref.typed : `@${ref.handle}`);
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

  const actions = readActionAnswer(answers.actions, ctx);
  const smart = smartProblems(actions, discussedAt);
  if (smart.length) {
    const described = smart.map((p) => `${p.position + 1}: ${SMART_WORDS[p.problem]}`);
    errors.actions = { key: "form.actions-not-smart", params: { problems: described.join("; ") } };
  }
  // A due date on a weekend or bank holiday ("tomorrow 5pm" said on a Friday) is pointed out
  // once: submitted again unchanged, it is kept (some visits are meant for a Saturday).
  const offDays = actions.flatMap((a, i) => (a.dueAt && !isWorkingDay(londonDateOf(a.dueAt)) ? [{ position: i + 1, at: a.dueAt }] : []));
  const dayOffDues = offDays.map((d) => d.at.toISOString()).join(",");
  const seen = new Set((ctx.dayOffDuesSeen ?? "").split(",").filter(Boolean));
  if (!errors.actions && offDays.some((d) => !seen.has(d.at.toISOString()))) {
    // "2: Sat 28 Nov 2026", "1: Mon 28 Dec 2026 (Boxing Day (substitute day))": a weekend shows in its day.
    const described = offDays.map((d) => {
      const holiday = bankHoliday(londonDateOf(d.at));
      return `${d.position}: ${formatLondon(d.at, { withTime: false })}${holiday ? ` (${holiday})` : ""}`;
    });
    errors.actions = { key: "form.due-on-day-off", params: { problems: described.join("; ") } };
  }

  // The review and the child's views: what was said, or why it does not apply ("not discussed: baby").
  const review = answerable(text("review"), "review");
  const childViews = answerable(text("childViews"), "childViews");

  const group = isNoteKind(kindValue) && kindValue === GROUP_SUPERVISION;
  const nameOverride = text("nameCheck") === NOT_A_NAME;
  const children = group ? readChildren(answers.children, directory.staffWords, nameOverride) : null;
  if (children?.problem) errors.children = children.problem;
  // The note lists each child discussed, the presented case at least [000 group Standard Four].
  else if (children && children.children.length === 0) errors.children = { key: "form.children-needed" };

  const fields: NoteFields = {
    caseRef: caseRefAnswer(text("caseRef")),
    kind: isNoteKind(kindValue) ? kindValue : "ad-hoc",
    discussedAt,
    participantIds,
    issue: text("issue"),
    review: review.content,
    reviewDoesNotApply: review.doesNotApply,
    options,
    decision,
    decisionNotToAct: isDecisionNotToAct(decision),
    rationale: text("rationale"),
    disagreements,
    noDisagreement,
    actions,
    childViews: childViews.content,
    childViewsDoesNotApply: childViews.doesNotApply,
    guessed: [],
    questions: text("questions"),
    insights: text("insights"),
    ...(children && { children: children.children }),
  };

  if (fields.caseRef && !CASE_REF.test(fields.caseRef)) errors.caseRef = { key: "form.case-ref-format" };
  for (const field of missingFields(fields)) errors[field] ??= { key: REQUIRED[field] ?? "form.required" };
  if (fields.kind !== GROUP_SUPERVISION) {
    // "n/a" alone keeps what was typed, and asks why.
    if (review.noReason) errors.review ??= { key: "form.review-why-not" };
    if (childViews.noReason) errors.childViews ??= { key: "form.child-views-why-not" };
  }

  const people = participantIds.map((id) => directory.get(id)).filter((p): p is Person => p !== undefined);
  const defaultRecorderId = people.length ? chooseRecorder(people, ctx.settings.roleRanks, actor.id).id : null;
  let recorderId = defaultRecorderId;
  const recorderRef = peopleOf(answers.recorder)[0];
  // A recorder the form filled in itself follows the participants; one a person chose stays.
  if (recorderRef && !isAutoRecorder(recorderRef, ctx.autoRecorder)) {
    const recorder = resolveRef(recorderRef, directory, actor);
    if (!recorder) errors.recorder = { key: "form.people-unknown", params: { names: "typed" in recorderRef ? recorderRef.typed : `@${recorderRef.handle}` } };
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

  const nameFlags = [...findNameFlags(fields, directory, { lateReason }), ...(children?.nameFlags ?? [])];
  if (!nameOverride) {
    // The names advice is the most important thing to say about a field: it replaces any other
    // problem (the children part says it on the row, beside its other rows' problems).
    for (const flag of [...nameFlags].reverse()) if (flag.field !== CHILDREN_INPUT) errors[flag.field as NoteInputId] = { key: "form.looks-like-name", params: { words: flag.words } };
  }

  return { fields, recorderId, defaultRecorderId, lateReason, lateBy, nameFlags, nameOverride, dayOffDues, errors };
}

/** The problem with each part a note may answer "does not apply", when it is left empty: what to give instead. */
const REQUIRED: Partial<Record<NoteInputId, PromptKey>> = {
  review: "form.review-needed",
  disagreements: "form.disagreements-needed",
  childViews: "form.child-views-needed",
};

/**
 * A part of the note that may be answered with why it does not apply: its content, or the
 * reason ("not discussed: baby"). "n/a" alone is kept as typed, and marked as lacking a reason.
 */
function answerable(typed: string | null, part: "review" | "childViews"): { content: string | null; doesNotApply: string | null; noReason: boolean } {
  if (!typed) return { content: null, doesNotApply: null, noReason: false };
  const read = doesNotApply(typed, part);
  if (read === null) return { content: typed, doesNotApply: null, noReason: false };
  return read === "no-reason" ? { content: null, doesNotApply: typed, noReason: true } : { content: null, doesNotApply: read.reason, noReason: false };
}

/**
 * When something happened or is due: a picker's instant as it is, typed words read once in
 * London time. Empty is null; words that do not read as a time are a problem on the field.
 */
function readWhen(answer: Answer | undefined, now: Date, opts: { forwardDates: boolean }): { at: Date | null; problem?: FieldProblem } {
  if (answer?.type === "instant") return { at: answer.at ? new Date(answer.at) : null };
  const typed = plainText(answer).trim();
  if (!typed) return { at: null };
  const read = readLondonDateTime(typed, now, opts)?.instant ?? null;
  return read ? { at: read } : { at: null, problem: { key: "form.date-unreadable", params: { typed } } };
}

/** The people an answer names: a picker's as they are, typed text split into names. */
function peopleOf(answer: Answer | undefined): PersonRef[] {
  if (answer?.type === "people") return answer.people;
  return splitPeople(plainText(answer)).map((typed) => ({ typed }));
}

function resolveRef(ref: PersonRef, directory: Directory, actor: Person): Person | null {
  return "id" in ref ? (directory.get(ref.id) ?? null) : directory.resolve(ref.typed, actor);
}

/** Whether the recorder answer is still the one the form filled in itself (state.autoRecorder: "@sam"). */
function isAutoRecorder(ref: PersonRef, autoRecorder: string | undefined): boolean {
  if (!autoRecorder) return false;
  return ("id" in ref ? `@${ref.handle}` : ref.typed.trim()) === autoRecorder;
}

/**
 * The actions a form gives: rows as they are (an empty due date stays empty, no word is
 * dropped), or lines typed where there are no row inputs, each read once.
 */
function readActionAnswer(answer: Answer | undefined, ctx: ReadContext): NoteFields["actions"] {
  const { directory, actor } = ctx;
  if (answer?.type === "actions") {
    return answer.rows
      .filter((row) => row.what.trim() || row.owner || row.due)
      .map((row) => {
        const { what, owner } = withOwner(row, directory, actor);
        const person = owner ? resolveRef(owner, directory, actor) : null;
        const ownerText = !owner || person ? null : "typed" in owner ? owner.typed : `@${owner.handle}`;
        return { what, ownerId: person?.id ?? null, ownerText, dueAt: row.due ? dueInstant(row.due, ctx) : null };
      });
  }
  return lines(plainText(answer).trim() || null).map((line) => {
    const parsed = parseActionLine(line, { now: ctx.now, endOfDay: ctx.settings.profile.workingHours.end });
    const owner = parsed.owner ? directory.resolve(parsed.owner, actor) : null;
    return { what: parsed.what, ownerId: owner?.id ?? null, ownerText: owner ? null : parsed.owner, dueAt: parsed.due };
  });
}

/** A row's due date: its instant, or a day picked alone at the end of working hours. */
function dueInstant(due: string, ctx: ReadContext): Date {
  return isDayOnly(due) ? atLondonTime(parseLondonDate(due), ctx.settings.profile.workingHours.end) : new Date(due);
}

/**
 * A row whose owner has no picker entry (someone not on that platform) carries them at the
 * start of its words, as the form showed it: "@jo: visit the family". Only that lead is
 * read, and only when it names someone (an @handle, or a person on the roster): "Check:
 * school report" stays words, with no owner to ask for.
 */
function withOwner(row: ActionRow, directory: Directory, actor: Person): { what: string; owner: PersonRef | null } {
  if (row.owner) return { what: row.what.trim(), owner: row.owner };
  const lead = /^\s*(@[\w.-]+|[A-Z][\w'-]*(?: [A-Z][\w'-]*)?)\s*:\s+(.+)$/s.exec(row.what);
  const names = lead && (lead[1]!.startsWith("@") || directory.resolve(lead[1]!, actor) !== null);
  return names ? { what: lead[2]!.trim(), owner: { typed: lead[1]! } } : { what: row.what.trim(), owner: null };
}

/** Why the actor may not hand the recording to `recorder` (the rules: domain/access.ts), or null. */
function reassignmentProblem(actor: Person, recorder: Person, senior: Person | undefined, settings: CoreSettings): FieldProblem | null {
  if (!mayRecordNote(recorder)) return { key: "form.recorder-not-eligible", params: { name: `@${recorder.handle}` } };
  if (mayReassignRecorder(actor, recorder, senior, settings.roleRanks)) return null;
  return senior ? { key: "form.recorder-not-yours", params: { senior: `@${senior.handle}` } } : { key: "form.recorder-not-eligible", params: { name: `@${actor.handle}` } };
}

/** The form state that remembers the due dates on days off already pointed out, so a second submission keeps them. */
export function dayOffState(read: Pick<ReadNote, "dayOffDues">): Record<string, string> {
  return read.dayOffDues ? { dayOffDues: read.dayOffDues } : {};
}

/** The form state that marks a recorder the form chose itself, so it can follow the participants. */
export function recorderState(answers: Answers, read: Pick<ReadNote, "defaultRecorderId">, directory: Directory): Record<string, string> {
  const shown = peopleOf(answers.recorder)[0];
  const handle = directory.handleOf(read.defaultRecorderId ?? "");
  return read.defaultRecorderId && shown && "id" in shown && `@${shown.handle}` === handle ? { autoRecorder: handle } : {};
}

/** Every place in a note where a child's name might have been typed. */
export function findNameFlags(fields: NoteFields, directory: Directory, extra: { lateReason?: string | null } = {}): NameFlag[] {
  const staff = directory.staffWords;
  const typedWho = fields.disagreements.filter((d) => !directory.get(d.who)).map((d) => findNameInText("disagreements", d.who, staff));
  const candidates: (NameFlag | null)[] = [
    findNameInCaseRef(fields.caseRef, staff),
    findNameInText("issue", fields.issue, staff),
    findNameInText("review", fields.review ?? fields.reviewDoesNotApply, staff),
    ...fields.options.map((o) => findNameInText("options", o.text, staff)),
    findNameInText("decision", fields.decision, staff),
    findNameInText("rationale", fields.rationale, staff),
    ...typedWho,
    ...fields.disagreements.map((d) => findNameInText("disagreements", d.view, staff)),
    ...fields.actions.map((a) => findNameInText("actions", `${a.ownerText ?? ""} ${a.what}`, staff)),
    findNameInChildViews(fields.childViews ?? fields.childViewsDoesNotApply, directory.people),
    findNameInText("questions", fields.questions, staff),
    findNameInText("insights", fields.insights, staff),
    findNameInText("lateReason", extra.lateReason, staff),
  ];
  return candidates.filter((flag): flag is NameFlag => flag !== null);
}

const SMART_WORDS = { "no-what": "nothing to do", "no-owner": "no owner", "no-due": "no due date", "due-before-discussion": "due before the discussion" } as const;



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


/**
 * What a note form shows, before any words are chosen for it: its answers, the problems by
 * field, the state to hand back on submit, and which extra questions it asks.
 */
export interface NoteFormContent {
  answers: Record<string, Answer>;
  problems: Partial<Record<string, FieldProblem>>;
  state: Record<string, string>;
  ask: { lateReason: boolean; nameCheck: boolean };
  /** Fields whose values the bot read from the prose of a message and nobody has checked: shown as guesses. */
  guessed: GuessableField[];
}

/** The content of a form for a read note: its answers as given, its problems, the questions it raises and its guesses. */
export function noteFormContent(answers: Record<string, Answer>, read: ReadNote, state: Record<string, string>, guessed: readonly GuessableField[] = []): NoteFormContent {
  return { answers, problems: read.errors, state, ask: { lateReason: read.lateBy !== null, nameCheck: read.nameFlags.length > 0 }, guessed: [...guessed] };
}
