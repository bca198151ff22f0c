import type { Block, Button, OutboundMessage } from "../../src/content/message.ts";
import { answerText, answerValue, type Form, type FormInput, type FormValues, type SelectOption } from "../../src/content/form.ts";
import { isAnswered, isDayOnly, type ActionRow, type Answer, type ChildRow } from "../../src/domain/answers.ts";
import { z } from "zod";
import { londonParts, londonToInstant } from "../../src/domain/london-time.ts";
import { cardText, cardValue, escapeLine } from "./card-text.ts";

// Adaptive Cards (schema 1.5, what Teams renders) for the core's neutral messages and
// forms, and the way back from a card's submitted inputs to the core's form values.

/** An Adaptive Card element or the card itself, as JSON. */
export type CardJson = Record<string, unknown>;

export const CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

/**
 * A form as its card carries it: everything but the values, errors and state. The card's
 * submit brings it back, so the same form can be shown again with what was typed (a
 * refusal, a failure) without the core.
 */
export type FormSpec = Omit<Form, "inputs" | "errors" | "state"> & { inputs: InputSpec[] };
/** An input without its value (each kind keeps its own fields, a select its options). */
type InputSpec = FormInput extends infer I ? (I extends FormInput ? Omit<I, "value"> : never) : never;

/**
 * What a card's Action.Submit carries besides the inputs (Teams merges both into one
 * object). Prefixed so no form input can collide with it.
 */
export type CardData = { ovKind: "submit"; ovForm: FormSpec; ovState: Record<string, string>; ovKeep?: true } | { ovKind: "action"; actionId: string; value: string };

/** A card as a message attachment. */
export const attachment = (card: CardJson) => ({ contentType: CARD_CONTENT_TYPE, content: card });

const card = (body: CardJson[], actions: CardJson[] = []): CardJson => ({
  $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
  type: "AdaptiveCard",
  version: "1.5",
  msteams: { width: "Full" },
  body,
  ...(actions.length ? { actions } : {}),
});

/** Words as a TextBlock: shown as given, line by line, never read as Markdown (see card-text.ts). */
const textBlock = (text: string, extra: CardJson = {}): CardJson => ({ type: "TextBlock", text: cardText(text) || " ", wrap: true, ...extra });

/** A message as a card: headings, text, facts, lists, buttons. */
export function messageCard(message: OutboundMessage): CardJson {
  const body: CardJson[] = [];
  let separate = false;
  for (const block of message.blocks) {
    if (block.type === "divider") {
      separate = true;
      continue;
    }
    const elements = elementsOf(block);
    if (separate && elements[0]) elements[0] = { ...elements[0], separator: true, spacing: "medium" };
    separate = false;
    body.push(...elements);
  }
  return card(body.length ? body : [textBlock(message.text)]);
}

/** Whether a message is nothing but text, better sent as a plain chat message than a card. */
export function isPlainText(message: OutboundMessage): boolean {
  return message.blocks.every((b) => b.type === "text");
}

function elementsOf(block: Exclude<Block, { type: "divider" }>): CardJson[] {
  switch (block.type) {
    case "heading":
      return [textBlock(block.text, { weight: "Bolder", size: "Medium" })];
    case "text":
      return [textBlock(block.text)];
    case "fields":
      return [{ type: "FactSet", facts: block.fields.map((f) => ({ title: escapeLine(f.label), value: cardValue(f.value) || "-" })) }];
    case "list":
      // One TextBlock per item: a list can never run together on one line.
      return block.items.map((item, i) => textBlock(`• ${item}`, { spacing: i === 0 ? "default" : "none" }));
    case "buttons":
      return block.buttons.length ? [{ type: "ActionSet", actions: block.buttons.map(buttonAction) }] : [];
    case "link":
      return [{ type: "ActionSet", actions: [{ type: "Action.OpenUrl", title: block.label, url: block.url }] }];
  }
}

function buttonAction(button: Button): CardJson {
  const data: CardData = { ovKind: "action", actionId: button.actionId, value: button.value };
  return {
    type: "Action.Submit",
    title: button.label,
    data,
    ...(button.style ? { style: button.style === "primary" ? "positive" : "destructive" } : {}),
  };
}

/** A team channel the bot can post to, for a form's channel input. */
export interface ChannelChoice {
  value: string;
  label: string;
}

