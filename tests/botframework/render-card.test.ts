import { describe, expect, it } from "vitest";
import { cardDataOf, cardValues, formAgain, formCard, messageCard, type CardData } from "../../adapters/botframework/render-card.ts";
import type { Form } from "../../src/content/form.ts";
import { teamsPlainText } from "../../adapters/botframework/teams-text.ts";

// The neutral form as an Adaptive Card and back: what a person sees in each input is what
// the core gets when the card is submitted untouched, typed (instants, choices, action rows).

const words = {
  noChannel: "No channel",
  time: "Time",
  optional: "(optional)",
  keepDraft: "Keep as draft",
  actionRow: (n: number) => ({ what: `Action ${n}: what`, owner: `Action ${n}: owner`, due: `Action ${n}: due` }),
  childRow: (n: number) => ({ caseRef: `Child ${n}: case reference`, decision: `Child ${n}: what was decided` }),
  guessedIntro: (n: number) => `${n} fields were read from your message`,
};
const text = (t: string) => ({ type: "text" as const, text: t });
const form: Form = {
  formId: "oversight-note",
  title: "Management oversight note",
  submitLabel: "Record note",
  inputs: [
    { id: "caseRef", type: "text", label: "Case reference", required: true, value: text("4471-JB"), hint: "never a name" },
    { id: "discussedAt", type: "datetime", label: "Discussed at", required: true, value: { type: "instant", at: "2026-03-29T00:30:00.000Z" } },
    { id: "dueAt", type: "datetime", label: "Due", required: false, value: { type: "instant", at: null } },
    { id: "participants", type: "person", multiple: true, label: "Participants", required: true, value: { type: "people", people: [{ id: "p-mo", handle: "mo" }, { typed: "Jo Bloggs" }] } },
    { id: "issue", type: "multiline", label: "Issue", required: true, value: text("line one\nline two") },
    {
      id: "actions",
      type: "actions",
      label: "Actions",
      required: false,
      value: { type: "actions", rows: [{ what: "visit", owner: { id: "p-sam", handle: "sam" }, due: "2026-11-24T17:00:00.000Z" }] },
    },
    { id: "nameCheck", type: "select", label: "Is it a name?", required: false, value: { type: "choice", value: "" }, options: [{ value: "", label: "Fix it" }, { value: "not-a-name", label: "Not a name" }] },
    { id: "channel", type: "channel", label: "Team channel", required: false, value: { type: "choice", value: "teams:19:old@thread.tacv2" } },
  ],
  errors: { issue: "Needed.", form: "Something about the whole form." },
  state: { draftId: "n-1" },
};

type Json = Record<string, any>;
type SubmitData = Extract<CardData, { ovKind: "submit" }>;
/** Every input in a card, those inside column sets (an action row) included, in order. */
const inputs = (card: Json): Json[] =>
  (card.body as Json[]).flatMap((e) => (e.type === "ColumnSet" ? (e.columns as Json[]).flatMap((c) => c.items as Json[]) : [e])).filter((e) => String(e.type).startsWith("Input."));
const untouched = (card: Json) => ({ ...card.actions[0].data, ...Object.fromEntries(inputs(card).filter((i) => i.value !== "").map((i) => [i.id, i.value])) });

