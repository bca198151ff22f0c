import { describe, expect, it } from "vitest";
import { formCard, summaryCard, type CardJson, type FormSpec } from "../../adapters/botframework/render-card.ts";
import { teamsActivity } from "../../adapters/botframework/teams-activity.ts";
import type { Form } from "../../src/content/form.ts";
import type { OutboundMessage } from "../../src/content/message.ts";
import { groupMessages, groupNoteSummary, noteFormWithProblems, recordedSummary, reminderMessages, SECOND_OPTION, TYPED, TYPED_VALUES } from "../support/card-flows.ts";
import { drawn, drawnCard, drawnFact } from "../support/teams-drawn.ts";

// Every kind of Teams card as Teams draws it (tests/support/teams-drawn.ts): a list is one
// item per line, never run together; words a person typed come out as typed, never as
// Markdown ("*urgent*" in italics, "<b>" gone). The cards' flows are the core's own
// (tests/support/card-flows.ts); the end-to-end test checks the same in a real client.

const words = {
  noChannel: "No channel",
  time: "Time",
  optional: "(optional)",
  keepDraft: "Keep as draft",
  actionRow: (n: number) => ({ what: `Action ${n}: what`, owner: `Action ${n}: owner`, due: `Action ${n}: due` }),
  childRow: (n: number) => ({ caseRef: `Child ${n}: case reference`, decision: `Child ${n}: what was decided` }),
  guessedIntro: (n: number) => `${n} fields were read from your message`,
};

/** The card a message is sent as (a message of words alone goes as plain text: no card). */
function cardOf(message: OutboundMessage): CardJson {
  const activity = teamsActivity(message);
  const card = activity.attachments?.[0]?.content as CardJson | undefined;
  if (!card) throw new Error(`sent as plain text, not a card: ${activity.text}`);
  return card;
}

