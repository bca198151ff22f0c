import { personLabel, type ActionRow, type Answer, type ChildRow, type PersonRef } from "../../src/domain/answers.ts";
import { answerText, type Form, type FormInput, type FormValues } from "../../src/content/form.ts";
import type { Prompts } from "../../src/prompts/prompts.ts";
import { clip, plain, section, type SlackBlock } from "./render-blocks.ts";
import type { SlackPeople } from "./slack-people.ts";

// The core's neutral forms as Slack modals, and a submitted modal's state back as the
// form's typed answers. Native widgets where Slack has them: date-time pickers, user
// selects for people and action owners, a select for the kind. Block ids name the input
// (`caseRef`), or the input and a part (`participants--others`, `actions--2--owner`).

/** A modal view as sent to views.open / views.update / response_action: update. */
export type SlackView = Record<string, unknown> & { blocks: SlackBlock[] };

/** Slack's own limits on a modal. */
const TITLE_MAX = 24;
const METADATA_MAX = 3000;
const ACTION_ROWS_MAX = 10;
/** The most a text input holds (plain_text_input's max_length). */
const TEXT_MAX = 3000;
const SEP = "--";
/** The input whose rows are children (case reference and decision), not actions. */
const CHILDREN = "children";
/** The most children rows a modal shows; more than that, and they are one text box, one per line. */
const CHILD_ROWS_MAX = 12;
/** The callback id of a modal that only shows words (nothing to submit or keep). */
export const MESSAGE_VIEW = "message";

/** What travels in private_metadata: the form's opaque state, handed back to the core on submit. */
export interface ModalMetadata {
  state: Record<string, string>;
  /** For a text split over several inputs, by input id: what each cut took out (see `splitParts`). */
  cuts?: Record<string, string[]>;
}

/**
 * A form as a modal. Problems the core found are shown under their fields (as hints), so a
 * form opened from a message marks what is missing before anyone presses submit.
 */
export function formView(form: Form, people: SlackPeople, prompts: Prompts): SlackView {
  const blocks: SlackBlock[] = [];
  const title = modalTitle(form.title, prompts);
  if (title.heading) blocks.push(title.heading);
  const gaps = Object.keys(form.errors).length;
  if (gaps) blocks.push(section(prompts.say("slack.form-gaps", { gaps })));
  const guessed = form.inputs.filter((i) => i.guess).length;
  if (guessed) blocks.push(section(prompts.say("form.guessed-intro", { guessed })));
  const cuts: Record<string, string[]> = {};
  for (const input of form.inputs) blocks.push(...inputBlocks(input, form.errors[input.id], people, prompts, cuts));
  const metadata = JSON.stringify({ state: form.state, ...(Object.keys(cuts).length ? { cuts } : {}) } satisfies ModalMetadata);
  if (metadata.length > METADATA_MAX) throw new Error("Form state too large for a Slack modal");
  return {
    type: "modal",
    callback_id: form.formId,
    title: title.title,
    submit: plain(clip(form.submitLabel, TITLE_MAX)),
    close: plain(clip(prompts.say("slack.close"), TITLE_MAX)),
    private_metadata: metadata,
    // Closing without submitting still reaches the bot: what was typed is kept as a draft.
    notify_on_close: true,
    blocks,
  };
}

/** A modal with only words in it: "reading the thread…", or why a form could not open. */
export function messageView(title: string, text: string, prompts: Prompts): SlackView {
  const t = modalTitle(title, prompts);
  return { type: "modal", callback_id: MESSAGE_VIEW, title: t.title, close: plain(clip(prompts.say("slack.close"), TITLE_MAX)), blocks: [...(t.heading ? [t.heading] : []), section(text)] };
}

/** A title longer than Slack's 24 characters heads the modal instead, under the bot's name. */
function modalTitle(title: string, prompts: Prompts): { title: ReturnType<typeof plain>; heading: SlackBlock | null } {
  if (title.length <= TITLE_MAX) return { title: plain(title), heading: null };
  return { title: plain(clip(prompts.say("slack.modal-title"), TITLE_MAX)), heading: { type: "header", text: plain(clip(title, 150)) } };
}

/** The form's state from a modal's private_metadata (empty when it is not ours). */
export function modalMetadata(privateMetadata: string | undefined): ModalMetadata {
  try {
    const parsed = JSON.parse(privateMetadata ?? "{}") as Partial<ModalMetadata>;
    const state = Object.fromEntries(Object.entries(parsed.state ?? {}).filter(([, v]) => typeof v === "string"));
    const cuts = Object.fromEntries(Object.entries(parsed.cuts ?? {}).filter(([, v]) => Array.isArray(v) && v.every((c) => typeof c === "string")));
    return { state, cuts };
  } catch {
    return { state: {}, cuts: {} };
  }
}

