import type { Block, Button, Form, FormInput, FormValues, OutboundMessage, SelectOption } from "../../src/content/message.ts";
import { z } from "zod";
import { londonParts } from "../../src/domain/london-time.ts";

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

const textBlock = (text: string, extra: CardJson = {}): CardJson => ({ type: "TextBlock", text: text || " ", wrap: true, ...extra });

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
      return [{ type: "FactSet", facts: block.fields.map((f) => ({ title: f.label, value: f.value || "-" })) }];
    case "list":
      return block.items.map((item, i) => textBlock(`• ${item}`, { spacing: i === 0 ? "default" : "none" }));
    case "buttons":
      return block.buttons.length ? [{ type: "ActionSet", actions: block.buttons.map(buttonAction) }] : [];
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
  /** The words for "none" in a channel input, "time" under a date, "(optional)" and the keep-as-draft button. */
  words: { noChannel: string; time: string; optional: string; keepDraft: string };
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
  for (const input of form.inputs) {
    body.push(...inputElements(input, options));
    const problem = form.errors[input.id];
    if (problem) body.push(problemBlock(problem));
    else if (input.hint) body.push(textBlock(input.hint, { isSubtle: true, size: "Small", spacing: "None" }));
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
  return { ...spec, inputs: spec.inputs.map((input) => ({ ...input, value: values[input.id] ?? "" }) as FormInput), errors, state };
}

const problemBlock = (problem: string) => textBlock(`⚠ ${problem}`, { color: "Attention", spacing: "None" });

function inputElements(input: FormInput, options: FormCardOptions): CardJson[] {
  const base = { id: input.id, label: input.required ? input.label : `${input.label} ${options.words.optional}` };
  const text = (multiline: boolean): CardJson => ({ type: "Input.Text", ...base, value: input.value, ...(multiline ? { isMultiline: true } : {}) });
  switch (input.type) {
    case "text":
    case "person":
      return [text(false)];
    case "multiline":
    case "actions":
      return [text(true)];
    case "select":
      return [choiceSet(base, input.options, input.value)];
    case "channel": {
      const known = options.channels.some((c) => c.value === input.value);
      const channels: SelectOption[] = [
        { value: "", label: options.words.noChannel },
        ...options.channels,
        ...(input.value && !known ? [{ value: input.value, label: input.value }] : []),
      ];
      return [choiceSet(base, channels, input.value)];
    }
    case "datetime": {
      const picked = pickerValues(input.value);
      // What cannot be shown in the pickers (words the core did not understand) stays as typed.
      if (!picked) return [text(false)];
      return [
        { type: "Input.Date", ...base, id: `${input.id}--date`, value: picked.date },
        { type: "Input.Time", id: `${input.id}--time`, label: options.words.time, value: picked.time, spacing: "Small" },
      ];
    }
  }
}

/**
 * A datetime value as the pickers show it (London date "2026-11-24", time "14:00"): from an
 * ISO instant, or from a date typed back as "24/11/2026 14:00". Null for anything else.
 */
function pickerValues(value: string): { date: string; time: string } | null {
  const pad = (n: number) => String(n).padStart(2, "0");
  if (!value.trim()) return { date: "", time: "" };
  const typed = /^(\d{2})\/(\d{2})\/(\d{4})(?: (\d{2}):(\d{2}))?$/.exec(value.trim());
  if (typed) return { date: `${typed[3]}-${typed[2]}-${typed[1]}`, time: typed[4] ? `${typed[4]}:${typed[5]}` : "" };
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) return null;
  const p = londonParts(at);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

/** A compact drop-down; values carry a "v:" prefix so that an empty value is a choice too. */
function choiceSet(base: CardJson, options: readonly SelectOption[], value: string): CardJson {
  return { type: "Input.ChoiceSet", ...base, style: "compact", value: `v:${value}`, choices: options.map((o) => ({ title: o.label || " ", value: `v:${o.value}` })) };
}

/**
 * The form values in a submitted card: inputs by id, choices without their prefix, and a
 * date and time read back as "24/11/2026 14:00" in London time, as a person would type it
 * (a date the pickers could not show was a text input, and stays as typed). Inputs Teams
 * left out (empty ones) are empty.
 */
export function cardValues(submitted: Record<string, unknown>, spec: FormSpec): FormValues {
  const str = (key: string) => (typeof submitted[key] === "string" ? (submitted[key] as string) : "");
  return Object.fromEntries(
    spec.inputs.map((input) => {
      if (input.type === "datetime" && !(input.id in submitted)) return [input.id, typedDate(str(`${input.id}--date`), str(`${input.id}--time`))];
      if (input.type === "select" || input.type === "channel") return [input.id, str(input.id).replace(/^v:/, "")];
      return [input.id, str(input.id)];
    }),
  );
}

/** "2026-11-24" and "14:00" → "24/11/2026 14:00"; a date alone stays a date (the core picks its time). */
function typedDate(date: string, time: string): string {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!d) return date.trim();
  const day = `${d[3]}/${d[2]}/${d[1]}`;
  const t = /^(\d{1,2}):(\d{2})/.exec(time.trim());
  return t ? `${day} ${t[1]!.padStart(2, "0")}:${t[2]}` : day;
}

/**
 * What a submitted card becomes once the core accepted it: the core's answer in a line,
 * then what was submitted as read-only facts (choices by their names), so the chat shows
 * what was recorded.
 */
export function summaryCard(answer: string, values: FormValues, spec: FormSpec, channels: readonly ChannelChoice[] = []): CardJson {
  const shown = (input: InputSpec, value: string) => {
    if (input.type === "select") return input.options.find((o) => o.value === value)?.label ?? value;
    if (input.type === "channel") return channels.find((c) => c.value === value)?.label ?? value;
    return value;
  };
  const facts = spec.inputs.filter((input) => (values[input.id] ?? "").trim() !== "").map((input) => ({ title: input.label, value: shown(input, values[input.id]!) }));
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
        type: z.enum(["text", "multiline", "actions", "datetime", "person", "select", "channel"]),
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
