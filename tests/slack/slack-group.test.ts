import { afterAll, beforeAll, expect, it } from "vitest";
import { sweepReminders } from "../../src/scheduler/send-reminders.ts";
import { verifyAudit } from "../../src/services/verify-audit.ts";
import { startSlackBot, typed, type SlackViewArg } from "../support/slack-bot.ts";

// Group supervision in Slack: the series set up in a modal (Slack's channel picker for the
// team channel), roles announced in that channel and prompted by DM, the stages posted there.

let bot: Awaited<ReturnType<typeof startSlackBot>>;
beforeAll(async () => {
  bot = await startSlackBot({ now: "2026-11-23T10:00:00Z" });
});
afterAll(() => bot.close_());

type Block = Record<string, any>;
const blockOf = (view: SlackViewArg, id: string): Block => view.blocks.find((b) => b.block_id === id) as Block;

it("sets up the series in a modal, announces in the channel, prompts by DM and posts the stages there", async () => {
  await bot.command("group setup", "mo");
  const [open] = await bot.fake.waitFor("views.open");
  const view = open!.args.view as SlackViewArg;
  expect(view).toMatchObject({ callback_id: "group-series" });
  expect(blockOf(view, "channel").element).toMatchObject({ type: "conversations_select" });
  expect(blockOf(view, "first").element).toMatchObject({ type: "datetimepicker" });
  expect(blockOf(view, "format").element.initial_option.value).toBe("v:signs-of-safety");

  const saved = await bot.submit(view, {
    first: { type: "datetimepicker", selected_date_time: Date.UTC(2026, 11, 1, 14, 0) / 1000 },
    channel: { type: "conversations_select", selected_conversation: "C0NORTH" },
  });
  expect(saved.text).toBe("");
  const [dm] = await bot.fake.waitFor("chat.postMessage");
  expect(dm!.args).toMatchObject({ channel: "U0MO", text: expect.stringMatching(/^Group supervision for North is set up\./) });
  const series = (await bot.storage.groups.seriesOfTeam("North"))!;
  expect(series.channel).toBe("slack:C0NORTH");
  const [first] = await bot.storage.groups.sessionsOf(series.id);

  // Five working days before: the channel gets names and roles; each role-holder a DM.
  await bot.fake.quiet();
  bot.fake.reset();
  bot.clock.set("2026-11-24T08:31:00Z");
  await sweepReminders(bot.core, bot.delivery);
  const posts = bot.fake.callsTo("chat.postMessage");
  const announce = posts.find((c) => c.args.channel === "C0NORTH")!;
  expect(announce.args.text).toMatch(/^Signs of Safety group supervision on Tue 1 Dec 2026 14:00: /);
  expect(posts.filter((c) => String(c.args.channel).startsWith("U")).map((c) => c.args.channel)).toHaveLength(3);

  // On the day the facilitator steps through: each stage goes to the channel too.
  const facilitator = Object.entries({ lee: "p-lee", mo: "p-mo", sam: "p-sam", priya: "p-priya" }).find(([, id]) => id === first!.facilitatorId)![0];
  bot.clock.set("2026-12-01T14:00:00Z");
  bot.fake.reset();
  const stage = await bot.command(`group stage ${first!.id}`, facilitator);
  expect(stage.json).toMatchObject({ response_type: "ephemeral", text: expect.stringMatching(/^Stage 1 of 8: The presenter's question\n/) });
  const [posted] = await bot.fake.waitFor("chat.postMessage");
  expect(posted!.args).toMatchObject({ channel: "C0NORTH", text: expect.stringMatching(/^Stage 1 of 8/) });
  expect(JSON.stringify(posted!.args.blocks)).not.toContain("group stage");

  // A channel the bot is not in refuses the next stage: the facilitator is told how to fix it.
  bot.fake.reset();
  bot.fake.script("chat.postMessage", { body: { ok: false, error: "not_in_channel" } });
  const next = await bot.command(`group stage ${first!.id}`, facilitator);
  expect(next.json).toMatchObject({ text: expect.stringMatching(/^Stage 2 of 8: /) });
  const told = () => bot.fake.calls.filter((c) => c.method.startsWith("respond:")).map((c) => [c.args.response_type, c.args.text]);
  await expect.poll(told).toEqual([
    ["ephemeral", "This was not posted in the team channel: the bot may not be a member of it, or it may have been archived. Add the bot there (in the channel, type /invite and the bot's name), then carry on."],
  ]);
  expect(bot.fake.callsTo("chat.postMessage").map((c) => c.args.channel)).toEqual(["C0NORTH"]);

  // Slack failing for now (an internal error) is told differently: nothing to fix in the channel.
  bot.fake.reset();
  bot.fake.script("chat.postMessage", { body: { ok: false, error: "internal_error" } });
  await bot.command(`group stage ${first!.id}`, facilitator);
  await expect.poll(told).toEqual([["ephemeral", "This could not be posted in the team channel just now (Slack did not take it): read it out to the group from here."]]);
});

it("shows the next role on the home tab", async () => {
  bot.clock.set("2026-11-23T10:00:00Z");
  bot.fake.reset();
  const series = (await bot.storage.groups.seriesOfTeam("North"))!;
  const [first] = await bot.storage.groups.sessionsOf(series.id);
  const userOf: Record<string, string> = { "p-lee": "U0LEE", "p-mo": "U0MO", "p-sam": "U0SAM", "p-priya": "U0PRIYA" };
  const user = userOf[first!.presenterId!]!;
  await bot.event({ type: "app_home_opened", user, channel: "D0", tab: "home", event_ts: "1795443000.000100" }, "EvGroupHome");
  const [publish] = await bot.fake.waitFor("views.publish");
  const texts = (publish!.args.view as { blocks: Block[] }).blocks.map((b) => b.text?.text);
  expect(texts).toContain("Group supervision");
  expect(texts).toContain(`Your next role: presenter on Tue 1 Dec 2026 14:00 (session ${first!.id}).`);
});

it("the presenter's group note modal has a row per child, the presented case first; each row becomes an outcome on that child's case", async () => {
  bot.clock.set("2026-11-23T10:00:00Z");
  const series = (await bot.storage.groups.seriesOfTeam("North"))!;
  const [first] = await bot.storage.groups.sessionsOf(series.id);
  const presenter = Object.entries({ lee: "p-lee", mo: "p-mo", sam: "p-sam", priya: "p-priya" }).find(([, id]) => id === first!.presenterId)![0];
  await bot.command(`group case ${first!.id} 4471-JB`, presenter);
  bot.clock.set("2026-12-01T15:30:00Z");
  bot.fake.reset();
  await bot.command(`group note ${first!.id}`, presenter);
  const [open] = await bot.fake.waitFor("views.open");
  const view = open!.args.view as SlackViewArg;
  expect(blockOf(view, "children--0--caseRef").element).toMatchObject({ type: "plain_text_input", initial_value: "4471-JB" });
  expect(blockOf(view, "children--0--decision").element).toMatchObject({ type: "plain_text_input", multiline: true });
  expect(blockOf(view, "children--0--decision").element.initial_value).toBeUndefined();
  expect(blockOf(view, "children--1--caseRef").element.initial_value).toBeUndefined();

  const parts = { questions: typed("What keeps them safe at weekends?"), issue: typed("Missed visits."), insights: typed("Grandmother helps.") };
  // The same case twice: the problem under the first row, and the modal keeps what was typed.
  const twice = await bot.submit(view, { ...parts, "children--0--decision": typed("Visit this week"), "children--1--caseRef": typed("4471 jb"), "children--1--decision": typed("Visit") }, presenter);
  expect(twice.json).toEqual({ response_action: "errors", errors: { "children--0--caseRef": "Check the children discussed. Row 2: 4471-JB is already listed in row 1." } });
  expect(await bot.storage.notes.listByCase("5520-KT")).toEqual([]);

  const saved = await bot.submit(view, { ...parts, "children--0--decision": typed("Visit this week"), "children--1--caseRef": typed("5520 kt"), "children--1--decision": typed("NFA: step down") }, presenter);
  expect(saved.text).toBe("");
  const outcome = (ref: string) => bot.storage.notes.listByCase(ref).then((notes) => notes.filter((n) => n.fields.kind === "group-outcome"));
  expect((await outcome("4471-JB")).map((n) => [n.fields.decision, n.status])).toEqual([["Visit this week", "recorded"]]);
  expect((await outcome("5520-KT")).map((n) => [n.fields.decision, n.status])).toEqual([["NFA: step down", "recorded"]]);
  const group = (await bot.storage.notes.findById(JSON.parse(view.private_metadata!).state.draftId))!;
  expect(group.fields.children).toEqual([{ caseRef: "4471-JB", decision: "Visit this week" }, { caseRef: "5520-KT", decision: "NFA: step down" }]);
  // Each outcome was stored sealed, on every database the bot runs on.
  expect(await verifyAudit(bot.core)).toMatchObject({ ok: true });
});