/**
 * A submitted modal's state as the form's typed answers: picked users as people, picked
 * times as instants, action rows as rows (an empty due date stays empty), a long text's
 * parts one text again (`cuts`: the modal's metadata).
 */
export function modalValues(stateValues: Record<string, Record<string, SlackElementState>>, people: SlackPeople, cuts: ModalMetadata["cuts"] = {}): FormValues {
  const values: Record<string, Answer> = {};
  const others: Record<string, string> = {};
  const continued: Record<string, string[]> = {};
  const rows: ActionRow[] = [];
  const children: ChildRow[] = [];
  for (const [blockId, elements] of Object.entries(stateValues)) {
    const element = elements.value;
    if (!element) continue;
    const [inputId = "", part, field] = blockId.split(SEP);
    const value = elementAnswer(element, people);
    if (part === "others") others[inputId] = textIn(value);
    else if (part === MORE) (continued[inputId] ??= [])[Number(field)] = textIn(value);
    else if (inputId === CHILDREN && part !== undefined && field) {
      const row = (children[Number(part)] ??= { caseRef: "", decision: "" });
      if (field === "caseRef") row.caseRef = textIn(value);
      if (field === "decision") row.decision = textIn(value);
    } else if (part !== undefined && field) {
      const row = (rows[Number(part)] ??= { what: "", owner: null, due: null });
      if (field === "what") row.what = textIn(value);
      if (field === "owner" && value.type === "people") row.owner = value.people[0] ?? null;
      if (field === "due" && value.type === "instant") row.due = value.at;
    } else values[inputId] = value;
  }
  for (const [inputId, parts] of Object.entries(continued)) values[inputId] = { type: "text", text: joinParts([textIn(values[inputId]), ...parts.slice(1)], cuts[inputId] ?? []) };
  for (const [inputId, typed] of Object.entries(others)) {
    const picked = values[inputId]?.type === "people" ? values[inputId].people : [];
    const named = typed.split(/[,;\n]+/).map((t) => t.trim()).filter(Boolean).map((t): PersonRef => ({ typed: t }));
    values[inputId] = { type: "people", people: [...picked, ...named] };
  }
  if (rows.length) values.actions = { type: "actions", rows: rows.filter(Boolean) };
  if (children.length) values[CHILDREN] = { type: "children", rows: children.filter(Boolean) };
  return values;
}

const textIn = (answer: Answer | undefined) => (answer?.type === "text" ? answer.text : "");

/**
 * The core's errors as `response_action: errors` wants them (block id → message), or null
 * when the open modal no longer matches the form: a field appeared (the names question, the
 * late reason) or its state changed (a draft saved). Then the modal must be replaced.
 */
export function modalErrors(form: Form, openBlockIds: ReadonlySet<string>, openState: Record<string, string>): Record<string, string> | null {
  if (form.inputs.some((input) => !blockOf(input, openBlockIds))) return null;
  // The core changed the form's state (a draft saved for the first time): the modal must carry it.
  if (!sameState(form.state, openState)) return null;
  const errors: Record<string, string> = {};
  for (const [inputId, message] of Object.entries(form.errors)) {
    const input = form.inputs.find((i) => i.id === inputId);
    const blockId = input && blockOf(input, openBlockIds);
    if (!blockId) return null;
    errors[blockId] = clip(message, 2000);
  }
  return errors;
}

function sameState(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] === b[k]);
}

export interface SlackElementState {
  type: string;
  value?: string | null;
  selected_date_time?: number | null;
  selected_option?: { value: string } | null;
  selected_user?: string | null;
  selected_users?: string[] | null;
  selected_conversation?: string | null;
}

/** The open modal's block an input's problems are shown on (an actions input's first row), if it has one. */
function blockOf(input: FormInput, openBlockIds: ReadonlySet<string>): string | null {
  if (openBlockIds.has(input.id)) return input.id;
  const firstRow = [input.id, 0, input.type === "children" ? "caseRef" : "what"].join(SEP);
  return (input.type === "actions" || input.type === "children") && openBlockIds.has(firstRow) ? firstRow : null;
}

function elementAnswer(element: SlackElementState, people: SlackPeople): Answer {
  switch (element.type) {
    case "datetimepicker":
      return { type: "instant", at: element.selected_date_time ? new Date(element.selected_date_time * 1000).toISOString() : null };
    case "static_select":
      return { type: "choice", value: element.selected_option?.value.replace(/^v:/, "") ?? "" };
    case "users_select":
      return { type: "people", people: element.selected_user ? [people.refOf(element.selected_user)] : [] };
    case "multi_users_select":
      return { type: "people", people: (element.selected_users ?? []).map((id) => people.refOf(id)) };
    case "conversations_select":
      return { type: "choice", value: element.selected_conversation ? `slack:${element.selected_conversation}` : "" };
    default:
      return { type: "text", text: element.value ?? "" };
  }
}

