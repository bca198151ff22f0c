import { describe, expect, it } from "vitest";
import { LINK_ACTION, slackMessage, type SlackBlock } from "../../adapters/slack/render-blocks.ts";
import type { OutboundMessage } from "../../src/content/message.ts";
import { groupMessages, groupNoteSummary, recordedSummary, reminderMessages, SECOND_OPTION, TYPED } from "../support/card-flows.ts";

// The same flows as Teams' cards (tests/botframework/card-flows.test.ts) in Slack's Block Kit:
// a list is one item per line, and what a person typed is never read as mrkdwn: every block
// text is plain_text, and the fallback text (the one mrkdwn place, shown in notifications) is
// sent with mrkdwn off and Slack's three characters escaped.

type Rendered = ReturnType<typeof slackMessage>;

/** Every text object in the blocks, and whether any of them is mrkdwn. */
function textsOf(blocks: SlackBlock[]): { type: string; text: string }[] {
  const out: { type: string; text: string }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const n = node as Record<string, unknown>;
    if ((n.type === "plain_text" || n.type === "mrkdwn") && typeof n.text === "string") out.push({ type: n.type, text: n.text });
    for (const value of Object.values(n)) if (value && typeof value === "object") walk(value);
  };
  walk(blocks);
  return out;
}

/** The lines a person reads in the message's blocks, in order. */
const linesOf = (rendered: Rendered) => textsOf(rendered.blocks).flatMap((t) => t.text.split("\n"));

/** What Slack shows of the fallback text: mrkdwn off, and its escapes undone. */
const fallbackShown = (rendered: Rendered) => rendered.text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** Nothing typed can be read as formatting: every text plain, the fallback unformatted and escaped. */
function expectLiteral(rendered: Rendered, message: OutboundMessage) {
  expect(textsOf(rendered.blocks).filter((t) => t.type !== "plain_text"), "block texts that are not plain_text").toEqual([]);
  expect(rendered.mrkdwn, "the fallback text is not read as mrkdwn").toBe(false);
  expect(rendered.text, "the fallback text has no unescaped < or >").not.toMatch(/[<>]/);
  expect(fallbackShown(rendered)).toBe(message.text);
}

describe("Slack messages as Slack draws them", () => {
  it("the recorded summary: options one per line with the chosen one marked, participants, disagreements and actions each on their own line", async () => {
    const message = await recordedSummary();
    const rendered = slackMessage(message);
    expectLiteral(rendered, message);
    const lines = linesOf(rendered);
    const after = (label: string, n: number) => lines.slice(lines.indexOf(label) + 1, lines.indexOf(label) + 1 + n);
    expect(after("Options considered:", 2)).toEqual([`• ${TYPED} (chosen)`, `• ${SECOND_OPTION}`]);
    expect(after("Who was in the discussion:", 3)).toEqual(["• Mo Worker", "• Sam Worker", "• Priya Worker"]);
    expect(after("Disagreements:", 2)).toEqual(["• Sam Worker: Preferred _waiting_ for the school", "• Priya Worker: Visit sooner"]);
    expect(after("Actions", 2)).toEqual([`• ${TYPED} – Sam Worker – by Tue 24 Nov 2026 17:00 (action n1.1.1)`, "• Review – Mo Worker – by Fri 27 Nov 2026 17:30 (action n1.1.2)"]);
  });

  it("the group note's summary: questions and insights typed over several lines stay several lines", async () => {
    const message = await groupNoteSummary();
    const rendered = slackMessage(message);
    expectLiteral(rendered, message);
    const lines = linesOf(rendered);
    expect(lines).toEqual(expect.arrayContaining(["Questions (yours and the group's): What is the risk?", TYPED, "Insights: - keep it simple", "1. talk to the school"]));
  });

  it("a reminder, the case-record reminder and the overdue notice: the typed action literal, the buttons that settle them", async () => {
    const { reminder, record, overdue } = await reminderMessages();
    for (const message of [reminder, record, overdue]) expectLiteral(slackMessage(message), message);
    const rendered = slackMessage(reminder);
    expect(linesOf(rendered)[0]).toBe(`Reminder: your action on case 4471-JB is due Thu 26 Nov 2026 17:00 (1 day 8 hours left): ${TYPED}`);
    expect(rendered.text).toContain("&lt;b&gt;");
    const buttons = (m: OutboundMessage) => (slackMessage(m).blocks.find((b) => b.type === "actions")!.elements as { text: { text: string } }[]).map((e) => e.text.text);
    expect(buttons(reminder)).toEqual(["Mark done", "Snooze 1 hour", "Snooze 3 hours", "Tomorrow 09:00"]);
    expect(buttons(record)).toEqual(["Mark on case record", "Snooze 1 hour", "Snooze 3 hours", "Tomorrow 09:00"]);
  });

  it("an escalation and a manager's digest: the typed action literal, each overdue item on its own line", async () => {
    const { escalation, digest } = await reminderMessages();
    expectLiteral(slackMessage(escalation), escalation);
    expectLiteral(slackMessage(digest), digest);
    expect(linesOf(slackMessage(digest))).toEqual([
      "Still overdue (2), as of this morning:",
      expect.stringMatching(/^• 4471-JB \(n1\.1\.1\): action – Sam Worker, due /),
      expect.stringMatching(/^• 4471-JB \(n1\.1\.2\): action – Sam Worker, due /),
    ]);
  });

  it("a group announcement keeps its two lines; a stage prompt has its heading, its words and its buttons", async () => {
    const { announce, stage } = await groupMessages();
    expectLiteral(slackMessage(announce), announce);
    expect(linesOf(slackMessage(announce))).toEqual([expect.stringMatching(/advisor\.$/), "If you cannot take your role, swap with a willing colleague."]);
    expectLiteral(slackMessage(stage), stage);
    expect(linesOf(slackMessage(stage)).slice(0, 2)).toEqual(["Stage 2 of 8: Clarifying questions", expect.stringMatching(/^Everyone: ask short, factual questions/)]);
  });

  it("a text typed as a mention or a link stays words", () => {
    const message: OutboundMessage = { text: "Ask <!channel> & <https://example.org|here>", blocks: [{ type: "text", text: "Ask <!channel> & <https://example.org|here>" }] };
    const rendered = slackMessage(message);
    expectLiteral(rendered, message);
    expect(rendered.text).toBe("Ask &lt;!channel&gt; &amp; &lt;https://example.org|here&gt;");
  });

  it("a link is a button that opens its address; the bot only acknowledges the press", () => {
    const rendered = slackMessage({ text: "Your dashboard", blocks: [{ type: "link", label: "Open the dashboard", url: "https://bot.example/dashboard?t=a_b.c-d" }] });
    expect(rendered.blocks).toEqual([{ type: "actions", elements: [{ type: "button", action_id: LINK_ACTION, text: { type: "plain_text", text: "Open the dashboard", emoji: false }, url: "https://bot.example/dashboard?t=a_b.c-d" }] }]);
  });
});