export interface FormCardOptions {
  /** The channels a channel input offers (those the bot is in). */
  channels: ChannelChoice[];
  /** The words for "none" in a channel input, "time" under a date, "(optional)", the keep-as-draft button, and an action row's inputs. */
  words: {
    noChannel: string;
    time: string;
    optional: string;
    keepDraft: string;
    actionRow: (n: number) => { what: string; owner: string; due: string };
    /** A child's row in a group note's children discussed. */
    childRow: (n: number) => { caseRef: string; decision: string };
    /** "4 fields were read from your message…", above a form with guesses. */
    guessedIntro: (guessed: number) => string;
  };
}

/**
 * A form as a card: every input with its value, each problem in red under its field, and a
 * submit button carrying the form's id and state back. `submissionKey` makes two clicks
 * on the same card one submission. A form with a draft also has "Keep as draft", which
 * keeps what was typed without recording. Nothing is checked in the client (it would stop
 * a draft being kept): the core's problems come back under their fields.
 */
export function formCard(form: Form, submissionKey: string, options: FormCardOptions): CardJson {
  const body: CardJson[] = [textBlock(form.title, { weight: "Bolder", size: "Large" })];
  const ids = new Set(form.inputs.map((i) => i.id));
  // Problems that belong to no field (the form as a whole) go first.
  for (const [id, problem] of Object.entries(form.errors)) if (!ids.has(id)) body.push(problemBlock(problem));
  const guessed = form.inputs.filter((i) => i.guess).length;
  if (guessed) body.push(textBlock(options.words.guessedIntro(guessed), { color: "Accent", spacing: "Small" }));
  for (const input of form.inputs) {
    body.push(...inputElements(input, options));
    const problem = form.errors[input.id];
    if (problem) body.push(problemBlock(problem));
    // A value the bot only guessed from a message's prose says so, under its field.
    if (input.guess) body.push(textBlock(`🔍 ${input.guess}`, { color: "Accent", size: "Small", spacing: "None" }));
    if (!problem && input.hint) body.push(textBlock(input.hint, { isSubtle: true, size: "Small", spacing: "None" }));
  }
  const spec: FormSpec = { formId: form.formId, title: form.title, submitLabel: form.submitLabel, inputs: form.inputs.map(({ value: _, ...rest }) => rest as InputSpec) };
  const data: CardData = { ovKind: "submit", ovForm: spec, ovState: { ...form.state, submissionKey } };
  const keep: CardData = { ...data, ovKeep: true };
  return card(body, [
    { type: "Action.Submit", title: form.submitLabel, style: "positive", data },
    ...(form.state.draftId ? [{ type: "Action.Submit", title: options.words.keepDraft, data: keep }] : []),
  ]);
}

/** The form a card was made from, with the values submitted and the problems given. */
export function formAgain(spec: FormSpec, values: FormValues, errors: Record<string, string>, state: Record<string, string>): Form {
  return { ...spec, inputs: spec.inputs.map((input) => ({ ...input, value: values[input.id] ?? { type: "text", text: "" } }) as FormInput), errors, state };
}

const problemBlock = (problem: string) => textBlock(`⚠ ${problem}`, { color: "Attention", spacing: "None" });

/** The most action rows a card shows; more than that, and they are one text box, one per line. */
const ACTION_ROWS_MAX = 10;
const SEP = "--";

function inputElements(input: FormInput, options: FormCardOptions): CardJson[] {
  const base = { id: input.id, label: input.required ? input.label : `${input.label} ${options.words.optional}` };
  const text = (multiline: boolean): CardJson => ({ type: "Input.Text", ...base, value: answerText(input.value), ...(multiline ? { isMultiline: true } : {}) });
  switch (input.type) {
    case "text":
    case "person":
      return [text(false)];
    case "multiline":
      return [text(true)];
    case "actions":
      return input.value.type === "actions" && input.value.rows.length < ACTION_ROWS_MAX ? actionRows(input.id, base.label, input.value.rows, options) : [text(true)];
    case "children":
      return input.value.type === "children" && input.value.rows.length < CHILD_ROWS_MAX ? childRows(input.id, base.label, input.value.rows, options) : [text(true)];
    case "select":
      return [choiceSet(base, input.options, answerText(input.value))];
    case "channel": {
      const chosen = answerText(input.value);
      const known = options.channels.some((c) => c.value === chosen);
      const channels: SelectOption[] = [
        { value: "", label: options.words.noChannel },
        ...options.channels,
        ...(chosen && !known ? [{ value: chosen, label: chosen }] : []),
      ];
      return [choiceSet(base, channels, chosen)];
    }
    case "datetime": {
      // Words the core did not understand stay as typed, in a text input.
      if (input.value.type !== "instant") return [text(false)];
      const picked = pickerValues(input.value.at);
      return [
        { type: "Input.Date", ...base, id: `${input.id}${SEP}date`, value: picked.date },
        { type: "Input.Time", id: `${input.id}${SEP}time`, label: options.words.time, value: picked.time, spacing: "Small" },
      ];
    }
  }
}