/** Buttons' titles, in order. */
const buttonsOf = (card: CardJson): string[] => JSON.stringify(card).match(/"type":"Action\.Submit","title":"[^"]*"/g)?.map((m) => m.replace(/.*"title":"/, "").replace(/"$/, "")) ?? [];

const noMarkdown = (card: CardJson) => expect(drawnCard(card).markdown, "Markdown Teams would apply to typed words").toEqual([]);

describe("Teams cards as Teams draws them", () => {
  it("the note form: typed words and problems under their fields shown as given, hints literal", async () => {
    const form: Form = await noteFormWithProblems();
    const card = formCard(form, "k1", { channels: [], words });
    noMarkdown(card);
    const lines = drawnCard(card).lines;
    expect(lines).toContain("⚠ Needed before the note can be recorded.");
    expect(lines).toContain("One option per line; put * before the one chosen.");
    expect(buttonsOf(card)).toEqual(["Record note", "Keep as draft"]);
  });

  it("Keep as draft: what was typed shown back line by line, the chosen option's marker as typed, each action on its own line", () => {
    const spec: FormSpec = {
      formId: "oversight-note",
      title: "Management oversight note",
      submitLabel: "Record note",
      inputs: [
        { id: "caseRef", type: "text", label: "Case reference", required: true },
        { id: "issue", type: "multiline", label: "Presenting issue", required: true },
        { id: "options", type: "multiline", label: "Options considered", required: true },
        { id: "actions", type: "actions", label: "Actions", required: false },
      ],
    };
    const card = summaryCard("Kept as draft n1 with everything you typed.", TYPED_VALUES, spec);
    noMarkdown(card);
    expect(drawnFact(card, "Options considered")).toEqual(["* Visit the family this week", SECOND_OPTION]);
    expect(drawnFact(card, "Presenting issue")).toEqual([TYPED]);
    expect(drawnFact(card, "Actions")).toEqual(["• @sam: visit the family by 27/11/2026 17:00", `• ${TYPED}`]);
  });

  it("the recorded summary: options one per line with the chosen one marked, participants, disagreements and actions each on their own line", async () => {
    const card = cardOf(await recordedSummary());
    noMarkdown(card);
    expect(drawnFact(card, "Options considered")).toEqual([`• ${TYPED} (chosen)`, `• ${SECOND_OPTION}`]);
    expect(drawnFact(card, "Who was in the discussion")).toEqual(["• Mo Worker", "• Sam Worker", "• Priya Worker"]);
    expect(drawnFact(card, "Disagreements")).toEqual(["• Sam Worker: Preferred _waiting_ for the school", "• Priya Worker: Visit sooner"]);
    const lines = drawnCard(card).lines;
    expect(lines[0]).toMatch(/^Oversight note n1 on 4471-JB is recorded\.$/);
    expect(lines.slice(lines.indexOf("Actions") + 1)).toEqual([`• ${TYPED} – Sam Worker – by Tue 24 Nov 2026 17:00 (action n1.1.1)`, "• Review – Mo Worker – by Fri 27 Nov 2026 17:30 (action n1.1.2)"]);
  });

  it("the group note's summary: questions and insights typed over several lines stay several lines, list-like lines literal", async () => {
    const card = cardOf(await groupNoteSummary());
    noMarkdown(card);
    expect(drawnFact(card, "Questions (yours and the group's)")).toEqual(["What is the risk?", TYPED]);
    expect(drawnFact(card, "Insights")).toEqual(["- keep it simple", "1. talk to the school"]);
    expect(drawnCard(card).lines).toContain("Next steps");
  });

  it("a reminder with its buttons (mark done, snooze), the case-record reminder, the overdue notice and the mark-done form: the typed action shown as typed", async () => {
    const { reminder, record, overdue, doneForm } = await reminderMessages();
    const card = cardOf(reminder);
    noMarkdown(card);
    expect(drawnCard(card).lines).toEqual([`Reminder: your action on case 4471-JB is due Thu 26 Nov 2026 17:00 (1 day 8 hours left): ${TYPED}`]);
    expect(buttonsOf(card)).toEqual(["Mark done", "Snooze 1 hour", "Snooze 3 hours", "Tomorrow 09:00"]);
    expect(buttonsOf(cardOf(record))).toEqual(["Mark on case record", "Snooze 1 hour", "Snooze 3 hours", "Tomorrow 09:00"]);
    noMarkdown(cardOf(overdue));
    expect(drawnCard(cardOf(overdue)).lines[0]).toMatch(new RegExp(`is overdue: ${TYPED.replace(/[*]/g, "\\*")}$`));
    const form = formCard(doneForm, "k2", { channels: [], words });
    noMarkdown(form);
    expect(drawnCard(form).lines).toEqual(["Action done – 4471-JB"]);
    expect(buttonsOf(form)).toEqual(["Mark done"]);
  });

  it("an escalation and a manager's digest: the typed action literal, each overdue item on its own line", async () => {
    const { escalation, digest } = await reminderMessages();
    const card = cardOf(escalation);
    noMarkdown(card);
    expect(drawnCard(card).lines).toEqual([`Overdue: Sam Worker's action on case 4471-JB was due Thu 26 Nov 2026 17:00 and is not done: ${TYPED}`]);
    expect(buttonsOf(card)).toEqual(["Show the note"]);
    const list = cardOf(digest);
    noMarkdown(list);
    expect(drawnCard(list).lines).toEqual([
      "Still overdue (2), as of this morning:",
      expect.stringMatching(/^• 4471-JB \(n1\.1\.1\): action – Sam Worker, due /),
      expect.stringMatching(/^• 4471-JB \(n1\.1\.2\): action – Sam Worker, due /),
    ]);
  });

  it("a group announcement keeps its two lines; a stage prompt has its heading, its words and its buttons", async () => {
    const { announce, stage } = await groupMessages();
    // Words over more than one line go as a card (a plain chat message ran its lines together in the Playground).
    const card = cardOf(announce);
    noMarkdown(card);
    expect(drawnCard(card).lines).toEqual([expect.stringMatching(/presents, Priya Worker facilitates and Mo Worker is the advisor\.$/), "If you cannot take your role, swap with a willing colleague."]);
    // Words on one line stay a plain chat message, never read as Markdown.
    expect(teamsActivity({ text: TYPED, blocks: [{ type: "text", text: TYPED }] })).toEqual({ type: "message", text: TYPED, textFormat: "plain" });
    const prompt = cardOf(stage);
    noMarkdown(prompt);
    expect(drawnCard(prompt).lines).toEqual(["Stage 2 of 8: Clarifying questions", expect.stringMatching(/^Everyone: ask short, factual questions/)]);
    expect(buttonsOf(prompt)).toEqual(["Next stage", "Back a stage"]);
  });

  it("the model of Teams' drawing sees what the Playground showed: lines run together, Markdown read", () => {
    expect(drawn("* Visit the family this week\nWait for the school's next report")).toEqual({
      lines: ["* Visit the family this week Wait for the school's next report"],
      markdown: [expect.stringContaining('"*" starting'), expect.stringContaining('"*" in')],
    });
    expect(drawn("a\n\nb \\*c\\*").lines).toEqual(["a", "b *c*"]);
  });
});