function inputBlocks(input: FormInput, error: string | undefined, people: SlackPeople, prompts: Prompts, cuts: Record<string, string[]>): SlackBlock[] {
  // A problem first; a value the bot only guessed from prose says so, problem or not.
  const hint = [error ? `⚠ ${error}` : null, input.guess ? `🔍 ${input.guess}` : null, error ? null : input.hint].filter(Boolean).join(" ") || undefined;
  const block = (blockId: string, label: string, element: SlackBlock, optional: boolean, hintText?: string): SlackBlock => ({
    type: "input",
    block_id: blockId,
    label: plain(clip(label, 2000)),
    optional,
    element: { action_id: "value", ...element },
    ...(hintText ? { hint: plain(clip(hintText, 2000)) } : {}),
  });
  // Slack itself stops an empty required field being submitted, saying so next to it.
  const optional = !input.required;
  // A text longer than one input holds goes on in further inputs ("continued, 2 of 3"), read
  // back as one value: nothing typed or pasted is cut.
  const textBlocks = (id: string, label: string, value: string, multiline: boolean): SlackBlock[] => {
    const { parts, cuts: taken } = splitParts(value);
    if (taken.length) cuts[id] = taken;
    return parts.map((part, i) =>
      i === 0
        ? block(id, label, textElement(part, multiline), optional, hint)
        : block([id, MORE, i].join(SEP), prompts.say("slack.continued", { field: label, n: i + 1, total: parts.length }), textElement(part, multiline), true),
    );
  };
  switch (input.type) {
    case "text":
    case "multiline":
      return textBlocks(input.id, input.label, answerText(input.value), input.type === "multiline");
    case "datetime": {
      const at = input.value.type === "instant" && input.value.at ? new Date(input.value.at) : null;
      const initial = at ? { initial_date_time: Math.floor(at.getTime() / 1000) } : {};
      return [block(input.id, input.label, { type: "datetimepicker", ...initial }, optional, hint)];
    }
    case "select": {
      const options = input.options.map((o) => ({ text: plain(clip(o.label, 75)), value: `v:${o.value}` }));
      const initial = options.find((o) => o.value === `v:${answerText(input.value)}`);
      return [block(input.id, input.label, { type: "static_select", options, ...(initial ? { initial_option: initial } : {}) }, optional, hint)];
    }
    case "person": {
      const named = peopleNamed(input.value);
      const known = named.map((p) => people.slackIdOfRef(p)).filter((id): id is string => id !== null);
      const unknown = named.filter((p) => !people.slackIdOfRef(p)).map(personLabel);
      const element = input.multiple
        ? { type: "multi_users_select", ...(known.length ? { initial_users: known } : {}) }
        : { type: "users_select", ...(known[0] ? { initial_user: known[0] } : {}) };
      const blocks = [block(input.id, input.label, element, optional, hint)];
      // Names typed in the message that are not Slack users stay visible, to keep or fix.
      if (unknown.length) blocks.push(block([input.id, "others"].join(SEP), prompts.say("slack.others", { field: input.label }), textElement(unknown.join(", "), false), true));
      return blocks;
    }
    case "channel": {
      // The team channel as Slack's own channel picker; the core keeps it as "slack:<id>".
      const chosen = answerText(input.value);
      const current = chosen.startsWith("slack:") ? { initial_conversation: chosen.slice("slack:".length) } : {};
      return [block(input.id, input.label, { type: "conversations_select", filter: { include: ["public", "private"], exclude_bot_users: true }, ...current }, optional, hint)];
    }
    case "children":
      return childRows(input, hint, error, prompts, textBlocks, block);
    case "actions": {
      // Typed lines (not rows), or more actions than rows fit: all of them in one text box, one
      // per line, rather than lose any (the core reads the lines).
      const rows = input.value.type === "actions" ? input.value.rows : [];
      if (input.value.type !== "actions" || rows.length >= ACTION_ROWS_MAX) return textBlocks(input.id, input.label, answerText(input.value), true);
      const count = Math.min(ACTION_ROWS_MAX, Math.max(2, rows.length + 1));
      const blocks: SlackBlock[] = [{ type: "header", text: plain(clip(input.label, 150)) }];
      if (hint) blocks.push({ type: "context", elements: [plain(clip(hint, 2000))] });
      for (let i = 0; i < count; i++) {
        const row: ActionRow = rows[i] ?? { what: "", owner: null, due: null };
        const owner = row.owner ? people.slackIdOfRef(row.owner) : null;
        // An owner who is not a Slack user leads the words ("Jo: visit"), where the core reads them.
        const what = owner || !row.owner ? row.what : `${personLabel(row.owner)}: ${row.what}`;
        const due = row.due ? { initial_date_time: Math.floor(new Date(row.due).getTime() / 1000) } : {};
        const n = i + 1;
        blocks.push(
          block([input.id, i, "what"].join(SEP), prompts.say("form.action-what", { n }), textElement(what, false), true, i === 0 && error ? `⚠ ${error}` : undefined),
          block([input.id, i, "owner"].join(SEP), prompts.say("form.action-owner", { n }), { type: "users_select", ...(owner ? { initial_user: owner } : {}) }, true),
          block([input.id, i, "due"].join(SEP), prompts.say("form.action-due", { n }), { type: "datetimepicker", ...due }, true),
        );
      }
      return blocks;
    }
  }
}