/**
 * SMART actions as rows of inputs (`actions--0--what`, `--owner`, `--date`, `--time`): one
 * more empty row than there are actions, at least two.
 */
function actionRows(id: string, label: string, rows: readonly ActionRow[], options: FormCardOptions): CardJson[] {
  const count = Math.min(ACTION_ROWS_MAX, Math.max(2, rows.length + 1));
  const elements: CardJson[] = [textBlock(label, { weight: "Bolder" })];
  for (let i = 0; i < count; i++) {
    const row = rows[i] ?? { what: "", owner: null, due: null };
    const words = options.words.actionRow(i + 1);
    const due = pickerValues(row.due);
    const part = (name: string) => [id, i, name].join(SEP);
    elements.push(
      { type: "Input.Text", id: part("what"), label: words.what, value: row.what },
      {
        type: "ColumnSet",
        spacing: "Small",
        columns: [
          { type: "Column", width: "stretch", items: [{ type: "Input.Text", id: part("owner"), label: words.owner, value: row.owner ? answerText({ type: "people", people: [row.owner] }) : "" }] },
          { type: "Column", width: "auto", items: [{ type: "Input.Date", id: part("date"), label: words.due, value: due.date }] },
          { type: "Column", width: "auto", items: [{ type: "Input.Time", id: part("time"), label: options.words.time, value: due.time }] },
        ],
      },
    );
  }
  return elements;
}

/** The most children rows a card shows; more than that, and they are one text box, one per line. */
const CHILD_ROWS_MAX = 12;

/**
 * The children a group session discussed as rows of inputs (`children--0--caseRef`,
 * `--decision`): one more empty row than there are children, at least two.
 */
function childRows(id: string, label: string, rows: readonly ChildRow[], options: FormCardOptions): CardJson[] {
  const count = Math.min(CHILD_ROWS_MAX, Math.max(2, rows.length + 1));
  const elements: CardJson[] = [textBlock(label, { weight: "Bolder" })];
  for (let i = 0; i < count; i++) {
    const row = rows[i] ?? { caseRef: "", decision: "" };
    const words = options.words.childRow(i + 1);
    const part = (name: string) => [id, i, name].join(SEP);
    elements.push({
      type: "ColumnSet",
      spacing: "Small",
      columns: [
        { type: "Column", width: 1, items: [{ type: "Input.Text", id: part("caseRef"), label: words.caseRef, value: row.caseRef }] },
        { type: "Column", width: 3, items: [{ type: "Input.Text", id: part("decision"), label: words.decision, value: row.decision, isMultiline: true }] },
      ],
    });
  }
  return elements;
}

/** The children rows a card submitted, in order; empty rows dropped. */
function submittedChildren(id: string, str: (key: string) => string): ChildRow[] {
  const rows: ChildRow[] = [];
  for (let i = 0; i < CHILD_ROWS_MAX; i++) {
    const row = { caseRef: str([id, i, "caseRef"].join(SEP)), decision: str([id, i, "decision"].join(SEP)) };
    if (row.caseRef.trim() || row.decision.trim()) rows.push(row);
  }
  return rows;
}

