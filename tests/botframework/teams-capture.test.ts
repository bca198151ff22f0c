import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { activityText } from "../support/fake-connector.ts";
import { DESIGN_EXAMPLE } from "../support/fixtures.ts";
import { AAD_IDS, BOT, CHANNEL_ID, CHAT_IDS, inputValues, startTeamsBot, type TeamsBot } from "../support/teams-bot.ts";

// The Teams adapter through its real endpoint: activities and invokes shaped like the Bot
// Framework's and Teams' documented payloads, posted to /api/messages (anonymous: no app
// id), with a fake connector recording what the bot sends. The core's clock: Mon 23 Nov
// 2026 15:00 London.

let bot: TeamsBot;
beforeAll(async () => {
  bot = await startTeamsBot();
});
afterAll(() => bot.close());
beforeEach(() => {
  bot.connector.calls.length = 0;
});

const MESSAGE = DESIGN_EXAMPLE.replace(/^\/oversight /, "oversight ");
type Json = Record<string, any>;
const inputOf = (card: Json, id: string): Json | undefined => {
  let found: Json | undefined;
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (n && typeof n === "object") {
      if ((n as Json).id === id) found = n as Json;
      for (const key of ["body", "items", "columns"]) if (key in (n as Json)) walk((n as Json)[key]);
    }
  };
  walk(card.body);
  return found;
};
const recordedOf = async (handle: string) => (await bot.storage.notes.listByParticipant(`p-${handle}`)).filter((n) => n.status === "recorded");

describe("a message to the bot in its private chat", () => {
  it("help answers with what the bot does", async () => {
    const res = await bot.message("help");
    expect(res.status).toBe(200);
    const [reply] = bot.connector.delivered("reply", CHAT_IDS.mo);
    expect(reply!.path).toMatch(/\/activities\/1795\d+$/);
    expect(activityText(reply!.body)).toMatch(/^Oversight bot turns a decision made in chat into a Management Oversight note/);
    // Anonymous: no token goes to the connector.
    expect(reply!.authorization).toBeNull();
  });

  it("starting 'oversight' with a decision answers with the note form as a card, pre-filled", async () => {
    await bot.message(MESSAGE);
    const { content: card } = bot.lastCard(CHAT_IDS.mo);
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
    expect(inputOf(card, "caseRef")).toMatchObject({ type: "Input.Text", value: "4471-JB", isRequired: true });
    expect(inputOf(card, "kind")).toMatchObject({ type: "Input.ChoiceSet", value: "v:ad-hoc" });
    // "today 14:10" in London.
    expect(inputOf(card, "discussedAt--date")).toMatchObject({ type: "Input.Date", value: "2026-11-23" });
    expect(inputOf(card, "discussedAt--time")).toMatchObject({ type: "Input.Time", value: "14:10" });
    expect(inputOf(card, "participants")!.value).toBe("@mo, @sam");
    expect(inputOf(card, "issue")).toMatchObject({ isMultiline: true, value: "missed two home visits, school reports bruising" });
    expect(inputOf(card, "decision")!.value).toBe("unannounced visit tomorrow with police check beforehand");
    expect(inputOf(card, "actions")!.value).toBe("@sam: visit by 24/11/2026 17:00\n@mo: review by 27/11/2026 17:30");
    expect(inputOf(card, "recorder")!.value).toBe("@mo");
    for (const id of ["review", "options", "rationale", "disagreements", "childViews"]) expect(inputOf(card, id), id).toBeDefined();
    expect(JSON.stringify(card)).not.toContain("⚠");
    expect(card.actions).toEqual([expect.objectContaining({ type: "Action.Submit", title: "Record note" })]);
  });

  it("submitting the card with problems shows them under their fields, everything typed kept; then records", async () => {
    await bot.message(MESSAGE);
    const card = bot.lastCard(CHAT_IDS.mo);
    const invalid = await bot.submitCard(card, { decision: "", caseRef: "4471 JB!", rationale: "Police check first: the school's report." });
    expect(invalid.status).toBe(200);
    const [update] = bot.connector.delivered("update", CHAT_IDS.mo);
    expect(update!.path).toBe(`/v3/conversations/${encodeURIComponent(CHAT_IDS.mo)}/activities/${card.activityId}`);
    const again = bot.lastCard(CHAT_IDS.mo);
    expect(again.activityId).toBe(card.activityId);
    const text = activityText({ attachments: [{ content: again.content }] });
    expect(text).toMatch(/⚠ .*case reference/i);
    expect(text).toMatch(/⚠ .*Needed/);
    expect(inputOf(again.content, "caseRef")!.value).toBe("4471 JB!");
    expect(inputOf(again.content, "rationale")!.value).toBe("Police check first: the school's report.");
    expect(await recordedOf("sam")).toHaveLength(0);

    await bot.submitCard(again, { caseRef: "4471-JB", decision: "Unannounced visit tomorrow with police check beforehand." });
    const notes = await recordedOf("sam");
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ status: "recorded", fields: { caseRef: "4471-JB", decision: "Unannounced visit tomorrow with police check beforehand.", rationale: "Police check first: the school's report." } });
    // The card became a read-only summary: no inputs, no buttons.
    const summary = bot.lastCard(CHAT_IDS.mo);
    expect(summary.activityId).toBe(card.activityId);
    expect(JSON.stringify(summary.content)).not.toMatch(/Input\.|Action\.Submit/);
    expect(activityText({ attachments: [{ content: summary.content }] })).toMatch(/Oversight note \S+ on 4471-JB is recorded/);
    // Sam is told in his own chat with the bot, once he has one.
  });
});
