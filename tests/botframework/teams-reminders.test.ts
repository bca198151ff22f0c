import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sweepReminders } from "../../src/scheduler/send-reminders.ts";
import { activityText } from "../support/fake-connector.ts";
import { plannedNote } from "../support/notes.ts";
import { CHANNEL_ID, CHAT_IDS, TEAM_ID, startTeamsBot, type TeamsBot } from "../support/teams-bot.ts";

// Proactive messages: conversation references kept at install and on every turn, then
// reminders, escalations and notices from the scheduler sent into people's private chats as
// cards with buttons that act once; throttling retried, refusals escalated.

let bot: TeamsBot;
beforeAll(async () => {
  bot = await startTeamsBot({ now: "2026-11-23T14:30:00Z" });
  // Sam and Mo have the app; Lee does not yet.
  await bot.install("sam");
  await bot.install("mo");
});
afterAll(() => bot.close());
beforeEach(() => {
  bot.connector.calls.length = 0;
});

async function sweepAt(iso: string) {
  bot.clock.set(iso);
  return sweepReminders(bot.core, bot.delivery);
}

const cardIn = (conversationId: string, containing: string) => {
  const sent = bot.connector.delivered("send", conversationId).find((c) => activityText(c.body).includes(containing));
  if (!sent) throw new Error(`No card with "${containing}" in ${conversationId}: ${bot.connector.texts(conversationId).join(" | ")}`);
  return { activityId: sent.answer.id as string, content: (sent.body.attachments as { content: Record<string, unknown> }[])[0]!.content };
};

describe("installing the app", () => {
  it("keeps the person's chat and says hello (and sends their home) once, though Teams announces the install twice", async () => {
    await bot.install("priya");
    await bot.post({ type: "installationUpdate", action: "add", id: bot.nextId(), serviceUrl: bot.connector.url, channelId: "msteams", from: bot.from("priya"), recipient: { id: "28:bot" }, conversation: { conversationType: "personal", id: CHAT_IDS.priya!, tenantId: "t" } });
    expect(bot.connector.texts(CHAT_IDS.priya)).toEqual([expect.stringMatching(/^Hello, I am Oversight bot/), expect.stringMatching(/^Your oversight work/)]);
    const kept = await bot.storage.conversations.get("teams", `person:${bot.from("priya").aadObjectId}`);
    expect(kept).toMatchObject({ kind: "chat" });
    expect(JSON.parse(kept!.reference)).toMatchObject({ conversation: { id: CHAT_IDS.priya }, serviceUrl: bot.connector.url, user: { id: bot.from("priya").id } });
  });

  it("in a team keeps every channel of it, named, for group supervision", async () => {
    bot.connector.teams.set(TEAM_ID, { name: "North team", channels: [{ id: TEAM_ID }, { id: CHANNEL_ID, name: "Case discussion" }] });
    await bot.installInTeam();
    const labels = async () => Object.fromEntries((await bot.storage.conversations.list("teams", "channel")).map((c) => [c.key, c.label]));
    expect(await labels()).toEqual({ [`channel:${TEAM_ID}`]: "North team › General", [`channel:${CHANNEL_ID}`]: "North team › Case discussion" });
    // A channel added later is announced in General, naming the new channel: General keeps its name.
    bot.connector.teams.get(TEAM_ID)!.channels.push({ id: "19:new@thread.tacv2", name: "Group supervision" });
    await bot.post({
      type: "conversationUpdate",
      id: bot.nextId(),
      serviceUrl: bot.connector.url,
      channelId: "msteams",
      from: bot.from("mo"),
      recipient: { id: "28:bot" },
      conversation: { conversationType: "channel", isGroup: true, id: TEAM_ID, tenantId: "t" },
      channelData: { eventType: "channelCreated", channel: { id: "19:new@thread.tacv2", name: "Group supervision" }, team: { id: TEAM_ID }, tenant: { id: "t" } },
    });
    expect(await labels()).toMatchObject({ [`channel:${TEAM_ID}`]: "North team › General", "channel:19:new@thread.tacv2": "North team › Group supervision" });
    // An @mention in a channel, which names no team, does not rename it.
    await bot.mention("help");
    expect((await labels())[`channel:${CHANNEL_ID}`]).toBe("North team › Case discussion");
  });
});