/** An instant as the pickers show it: London date "2026-11-24" and time "14:00"; empty when there is none. */
function pickerValues(at: string | null): { date: string; time: string } {
  if (!at) return { date: "", time: "" };
  const pad = (n: number) => String(n).padStart(2, "0");
  const p = londonParts(new Date(at));
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

/** A compact drop-down; values carry a "v:" prefix so that an empty value is a choice too. */
function choiceSet(base: CardJson, options: readonly SelectOption[], value: string): CardJson {
  return { type: "Input.ChoiceSet", ...base, style: "compact", value: `v:${value}`, choices: options.map((o) => ({ title: o.label || " ", value: `v:${o.value}` })) };
}

/**
 * The answers in a submitted card: inputs by id, choices without their prefix, a date and
 * time picked as an instant (a date alone as "24/11/2026", for the core to place), action
 * rows as rows, and text where a card has text inputs (people, words the pickers could not
 * show). Inputs Teams left out (empty ones) are empty.
 */
export function cardValues(submitted: Record<string, unknown>, spec: FormSpec): FormValues {
  const str = (key: string) => (typeof submitted[key] === "string" ? (submitted[key] as string) : "");
  const answers: Record<string, Answer> = {};
  for (const input of spec.inputs) {
    if (input.type === "select" || input.type === "channel") answers[input.id] = { type: "choice", value: str(input.id).replace(/^v:/, "") };
    else if (input.type === "datetime" && !(input.id in submitted)) answers[input.id] = pickedWhen(str(`${input.id}${SEP}date`), str(`${input.id}${SEP}time`));
    else if (input.type === "actions" && !(input.id in submitted)) answers[input.id] = { type: "actions", rows: submittedRows(input.id, str) };
    else if (input.type === "children" && !(input.id in submitted)) answers[input.id] = { type: "children", rows: submittedChildren(input.id, str) };
    else answers[input.id] = { type: "text", text: str(input.id) };
  }
  return answers;
}

/** The action rows a card submitted, in order; rows Teams left out entirely are empty ones and dropped. */
function submittedRows(id: string, str: (key: string) => string): ActionRow[] {
  const rows: ActionRow[] = [];
  for (let i = 0; i < ACTION_ROWS_MAX; i++) {
    const part = (name: string) => str([id, i, name].join(SEP));
    const what = part("what");
    const owner = part("owner").trim();
    const due = pickedWhen(part("date"), part("time"));
    const row: ActionRow = { what, owner: owner ? { typed: owner } : null, due: due.type === "instant" ? due.at : null };
    // A date without a time: the core places it (the end of working hours), so it travels as the day.
    if (due.type === "text" && isDayOnly(due.text)) row.due = due.text;
    if (what.trim() || row.owner || row.due) rows.push(row);
  }
  return rows;
}

/** "2026-11-24" and "14:00" → that London instant; a date alone → the ISO day, for the core to place; nothing → no instant. */
function pickedWhen(date: string, time: string): Answer {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!d) return date.trim() ? { type: "text", text: date.trim() } : { type: "instant", at: null };
  const t = /^(\d{1,2}):(\d{2})/.exec(time.trim());
  if (!t) return { type: "text", text: `${d[1]}-${d[2]}-${d[3]}` };
  return { type: "instant", at: londonToInstant({ year: Number(d[1]), month: Number(d[2]), day: Number(d[3]), hour: Number(t[1]), minute: Number(t[2]) }).toISOString() };
}

/**
 * What a submitted card becomes once the core accepted it: the core's answer in a line,
 * then what was submitted as read-only facts (choices by their names), so the chat shows
 * what was recorded.
 */
export function summaryCard(answer: string, values: FormValues, spec: FormSpec, channels: readonly ChannelChoice[] = []): CardJson {
  const shown = (input: InputSpec, answer: Answer) => {
    const value = answerText(answer);
    if (input.type === "select") return input.options.find((o) => o.value === value)?.label ?? value;
    if (input.type === "channel") return channels.find((c) => c.value === value)?.label ?? value;
    return answerValue(answer);
  };
  const facts = spec.inputs.filter((input) => isAnswered(values[input.id])).map((input) => ({ title: escapeLine(input.label), value: cardValue(shown(input, values[input.id]!)) || "-" }));
  return card([textBlock(answer, { weight: "Bolder" }), ...(facts.length ? [{ type: "FactSet", separator: true, facts }] : [])]);
}

const Strings = z.record(z.string(), z.string());
const SubmitData = z.object({
  ovKind: z.literal("submit"),
  ovForm: z.object({
    formId: z.string(),
    title: z.string(),
    submitLabel: z.string(),
    inputs: z.array(
      z.looseObject({
        id: z.string(),
        type: z.enum(["text", "multiline", "actions", "children", "datetime", "person", "select", "channel"]),
        label: z.string(),
        required: z.boolean(),
      }),
    ),
  }),
  ovState: Strings,
  ovKeep: z.literal(true).optional(),
});
const ActionData = z.object({ ovKind: z.literal("action"), actionId: z.string(), value: z.string() });

/** A card's submit or button, if the activity's value is one of the bot's (and not someone else's card). */
export function cardDataOf(value: unknown): CardData | null {
  const submit = SubmitData.safeParse(value);
  if (submit.success) return submit.data as unknown as CardData;
  const action = ActionData.safeParse(value);
  return action.success ? action.data : null;
}