/**
 * The children a group session discussed as rows of two text inputs (`children--0--caseRef`,
 * `--decision`): one more empty row than there are children, at least two. Typed lines, or
 * more children than rows fit, are one text box instead (the core reads the lines).
 */
function childRows(input: FormInput, hint: string | undefined, error: string | undefined, prompts: Prompts, textBlocks: (id: string, label: string, value: string, multiline: boolean) => SlackBlock[], block: (blockId: string, label: string, element: SlackBlock, optional: boolean, hintText?: string) => SlackBlock): SlackBlock[] {
  const rows = input.value.type === "children" ? input.value.rows : [];
  if (input.value.type !== "children" || rows.length >= CHILD_ROWS_MAX) return textBlocks(input.id, input.label, answerText(input.value), true);
  const count = Math.min(CHILD_ROWS_MAX, Math.max(2, rows.length + 1));
  const blocks: SlackBlock[] = [{ type: "header", text: plain(clip(input.label, 150)) }];
  if (hint) blocks.push({ type: "context", elements: [plain(clip(hint, 2000))] });
  for (let i = 0; i < count; i++) {
    const row: ChildRow = rows[i] ?? { caseRef: "", decision: "" };
    const n = i + 1;
    blocks.push(
      block([input.id, i, "caseRef"].join(SEP), prompts.say("form.child-ref", { n }), textElement(row.caseRef, false), true, i === 0 && error ? `⚠ ${error}` : undefined),
      block([input.id, i, "decision"].join(SEP), prompts.say("form.child-decision", { n }), textElement(row.decision, true), true),
    );
  }
  return blocks;
}

function textElement(value: string, multiline: boolean): SlackBlock {
  return { type: "plain_text_input", multiline, ...(value ? { initial_value: value.slice(0, TEXT_MAX) } : {}) };
}

/** The block id part of a long text's continuation inputs (`issue--more--1`). */
const MORE = "more";

/**
 * A text cut into parts that each fit one input: at the last line break, else the last space,
 * in the second half of the limit; where there is neither (one very long word), at the limit.
 * `cuts[i]` is what the cut after part i took out (the break, the space, or nothing), so
 * `joinParts` puts the text back exactly (but for a break at the very end, which is dropped:
 * the core trims texts).
 */
export function splitParts(value: string): { parts: string[]; cuts: string[] } {
  const parts: string[] = [];
  const cuts: string[] = [];
  let rest = value;
  while (rest.length > TEXT_MAX) {
    const window = rest.slice(0, TEXT_MAX + 1);
    const breakAt = [window.lastIndexOf("\n"), window.lastIndexOf(" ")].find((at) => at > TEXT_MAX / 2);
    // Never between the two halves of an emoji (a surrogate pair).
    const end = breakAt ?? (/[\uD800-\uDBFF]/.test(rest[TEXT_MAX - 1]!) ? TEXT_MAX - 1 : TEXT_MAX);
    const cut = breakAt === undefined ? "" : rest[breakAt]!;
    parts.push(rest.slice(0, end));
    rest = rest.slice(end + cut.length);
    if (rest === "") return { parts, cuts };
    cuts.push(cut);
  }
  return { parts: [...parts, rest], cuts };
}

/**
 * A long text's parts back as one value, each cut's separator put back (a line break where
 * the modal's metadata has none); a part the person emptied is left out with its cut.
 */
function joinParts(parts: (string | undefined)[], cuts: readonly string[]): string {
  let text = "";
  parts.forEach((part, i) => {
    if (part) text += (text && i > 0 ? (cuts[i - 1] ?? "\n") : "") + part;
  });
  return text;
}

/** The people a person input holds: picked ones, or names typed (one per comma). */
function peopleNamed(value: Answer): PersonRef[] {
  if (value.type === "people") return value.people;
  return answerText(value).split(/[,;\n]+/).map((t) => t.trim()).filter(Boolean).map((typed) => ({ typed }));
}
