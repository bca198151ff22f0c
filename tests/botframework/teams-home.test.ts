import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { activityText } from "../support/fake-connector.ts";
import { plannedNote } from "../support/notes.ts";
import { BOT, CHAT_IDS, STRANGER_CHAT, TEAMS_IDS, inputValues, startTeamsBot, type TeamsBot } from "../support/teams-bot.ts";

// The home card in Teams (what Slack's home tab shows) through the real endpoint: sent for
// `home` and on install, refreshed by Teams whenever its person opens it (Universal Actions:
// an adaptiveCard/action invoke with the refresh's verb, answered with the card to show).
// The core's clock: Mon 23 Nov 2026 14:30 UTC.

type Json = Record<string, any>;
const CARD = "application/vnd.microsoft.card.adaptive";

let bot: TeamsBot;
beforeAll(async () => {
  bot = await startTeamsBot({ now: "2026-11-23T14:30:00Z" });
  // Mo has the app; Sam installs it below.
  await bot.install("mo");
  // A draft discussed today 14:10, recorder Mo, with Sam: Mo has to finish it within 48 hours.
  await plannedNote(bot.core, "h1", "draft", "7001-ZZ");
});
afterAll(() => bot.close());
beforeEach(() => {
  bot.connector.calls.length = 0;
});

const textOf = (card: Json) => activityText({ attachments: [{ content: card }] });
/** The card an adaptiveCard/action invoke was answered with, once the answer is checked to be Universal Actions' shape. */
const refreshed = async (as: string): Promise<Json> => {
  const res = await bot.execute({ type: "Action.Execute", verb: "home.refresh", data: {} }, as);
  expect(res.status).toBe(200);
  expect(res.json).toMatchObject({ statusCode: 200, type: CARD, value: { type: "AdaptiveCard" } });
  return res.json!.value as Json;
};

describe("home in Teams", () => {
  it("answers `home` with the person's home as a card that Teams refreshes when they open it", async () => {
    const res = await bot.message("home", "mo");
    expect(res.status).toBe(200);
    const card = bot.lastCard(CHAT_IDS.mo!).content as Json;
    expect(Number(card.version)).toBeGreaterThanOrEqual(1.4);
    expect(card.refresh).toEqual({ action: { type: "Action.Execute", verb: "home.refresh", data: {} }, userIds: [TEAMS_IDS.mo] });
    const text = textOf(card);
    expect(text).toContain("Your oversight work");
    expect(text).toContain("Notes to finish (1)");
    expect(text).toContain("7001-ZZ · note h1 · due Wed 25 Nov 2026 14:10");
    expect(text).toContain("[Complete the note]");
  });

  it("asked in a channel, sends the card to the person's private chat, refreshing for them", async () => {
    await bot.mention("home", "mo");
    const card = bot.lastCard(CHAT_IDS.mo!).content as Json;
    expect(card.refresh.userIds).toEqual([TEAMS_IDS.mo]);
    expect(textOf(card)).toContain("7001-ZZ · note h1");
    const inChannel = bot.connector.calls.filter((c) => c.conversationId !== CHAT_IDS.mo).map((c) => activityText(c.body));
    expect(inChannel).toEqual([expect.stringMatching(/answered you in our private chat/)]);
  });

  it("refreshed by someone else, shows their own home, never the card's first person's", async () => {
    const card = await refreshed("sam");
    expect(card.refresh.userIds).toEqual([TEAMS_IDS.sam]);
    expect(textOf(card)).toContain("Notes to finish (0)");
    // Mo's draft is Mo's to finish: nothing of it is Sam's yet.
    expect(textOf(card)).not.toContain("7001-ZZ");
  });

  it("refreshed, shows the work as it is now; once the note is recorded through the card's own button, the card changes", async () => {
    const before = await refreshed("mo");
    expect(before.refresh).toEqual({ action: { type: "Action.Execute", verb: "home.refresh", data: {} }, userIds: [TEAMS_IDS.mo] });
    expect(textOf(before)).toContain("Notes to finish (1)");
    expect(textOf(before)).toContain("7001-ZZ · note h1 · due Wed 25 Nov 2026 14:10");

    // The card's button opens the draft's form; submitted as it is, the note is recorded.
    await bot.message("home", "mo");
    await bot.press(bot.lastCard(CHAT_IDS.mo!), "Complete the note", "mo");
    const form = bot.lastCard(CHAT_IDS.mo!);
    expect(inputValues(form.content).caseRef).toBe("7001-ZZ");
    await bot.submitCard(form, {}, "mo");
    expect((await bot.storage.notes.findById("h1"))!.status).toBe("recorded");

    const after = textOf(await refreshed("mo"));
    expect(after).toContain("Notes to finish (0)");
    expect(after).not.toContain("7001-ZZ · note h1 · due Wed 25 Nov 2026 14:10");
  });

  it("refreshed by someone not on the roster, says how to get on it, with no one's work", async () => {
    const stranger = { id: "29:1strangerQw", name: "Stranger", aadObjectId: "0f0f0f0f-0000-4000-8000-000000000000" };
    const res = await bot.post({
      type: "invoke",
      name: "adaptiveCard/action",
      id: bot.nextId(),
      serviceUrl: bot.connector.url,
      channelId: "msteams",
      from: stranger,
      recipient: BOT,
      conversation: { conversationType: "personal", id: STRANGER_CHAT, tenantId: "t" },
      value: { action: { type: "Action.Execute", verb: "home.refresh", data: {} }, trigger: "automatic" },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ statusCode: 200, type: CARD });
    const text = textOf(res.json!.value as Json);
    expect(text).toMatch(/not on the Oversight bot roster/);
    expect(text).not.toMatch(/7001-ZZ|Notes to finish/);
  });

  it("answers another card action's verb with no card", async () => {
    const res = await bot.execute({ type: "Action.Execute", verb: "someone.else", data: {} }, "mo", "manual");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({});
  });
});

