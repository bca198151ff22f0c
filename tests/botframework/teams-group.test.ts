import { afterAll, beforeAll, expect, it } from "vitest";
import { sweepReminders } from "../../src/scheduler/send-reminders.ts";
import { activityText } from "../support/fake-connector.ts";
import { CHANNEL_ID, CHAT_IDS, TEAM_ID, TEAMS_IDS, inputValues, startTeamsBot, type TeamsBot } from "../support/teams-bot.ts";

// Group supervision in Teams: the series set up from a card (the team channels the bot is
// in as the channel choice), roles announced in that channel and prompted in each person's
// chat, the stages posted to the channel.

let bot: TeamsBot;
beforeAll(async () => {
  bot = await startTeamsBot({ now: "2026-11-23T10:00:00Z" });
  // Lee has not installed the app: the bot knows him only from the team channel.
  for (const handle of ["mo", "sam", "priya"]) await bot.install(handle);
  // Mo, Lee, Sam and Priya are in the North team; Out talks to the bot in a group chat Mo is not in.
  bot.connector.members.set(TEAM_ID, new Set(["lee", "mo", "sam", "priya"].map((h) => TEAMS_IDS[h]!)));
  await bot.installInTeam("mo");
  bot.connector.conversations.add(OTHER_CHAT);
  await bot.post({ type: "message", id: bot.nextId(), serviceUrl: bot.connector.url, channelId: "msteams", from: bot.from("out"), recipient: { id: "28:bot", name: "Oversight" }, conversation: { conversationType: "groupChat", isGroup: true, id: OTHER_CHAT, tenantId: "t" }, text: "<at>Oversight</at> help", entities: [{ type: "mention", mentioned: { id: "28:bot" }, text: "<at>Oversight</at>" }] });
});

const OTHER_CHAT = "19:south-chat@thread.v2";
afterAll(() => bot.close());

type Json = Record<string, any>;
const inputOf = (card: Json, id: string): Json => (card.body as Json[]).find((e) => e.id === id)!;

it("a manager known only from the channel asks there: the form opens in a new chat, with his team's channels", async () => {
  bot.connector.calls.length = 0;
  await bot.mention("group setup", "lee");
  const [created] = bot.connector.delivered("create");
  const form = bot.lastCard(created!.answer.id as string);
  expect((form.content.body as Json[]).find((e) => e.id === "channel")!.choices).toContainEqual({ title: "North team › General", value: `v:teams:${TEAM_ID}` });
});

