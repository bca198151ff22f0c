import type { Block, Button, Form, FormInput, FormValues, OutboundMessage, SelectOption } from "../../src/bot/message.ts";
import { londonParts } from "../../src/domain/london-time.ts";

// Adaptive Cards (schema 1.5, what Teams renders) for the core's neutral messages and
// forms, and the way back from a card's submitted inputs to the core's form values.

/** An Adaptive Card element or the card itself, as JSON. */
export type CardJson = Record<string, unknown>;

export const CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

/**
 * What a card's Action.Submit carries besides the inputs (Teams merges both into one
 * object). Prefixed so no form input can collide with it.
 */
export type CardData =
  | { ovKind: "submit"; ovForm: string; ovState: Record<string, string>; ovChoices: string[]; ovDates: string[]; ovLabels: Record<string, string> }
  | { ovKind: "action"; actionId: string; value: string };

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
  /** The words for "none" in a channel input, and "time" under a date. */
  words: { noChannel: string; time: string; required: string };
}

/**
 * A form as a card: every input with its value, each problem in red under its field, and a
 * submit button carrying the form's id and state back. `submissionKey` makes two clicks
 * on the same card one submission.
 */
export function formCard(form: Form, submissionKey: string, options: FormCardOptions): CardJson {
  const body: CardJson[] = [textBlock(form.title, { weight: "Bolder", size: "Large" })];
  const ids = new Set(form.inputs.map((i) => i.id));
  // Problems that belong to no field (the form as a whole) go first.
  for (const [id, problem] of Object.entries(form.errors)) if (!ids.has(id)) body.push(problemBlock(problem));
  const choices: string[] = [];
  const dates: string[] = [];
  const labels: Record<string, string> = {};
  for (const input of form.inputs) {
    labels[input.id] = input.label;
    const { elements, choice, date } = inputElements(input, options);
    if (choice) choices.push(input.id);
    if (date) dates.push(input.id);
    body.push(...elements);
    const problem = form.errors[input.id];
    if (problem) body.push(problemBlock(problem));
    else if (input.hint) body.push(textBlock(input.hint, { isSubtle: true, size: "Small", spacing: "None" }));
  }
  const data: CardData = { ovKind: "submit", ovForm: form.formId, ovState: { ...form.state, submissionKey }, ovChoices: choices, ovDates: dates, ovLabels: labels };
  return card(body, [{ type: "Action.Submit", title: form.submitLabel, style: "positive", data }]);
}

const problemBlock = (problem: string) => textBlock(`⚠ ${problem}`, { color: "Attention", spacing: "None" });

function inputElements(input: FormInput, options: FormCardOptions): { elements: CardJson[]; choice?: true; date?: true } {
  const base = { id: input.id, label: input.label, isRequired: input.required, ...(input.required ? { errorMessage: options.words.required } : {}) };
  const text = (multiline: boolean): CardJson => ({ type: "Input.Text", ...base, value: input.value, ...(multiline ? { isMultiline: true } : {}) });
  switch (input.type) {
    case "text":
    case "person":
      return { elements: [text(false)] };
    case "multiline":
    case "actions":
      return { elements: [text(true)] };
    case "select":
      return { elements: [choiceSet(base, input.options, input.value)], choice: true };
    case "channel": {
      const known = options.channels.some((c) => c.value === input.value);
      const channels: SelectOption[] = [
        { value: "", label: options.words.noChannel },
        ...options.channels,
        ...(input.value && !known ? [{ value: input.value, label: input.value }] : []),
      ];
      return { elements: [choiceSet(base, channels, input.value)], choice: true };
    }
    case "datetime": {
      const picked = pickerValues(input.value);
      // What cannot be shown in the pickers (words the core did not understand) stays as typed.
      if (!picked) return { elements: [text(false)] };
      return {
        elements: [
          { type: "Input.Date", ...base, id: `${input.id}--date`, value: picked.date },
          { type: "Input.Time", id: `${input.id}--time`, label: options.words.time, isRequired: input.required, ...(input.required ? { errorMessage: options.words.required } : {}), value: picked.time, spacing: "Small" },
        ],
        date: true,
      };
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
 * date and time read back as "24/11/2026 14:00" in London time, as a person would type it.
 * Inputs Teams left out (empty ones) are empty.
 */
export function cardValues(submitted: Record<string, unknown>, data: Extract<CardData, { ovKind: "submit" }>): FormValues {
  const values: FormValues = {};
  const str = (key: string) => (typeof submitted[key] === "string" ? (submitted[key] as string) : "");
  for (const id of Object.keys(data.ovLabels)) {
    if (data.ovDates.includes(id) && !(id in submitted)) {
      values[id] = typedDate(str(`${id}--date`), str(`${id}--time`));
    } else if (data.ovChoices.includes(id)) {
      values[id] = str(id).replace(/^v:/, "");
    } else {
      values[id] = str(id);
    }
  }
  return values;
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
 * then what was submitted as read-only facts, so the chat shows what was recorded.
 */
export function summaryCard(answer: string, values: FormValues, labels: Record<string, string>): CardJson {
  const facts = Object.entries(values)
    .filter(([, value]) => value.trim() !== "")
    .map(([id, value]) => ({ title: labels[id] ?? id, value }));
  return card([textBlock(answer, { weight: "Bolder" }), ...(facts.length ? [{ type: "FactSet", separator: true, facts }] : [])]);
}

/** Whether an activity's value is a card's submit or button (and not someone else's card). */
export function cardDataOf(value: unknown): CardData | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  if (v.ovKind === "action" && typeof v.actionId === "string" && typeof v.value === "string") return { ovKind: "action", actionId: v.actionId, value: v.value };
  if (v.ovKind === "submit" && typeof v.ovForm === "string" && isStringRecord(v.ovState) && isStringList(v.ovChoices) && isStringList(v.ovDates) && isStringRecord(v.ovLabels)) {
    return { ovKind: "submit", ovForm: v.ovForm, ovState: v.ovState, ovChoices: v.ovChoices, ovDates: v.ovDates, ovLabels: v.ovLabels };
  }
  return null;
}

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === "string");
const isStringRecord = (v: unknown): v is Record<string, string> => !!v && typeof v === "object" && !Array.isArray(v) && Object.values(v).every((s) => typeof s === "string");