describe("reminders in the person's chat", () => {
  it("arrive as cards with the case reference and buttons; each button acts once", async () => {
    bot.clock.set("2026-11-23T14:30:00Z");
    await plannedNote(bot.core, "t1", "recorded", "4471-JB");
    // 24 h before the on-case-record deadline (Wed 25 Nov 14:10): Tue 24 Nov 14:10, to Sam.
    expect((await sweepAt("2026-11-24T14:15:00Z")).sent).toBeGreaterThanOrEqual(1);
    const card = cardIn(CHAT_IDS.sam!, "case record");
    const text = activityText({ attachments: [{ content: card.content }] });
    expect(text).toMatch(/4471-JB/);
    expect(text).not.toMatch(/Sam Worker|bruising/);
    expect(text).toMatch(/\[Mark on case record\]/);
    expect(text.match(/\[Snooze[^\]]*\]|\[[^\]]*(hour|tomorrow)[^\]]*\]/gi)?.length).toBe(3);

    await bot.press(card, "Mark on case record", "sam");
    await bot.press(card, "Mark on case record", "sam");
    expect(bot.connector.delivered("reply", CHAT_IDS.sam).map((c) => activityText(c.body))).toEqual([
      "Note t1 is marked as on the child's case record.",
      "Note t1 was already marked as on the case record.",
    ]);
    expect((await bot.storage.notes.findById("t1"))?.status).toBe("on-case-record");
    expect((await bot.storage.audit.list()).filter((e) => e.action === "note.on-case-record" && e.entityId === "t1")).toHaveLength(1);
  });

  it("complete the note sends its form; mark done asks for the outcome", async () => {
    bot.clock.set("2026-11-23T14:30:00Z");
    await plannedNote(bot.core, "t3", "draft", "6610-AB");
    await sweepAt("2026-11-24T14:15:00Z");
    const reminder = cardIn(CHAT_IDS.mo!, "6610-AB");
    await bot.press(reminder, "Complete the note", "mo");
    const form = bot.lastCard(CHAT_IDS.mo!);
    expect(JSON.stringify(form.content)).toContain('"value":"6610-AB"');
    await bot.submitCard(form);
    const recorded = await bot.storage.notes.findById("t3");
    expect(recorded?.status).toBe("recorded");

    await bot.settled();
    // Sam is told of the recorded note in his chat, with his action.
    const told = bot.connector.texts(CHAT_IDS.sam).join("\n");
    expect(told).toMatch(/6610-AB is recorded/);

    const doneButton = { activityId: "x", content: { type: "AdaptiveCard", body: [{ type: "ActionSet", actions: [{ type: "Action.Submit", title: "Mark done", data: { ovKind: "action", actionId: "done", value: recorded!.actions[0]!.id } }] }] } };
    await bot.press(doneButton, "Mark done", "sam");
    const asked = bot.lastCard(CHAT_IDS.sam!);
    const outcomeId = JSON.stringify(asked.content).match(/"type":"Input.Text","id":"([^"]+)"/)![1]!;
    await bot.submitCard(asked, { [outcomeId]: "" }, "sam");
    expect(JSON.stringify(bot.lastCard(CHAT_IDS.sam!).content)).toContain("⚠");
    await bot.submitCard(bot.lastCard(CHAT_IDS.sam!), { [outcomeId]: "Visited, child seen alone" }, "sam");
    expect((await bot.storage.notes.findById("t3"))!.actions[0]).toMatchObject({ status: "done", outcome: "Visited, child seen alone" });
  });
});

describe("the Teams delivery", () => {
  const sam = async () => (await bot.storage.people.findByHandle("sam"))!;
  const lee = async () => (await bot.storage.people.findByHandle("lee"))!;
  const message = { text: "Reminder", blocks: [{ type: "text" as const, text: "Reminder" }] };

  const attempts = () => bot.connector.calls.filter((c) => c.kind === "send").length;

  // The connector client retries throttling and gateway errors itself, with backoff (after
  // Retry-After when given): what is still failing goes back to the scheduler to retry later.
  it.each([
    ["429 with Retry-After, every time", 429, { "retry-after": "0" }, { status: "retry", reason: "teams-429", retryAfterMs: 0, throttled: true }, 4],
    ["412 (Teams busy with the conversation)", 412, {}, { status: "retry", reason: "teams-412" }, 1],
    ["502 bad gateway, every time", 502, {}, { status: "retry", reason: "teams-502" }, 4],
    ["401: the bot's credentials refused (an expired secret)", 401, {}, { status: "retry", reason: "teams-401" }, 1],
    ["403: the bot is no longer in the conversation", 403, {}, { status: "permanent", reason: "teams-403" }, 1],
    ["404: the conversation is gone", 404, {}, { status: "permanent", reason: "teams-404" }, 1],
  ])("%s", async (_, status, headers, result, tries) => {
    bot.connector.script("send", { status, headers, body: { error: { code: "x", message: "refused" } } }, { times: 10 });
    const got = await bot.delivery.send(await sam(), message, "k1");
    expect(got).toEqual(result);
    expect(attempts()).toBe(tries);
    bot.connector.unscript();
  }, 30_000);

  it.each([
    ["a 429 (after its Retry-After)", 429, { "retry-after": "1" }],
    ["a 504", 504, {}],
  ])("%s once, then accepted: delivered", async (_, status, headers) => {
    bot.connector.script("send", { status, headers, body: {} });
    const started = Date.now();
    expect(await bot.delivery.send(await sam(), message, "k1")).toEqual({ status: "delivered" });
    if (status === 429) expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(bot.connector.calls.map((c) => c.status)).toEqual([status, 201]);
  });

  it("someone who has never talked to the bot, nor been seen in a channel, cannot be reached: permanent", async () => {
    expect(await bot.delivery.send(await lee(), message, "k1")).toEqual({ status: "permanent", reason: "teams-no-conversation" });
  });

  it("a reminder refused for good is escalated to the person's line manager", async () => {
    bot.clock.set("2026-11-23T14:30:00Z");
    await plannedNote(bot.core, "t4", "recorded", "7070-ZZ");
    bot.connector.script("send", { status: 403, body: { error: { code: "BotNotInConversationRoster", message: "The bot is not part of the conversation roster." } } }, { when: (call) => call.conversationId === CHAT_IDS.sam, times: 5 });
    await sweepAt("2026-11-24T14:15:00Z");
    await sweepAt("2026-11-24T14:16:00Z");
    bot.connector.unscript();
    const failed = (await bot.storage.audit.list()).filter((e) => e.action === "reminder.failed");
    expect(failed.at(-1)?.detail).toMatchObject({ reason: "teams-403" });
    // Mo, Sam's line manager, is told Sam could not be reached.
    expect(bot.connector.texts(CHAT_IDS.mo).join("\n")).toMatch(/7070-ZZ/);
  });
});