it("sets up the series from a card, announces in the channel, prompts privately and posts the stages there", async () => {
  bot.connector.calls.length = 0;
  await bot.message("group setup", "mo");
  const form = bot.lastCard(CHAT_IDS.mo!);
  const channel = inputOf(form.content, "channel");
  expect(channel).toMatchObject({ type: "Input.ChoiceSet" });
  // Only the channels of teams (and chats) Mo is in: not the group chat he is not part of.
  expect(channel.choices).toEqual([
    { title: "No channel", value: "v:" },
    { title: "North team › Case discussion", value: `v:teams:${CHANNEL_ID}` },
    { title: "North team › General", value: `v:teams:${TEAM_ID}` },
  ]);
  expect(inputOf(form.content, "format").value).toBe("v:signs-of-safety");

  await bot.submitCard(form, { "first--date": "2026-12-01", "first--time": "14:00", channel: `v:teams:${TEAM_ID}` });
  const series = (await bot.storage.groups.seriesOfTeam("North"))!;
  expect(series.channel).toBe(`teams:${TEAM_ID}`);
  expect(activityText({ attachments: [{ content: bot.lastCard(CHAT_IDS.mo!).content }] })).toMatch(/Group supervision for North is set up\./);
  const [first] = await bot.storage.groups.sessionsOf(series.id);
  expect(first!.startsAt.toISOString()).toBe("2026-12-01T14:00:00.000Z");

  // Five working days before: the channel gets names and roles; each role-holder a private message.
  bot.connector.calls.length = 0;
  bot.clock.set("2026-11-24T08:31:00Z");
  await sweepReminders(bot.core, bot.delivery);
  const announce = bot.connector.delivered("send", TEAM_ID);
  expect(announce).toHaveLength(1);
  expect(activityText(announce[0]!.body)).toMatch(/^Signs of Safety group supervision on Tue 1 Dec 2026 14:00: /);
  const prompted = new Set(bot.connector.delivered("send").map((c) => c.conversationId).filter((id) => id !== TEAM_ID));
  expect(prompted.size).toBe(3);

  // On the day the facilitator steps through: each stage goes to the channel too.
  const facilitator = first!.facilitatorId!.replace(/^p-/, "");
  bot.clock.set("2026-12-01T14:00:00Z");
  bot.connector.calls.length = 0;
  await bot.message(`group stage ${first!.id}`, facilitator);
  expect(bot.connector.texts(CHAT_IDS[facilitator]).join("\n")).toMatch(/^Stage 1 of 8: The presenter's question/);
  const [posted] = bot.connector.delivered("send", TEAM_ID);
  expect(activityText(posted!.body)).toMatch(/^Stage 1 of 8/);
  expect(activityText(posted!.body)).not.toContain("group stage");

  // The bot removed from the team: the next stage is not posted, and the facilitator is told how to fix it.
  const stage = bot.lastCard(CHAT_IDS[facilitator]!);
  bot.connector.calls.length = 0;
  bot.connector.script("send", { status: 403, body: { error: { code: "BotNotInConversationRoster" } } }, { when: (c) => c.conversationId === TEAM_ID });
  await bot.press(stage, "Next stage", facilitator);
  const told = bot.connector.texts(CHAT_IDS[facilitator]);
  expect(told.join("\n")).toMatch(/Stage 2 of 8/);
  expect(told.at(-1)).toMatch(/^This was not posted in the team channel: the bot may no longer be in that team/);
});

it("the presenter's group note card has a row per child, the presented case first; each row becomes an outcome on that child's case", async () => {
  bot.clock.set("2026-11-23T10:00:00Z");
  const series = (await bot.storage.groups.seriesOfTeam("North"))!;
  const [first] = await bot.storage.groups.sessionsOf(series.id);
  await bot.message(`group assign ${first!.id} presenter @sam`, "mo");
  await bot.message(`group case ${first!.id} 4471-JB`, "sam");
  bot.clock.set("2026-12-01T15:30:00Z");
  await bot.message(`group note ${first!.id}`, "sam");
  const form = bot.lastCard(CHAT_IDS.sam!);
  const shown = inputValues(form.content);
  expect([shown["children--0--caseRef"], shown["children--0--decision"], shown["children--1--caseRef"]]).toEqual(["4471-JB", "", ""]);

  const parts = { questions: "What keeps them safe at weekends?", issue: "Missed visits.", insights: "Grandmother helps." };
  // The same case twice: the card comes back with the problem and what was typed.
  await bot.submitCard(form, { ...parts, "children--0--decision": "Visit this week", "children--1--caseRef": "4471 jb", "children--1--decision": "Visit" }, "sam");
  const again = bot.lastCard(CHAT_IDS.sam!);
  expect(JSON.stringify(again.content)).toContain("Check the children discussed. Row 2: 4471-JB is already listed in row 1.");
  expect(inputValues(again.content)).toMatchObject({ "children--0--decision": "Visit this week", "children--1--caseRef": "4471 jb" });
  expect(await bot.storage.notes.listByCase("5520-KT")).toEqual([]);

  await bot.submitCard(again, { "children--1--caseRef": "5520 kt", "children--1--decision": "NFA: step down" }, "sam");
  const outcome = (ref: string) => bot.storage.notes.listByCase(ref).then((notes) => notes.filter((n) => n.fields.kind === "group-outcome"));
  expect((await outcome("4471-JB")).map((n) => [n.fields.decision, n.status])).toEqual([["Visit this week", "recorded"]]);
  expect((await outcome("5520-KT")).map((n) => [n.fields.decision, n.status])).toEqual([["NFA: step down", "recorded"]]);
  expect(activityText({ attachments: [{ content: bot.lastCard(CHAT_IDS.sam!).content }] })).toMatch(/One outcome on each child's own record/);
});