describe("a form as a card", () => {
  const card: Json = formCard(form, "key-1", { channels: [{ value: "teams:19:gen@thread.tacv2", label: "North › General" }], words });

  it("shows every input with its value, London time in the pickers, actions as rows, problems under their fields", () => {
    // 00:30 UTC on the spring clock change is 00:30 GMT (the clocks go forward at 01:00).
    expect(inputs(card).map((i) => [i.type, i.id, i.value])).toEqual([
      ["Input.Text", "caseRef", "4471-JB"],
      ["Input.Date", "discussedAt--date", "2026-03-29"],
      ["Input.Time", "discussedAt--time", "00:30"],
      ["Input.Date", "dueAt--date", ""],
      ["Input.Time", "dueAt--time", ""],
      ["Input.Text", "participants", "@mo, Jo Bloggs"],
      ["Input.Text", "issue", "line one\nline two"],
      ["Input.Text", "actions--0--what", "visit"],
      ["Input.Text", "actions--0--owner", "@sam"],
      ["Input.Date", "actions--0--date", "2026-11-24"],
      ["Input.Time", "actions--0--time", "17:00"],
      ["Input.Text", "actions--1--what", ""],
      ["Input.Text", "actions--1--owner", ""],
      ["Input.Date", "actions--1--date", ""],
      ["Input.Time", "actions--1--time", ""],
      ["Input.ChoiceSet", "nameCheck", "v:"],
      ["Input.ChoiceSet", "channel", "v:teams:19:old@thread.tacv2"],
    ]);
    const texts = (card.body as Json[]).filter((e) => e.type === "TextBlock").map((e) => e.text);
    expect(texts.slice(0, 2)).toEqual(["Management oversight note", "⚠ Something about the whole form."]);
    expect(texts).toContain("⚠ Needed.");
    expect(inputs(card).find((i) => i.id === "channel")!.choices.map((c: Json) => c.title)).toEqual(["No channel", "North › General", "teams:19:old@thread.tacv2"]);
    expect(card.actions[0]).toMatchObject({ type: "Action.Submit", title: "Record note", data: { ovKind: "submit", ovForm: { formId: "oversight-note", title: "Management oversight note", submitLabel: "Record note" }, ovState: { draftId: "n-1", submissionKey: "key-1" } } });
    // The form travels without its values: what was typed is only in the inputs.
    expect(JSON.stringify(card.actions[0].data)).not.toMatch(/4471-JB|line one/);
  });

  it("submitted untouched gives the core typed answers: the instant, the choices, the action rows", () => {
    const submitted = untouched(card);
    const data = cardDataOf(submitted);
    if (data?.ovKind !== "submit") throw new Error("not a submit");
    expect(cardValues(submitted, data.ovForm)).toEqual({
      caseRef: text("4471-JB"),
      discussedAt: { type: "instant", at: "2026-03-29T00:30:00.000Z" },
      dueAt: { type: "instant", at: null },
      participants: text("@mo, Jo Bloggs"),
      issue: text("line one\nline two"),
      actions: { type: "actions", rows: [{ what: "visit", owner: { typed: "@sam" }, due: "2026-11-24T17:00:00.000Z" }] },
      nameCheck: { type: "choice", value: "" },
      channel: { type: "choice", value: "teams:19:old@thread.tacv2" },
    });
  });

  it("keeps an action's words whole and its empty due date empty", () => {
    const submitted = { ...card.actions[0].data, "actions--0--what": "read the 5 December strategy minutes", "actions--0--owner": "@sam" };
    const values = cardValues(submitted, (cardDataOf(submitted) as SubmitData).ovForm);
    expect(values.actions).toEqual({ type: "actions", rows: [{ what: "read the 5 December strategy minutes", owner: { typed: "@sam" }, due: null }] });
  });

  it("reads a date without a time as the date alone (for the core to place), and inputs Teams left out as empty", () => {
    const submitted = { ...card.actions[0].data, "discussedAt--date": "2026-11-24", "actions--0--what": "visit", "actions--0--date": "2026-11-27" };
    const values = cardValues(submitted, (cardDataOf(submitted) as SubmitData).ovForm);
    expect(values.discussedAt).toEqual(text("2026-11-24"));
    expect(values.actions).toEqual({ type: "actions", rows: [{ what: "visit", owner: null, due: "2026-11-27" }] });
    expect(values.caseRef).toEqual(text(""));
  });

  it("keeps a date the core could not read as typed text", () => {
    const typed = formCard({ ...form, inputs: [{ id: "discussedAt", type: "datetime", label: "Discussed at", required: true, value: text("the other day") }] }, "k", { channels: [], words });
    expect(inputs(typed)).toEqual([expect.objectContaining({ type: "Input.Text", id: "discussedAt", value: "the other day" })]);
    const submitted = untouched(typed);
    expect(cardValues(submitted, (cardDataOf(submitted) as SubmitData).ovForm)).toEqual({ discussedAt: text("the other day") });
  });

  it("can be shown again from what it carries, with what was typed and a problem for the whole form", () => {
    const submitted = { ...untouched(card), caseRef: "4471-JX" };
    const data = cardDataOf(submitted) as SubmitData;
    const again = formAgain(data.ovForm, cardValues(submitted, data.ovForm), { form: "Sorry, something went wrong." }, data.ovState);
    const shownAgain = formCard(again, "key-2", { channels: [], words });
    expect(inputs(shownAgain).map((i) => [i.id, i.value])).toEqual(inputs(card).map((i) => [i.id, i.id === "caseRef" ? "4471-JX" : i.value]));
    expect(again.inputs.find((i) => i.id === "nameCheck")).toMatchObject({ type: "select", options: [{ value: "", label: "Fix it" }, { value: "not-a-name", label: "Not a name" }] });
    expect(again.errors).toEqual({ form: "Sorry, something went wrong." });
  });

  it("ignores cards that are not the bot's, and button data", () => {
    expect(cardDataOf({ action: "something" })).toBeNull();
    expect(cardDataOf({ ovKind: "submit", ovForm: "x" })).toBeNull();
    expect(cardDataOf({ ovKind: "action", actionId: "snooze", value: "r1|1h" })).toEqual({ ovKind: "action", actionId: "snooze", value: "r1|1h" });
  });
});

describe("a message as a card", () => {
  it("renders headings, facts, lists, buttons, links and dividers", () => {
    const card = messageCard({
      text: "t",
      blocks: [
        { type: "heading", text: "Your notes" },
        { type: "fields", fields: [{ label: "Decision", value: "" }] },
        { type: "divider" },
        { type: "list", items: ["one", "two"] },
        { type: "buttons", buttons: [{ actionId: "on-record", label: "Mark on case record", value: "n1", style: "primary" }] },
        { type: "link", label: "Open the dashboard", url: "https://bot.example/dashboard?t=a_b.c-d" },
      ],
    });
    expect(card.body).toEqual([
      expect.objectContaining({ type: "TextBlock", text: "Your notes", weight: "Bolder" }),
      { type: "FactSet", facts: [{ title: "Decision", value: "-" }] },
      expect.objectContaining({ type: "TextBlock", text: "• one", separator: true }),
      expect.objectContaining({ type: "TextBlock", text: "• two", spacing: "none" }),
      { type: "ActionSet", actions: [{ type: "Action.Submit", title: "Mark on case record", style: "positive", data: { ovKind: "action", actionId: "on-record", value: "n1" } }] },
      // A link opens in the browser, its address untouched (never escaped as Markdown).
      { type: "ActionSet", actions: [{ type: "Action.OpenUrl", title: "Open the dashboard", url: "https://bot.example/dashboard?t=a_b.c-d" }] },
    ]);
  });
});

describe("what a person wrote in Teams, as text", () => {
  it.each([
    ["<at>Sam Worker</at> to visit", "Sam Worker to visit"],
    ["<p>Spoke to <at>Sam Worker</at>: visit &amp; check</p><p>tomorrow</p>", "Spoke to Sam Worker: visit & check\ntomorrow"],
    ["a &lt;b&gt; not a tag &amp;lt;", "a <b> not a tag &lt;"],
    ["line<br>break&nbsp;here", "line\nbreak here"],
  ])("%s", (html, text) => {
    expect(teamsPlainText(html)).toBe(text);
  });
});