describe("installing the app", () => {
  it("says hello and sends the home card with the work waiting and its deadlines, once, though Teams announces the install twice", async () => {
    // Recorded by Mo with Sam: Sam has to put it on the case record by Wed 25 Nov 14:10.
    await plannedNote(bot.core, "h2", "recorded", "7002-ZZ");
    await bot.install("sam");
    await bot.post({ type: "installationUpdate", action: "add", id: bot.nextId(), serviceUrl: bot.connector.url, channelId: "msteams", from: bot.from("sam"), recipient: BOT, conversation: { conversationType: "personal", id: CHAT_IDS.sam!, tenantId: "t" } });
    expect(bot.connector.texts(CHAT_IDS.sam)).toEqual([expect.stringMatching(/^Hello, I am Oversight bot/), expect.stringMatching(/^Your oversight work/)]);
    const card = bot.lastCard(CHAT_IDS.sam!).content as Json;
    expect(card.refresh).toEqual({ action: { type: "Action.Execute", verb: "home.refresh", data: {} }, userIds: [TEAMS_IDS.sam] });
    expect(textOf(card)).toContain("7002-ZZ · note h2 · due Wed 25 Nov 2026 14:10");
    expect(textOf(card)).toContain("[Mark on case record]");
  });

  it("for someone not on the roster, says hello and how to get on it", async () => {
    const stranger = { id: "29:1strangerQw", name: "Stranger", aadObjectId: "0f0f0f0f-0000-4000-8000-000000000000" };
    await bot.post({ type: "conversationUpdate", id: bot.nextId(), serviceUrl: bot.connector.url, channelId: "msteams", from: stranger, recipient: BOT, conversation: { conversationType: "personal", id: STRANGER_CHAT, tenantId: "t" }, membersAdded: [{ id: BOT.id }] });
    const texts = bot.connector.texts(STRANGER_CHAT);
    expect(texts).toEqual([expect.stringMatching(/^Hello, I am Oversight bot/), expect.stringMatching(/not on the Oversight bot roster/)]);
    expect(texts.join("\n")).not.toMatch(/7001-ZZ|7002-ZZ/);
  });
});
