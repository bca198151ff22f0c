import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { COMPLETE_EXAMPLE, MESSY_EXAMPLE } from "../support/fixtures.ts";
import { slackSignature } from "../support/fake-slack.ts";
import { SIGNING_SECRET, startSlackBot, typed, type SlackViewArg } from "../support/slack-bot.ts";
import { breakMethod } from "../support/break-method.ts";

// The Slack adapter through its real endpoint: signed requests shaped like Slack's
// documented payloads, posted to the bot's HTTP server, with a fake Web API recording
// what the bot sends back. The core's clock: Mon 23 Nov 2026 15:00 London.

let bot: Awaited<ReturnType<typeof startSlackBot>>;
beforeAll(async () => {
  bot = await startSlackBot();
});
afterAll(() => bot.close_());
beforeEach(async () => {
  await bot.fake.quiet();
  bot.fake.reset();
});

const MESSAGE = COMPLETE_EXAMPLE.replace(/^\/oversight /, "");

type Block = Record<string, any>;
const blockOf = (view: SlackViewArg, id: string): Block => view.blocks.find((b) => b.block_id === id) as Block;
const openedView = async (n = 1): Promise<SlackViewArg> => (await bot.fake.waitFor("views.open", n))[n - 1]!.args.view as SlackViewArg;
const allNotes = async () => [...(await bot.storage.notes.listByParticipant("p-mo")), ...(await bot.storage.notes.listByParticipant("p-out"))];

describe("requests Slack did not sign", () => {
  it.each([
    ["a wrong signature", { "x-slack-signature": "v0=" + "0".repeat(64) }],
    ["a timestamp six minutes old", slackSignature(SIGNING_SECRET, "PLACEHOLDER", Math.floor(Date.now() / 1000) - 360)],
    ["no signature at all", { "x-slack-signature": "", "x-slack-request-timestamp": "" }],
  ])("%s: 401, and nothing happens", async (_, headers) => {
    const before = (await allNotes()).length;
    const body = new URLSearchParams({ command: "/oversight", text: MESSAGE, user_id: "U0MO", trigger_id: "1.2.3", response_url: bot.fake.responseUrl("x") }).toString();
    // A stale signature is made over this very body, so only its age is wrong.
    const signed = "x-slack-signature" in headers && headers["x-slack-request-timestamp"] && headers["x-slack-signature"] !== "v0=" + "0".repeat(64) ? slackSignature(SIGNING_SECRET, body, Number(headers["x-slack-request-timestamp"])) : headers;
    const res = await bot.post(body, "application/x-www-form-urlencoded", signed as Record<string, string>);
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 100));
    expect(bot.fake.calls.filter((c) => c.method !== "auth.test")).toEqual([]);
    expect((await allNotes()).length).toBe(before);
  });
});

describe("/oversight", () => {
  it("help answers privately in the slash command's own response", async () => {
    const res = await bot.command("help");
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_type: "ephemeral" });
    expect(String(res.json!.text)).toMatch(/^Oversight bot turns a decision made in chat into a Management Oversight note/);
    expect(bot.fake.callsTo("chat.postMessage")).toEqual([]);
  });

  it("with a decision opens the note form pre-filled: native date-time, user selects, action rows", async () => {
    const res = await bot.command(MESSAGE);
    expect(res.status).toBe(200);
    expect(res.text).toBe("");
    const [open] = await bot.fake.waitFor("views.open");
    expect(open!.token).toMatch(/^xoxb-/);
    expect(open!.args.trigger_id).toMatch(/^\d+\./);
    const view = open!.args.view as SlackViewArg & Record<string, any>;
    expect(view).toMatchObject({ type: "modal", callback_id: "oversight-note", notify_on_close: true, submit: { text: "Record note" } });
    expect(blockOf(view, "caseRef").element.initial_value).toBe("4471-JB");
    expect(blockOf(view, "kind").element.initial_option.value).toBe("v:ad-hoc");
    // "today 14:10" in London: 14:10 UTC in November.
    expect(blockOf(view, "discussedAt").element).toMatchObject({ type: "datetimepicker", initial_date_time: Date.UTC(2026, 10, 23, 14, 10) / 1000 });
    expect(blockOf(view, "participants").element).toMatchObject({ type: "multi_users_select", initial_users: ["U0MO", "U0SAM"] });
    expect(blockOf(view, "issue").element).toMatchObject({ multiline: true, initial_value: "missed two home visits, school reports bruising" });
    expect(blockOf(view, "decision").element.initial_value).toBe("unannounced visit tomorrow with police check beforehand");
    expect(blockOf(view, "disagreements").element.initial_value).toBe("@sam: preferred strategy discussion today");
    expect(blockOf(view, "recorder").element).toMatchObject({ type: "users_select", initial_user: "U0MO" });
    // "Sam to visit by tomorrow 5pm": owner Sam, due Tue 24 Nov 17:00; "me to review Friday": Mo, Fri 27 Nov 17:30.
    expect(blockOf(view, "actions--0--what").element.initial_value).toBe("visit");
    expect(blockOf(view, "actions--0--owner").element.initial_user).toBe("U0SAM");
    expect(blockOf(view, "actions--0--due").element.initial_date_time).toBe(Date.UTC(2026, 10, 24, 17, 0) / 1000);
    expect(blockOf(view, "actions--1--owner").element.initial_user).toBe("U0MO");
    expect(blockOf(view, "actions--1--due").element.initial_date_time).toBe(Date.UTC(2026, 10, 27, 17, 30) / 1000);
    expect(blockOf(view, "actions--2--what").element.initial_value).toBeUndefined();
    // Nothing missing: no gaps line, no ⚠; every field under its label: nothing marked as a guess.
    expect(JSON.stringify(view)).not.toContain("⚠");
    expect(JSON.stringify(view)).not.toContain("🔍");
    expect(JSON.parse(view.private_metadata!).state.draftId).toBeTruthy();
  });

  it("marks under each field what it only guessed from a message's prose, and says how many (issue 14 item 2)", async () => {
    await bot.command(MESSY_EXAMPLE);
    const view = await openedView();
    const guess = "🔍 Read from your message: check.";
    for (const id of ["kind", "participants", "issue", "decision", "rationale", "disagreements"]) expect(blockOf(view, id).hint?.text, id).toContain(guess);
    // The actions' mark is under their heading, with their hint.
    const context = (view.blocks as Block[]).find((b) => b.type === "context");
    expect(context?.elements[0].text).toContain(guess);
    // Read by its form (a case id, a time) or filled from the record: not guesses.
    for (const id of ["caseRef", "review", "recorder"]) expect(blockOf(view, id).hint?.text ?? "", id).not.toContain("🔍");
    expect((view.blocks as Block[]).map((b) => b.text?.text)).toContain('7 fields were read from your message, not from a label: check each one marked "read from your message".');
    // What is missing is marked ⚠, as ever.
    expect(blockOf(view, "childViews").hint.text).toMatch(/^⚠ Needed before the note can be recorded/);
  });

  it("closed, keeps the guesses left as they were and drops the mark from a field the person changed (issue 14 item 2)", async () => {
    await bot.command(MESSY_EXAMPLE.replace("5521-KT", "5522-KT"));
    const view = await openedView();
    const draftId = JSON.parse((view as any).private_metadata).state.draftId;
    await bot.close(view, { issue: typed("Mum not engaging with the CIN plan.") });
    await bot.fake.waitFor("chat.postMessage");
    expect((await bot.storage.notes.findById(draftId))?.fields.guessed).toEqual(["kind", "participants", "decision", "rationale", "disagreements", "actions"]);
  });

  it("alone opens an empty form with every required field marked", async () => {
    await bot.command("");
    const view = await openedView();
    // The title is longer than Slack's 24 characters: it heads the modal.
    expect(view.blocks[0]).toMatchObject({ type: "header", text: { text: "Management oversight note" } });
    expect(view.blocks[1]).toMatchObject({ type: "section", text: { text: expect.stringMatching(/^\d+ fields to check or fill, marked ⚠ below\.$/) } });
    for (const id of ["caseRef", "issue", "options", "decision", "rationale"]) expect(blockOf(view, id).hint.text).toBe("⚠ Needed before the note can be recorded.");
    expect(blockOf(view, "caseRef").element.initial_value).toBeUndefined();
    // The author is always a participant, and the recorder.
    expect(blockOf(view, "participants").element.initial_users).toEqual(["U0MO"]);
  });

  it("list and export answer privately, with the access rules", async () => {
    const listed = await bot.command("list 4471-JB");
    expect(listed.json).toMatchObject({ response_type: "ephemeral" });
    const noteId = /(\w+) {2}4471-JB/.exec(String(listed.json!.text))?.[1];
    expect(noteId).toBeTruthy();

    const exported = await bot.command(`export ${noteId}`);
    expect(exported.json).toMatchObject({ response_type: "ephemeral" });
    expect(String(exported.json!.text)).toContain("4471-JB");

    const outsider = await bot.command(`export ${noteId}`, "out");
    expect(outsider.json).toMatchObject({ response_type: "ephemeral", text: expect.stringMatching(/^You do not have access to that note/) });
    expect(JSON.stringify(outsider.json)).not.toContain("bruising");
  });

  it("from someone not on the roster says so, privately; help still explains the bot to them", async () => {
    const stranger = (text: string) => bot.post(new URLSearchParams({ command: "/oversight", text, user_id: "U0STRANGER", trigger_id: bot.trigger(), response_url: bot.fake.responseUrl("x") }).toString(), "application/x-www-form-urlencoded");
    expect((await stranger("list 4471-JB")).json).toEqual({ response_type: "ephemeral", text: "You are not on the Oversight bot roster yet. Ask your administrator to add you.", blocks: expect.any(Array), mrkdwn: false });
    expect((await stranger("help")).json).toMatchObject({ response_type: "ephemeral", text: expect.stringMatching(/^Oversight bot turns a decision/) });
  });
});

describe("submitting the modal", () => {
  it("shows problems next to their fields and keeps the modal; then records and tells the participants", async () => {
    await bot.command(MESSAGE);
    const view = await openedView();
    const invalid = await bot.submit(view, { decision: typed(""), caseRef: typed("4471 JB!") });
    expect(invalid.status).toBe(200);
    expect(invalid.json).toEqual({
      response_action: "errors",
      errors: { caseRef: expect.stringMatching(/^A case reference/), decision: "Needed before the note can be recorded." },
    });
    const draftId = JSON.parse(String((view as any).private_metadata)).state.draftId;
    expect((await bot.storage.notes.findById(draftId))?.status).toBe("draft");

    const fixed = await bot.submit(view, { decision: typed("Unannounced visit tomorrow with police check beforehand.") });
    expect(fixed.status).toBe(200);
    expect(fixed.text).toBe("");
    const note = await bot.storage.notes.findById(draftId);
    expect(note).toMatchObject({ status: "recorded", recorderId: "p-mo" });
    expect(note!.fields.participantIds).toEqual(["p-mo", "p-sam"]);
    expect(note!.actions.map((a) => [a.what, a.ownerId, a.dueAt?.toISOString()])).toEqual([
      ["visit", "p-sam", "2026-11-24T17:00:00.000Z"],
      ["review", "p-mo", "2026-11-27T17:30:00.000Z"],
    ]);
    const dms = await bot.fake.waitFor("chat.postMessage", 2);
    expect(dms.map((c) => c.args.channel).sort()).toEqual(["U0MO", "U0SAM"]);
    const toSam = dms.find((c) => c.args.channel === "U0SAM")!.args;
    expect(toSam.text).toBe(`Oversight note ${draftId} on 4471-JB is recorded.`);
    expect(JSON.stringify(toSam.blocks)).toContain("visit");
  });

  it("tells a participant Slack rate-limits after its Retry-After: the notice is a scheduler row, not a one-off send", async () => {
    bot.fake.script("chat.postMessage", { status: 429, headers: { "retry-after": "30" }, body: { ok: false, error: "ratelimited" }, when: (args) => args.channel === "U0SAM" });
    await bot.command(MESSAGE.replace("4471-JB", "5521-RL"));
    await bot.submit(await openedView());
    await bot.fake.waitFor("chat.postMessage", 2);
    await bot.settled();
    const toSam = () => bot.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === "U0SAM");
    expect(toSam().map((c) => c.answer)).toEqual([{ ok: false, error: "ratelimited" }]);
    const [row] = (await bot.storage.schedule.reminders({ recipientId: "p-sam" })).filter((r) => r.kind === "notice" && r.status === "pending");
    // A rate limit is not a refusal: no attempt used up (tests/faults/rate-limit-storms.test.ts).
    expect(row).toMatchObject({ attempts: 0, lastError: "rate-limited" });

    // After Retry-After (30 s; the scheduler's own backoff is 30 s ± 10%), the next sweep sends it, once.
    const now = bot.clock.now();
    bot.clock.set(new Date(now.getTime() + 25_000).toISOString());
    await bot.settled();
    expect(toSam()).toHaveLength(1);
    bot.clock.set(new Date(now.getTime() + 40_000).toISOString());
    await bot.settled();
    expect(toSam().map((c) => [c.answer?.ok, String(c.args.text)])).toEqual([
      [false, expect.any(String)],
      [true, expect.stringMatching(/^Oversight note \w+ on 5521-RL is recorded\.$/)],
    ]);
    await bot.settled();
    expect(toSam()).toHaveLength(2);
    bot.clock.set(now.toISOString());
  });

  it("twice records one note", async () => {
    await bot.command(MESSAGE.replace("4471-JB", "5520-KT"));
    const view = await openedView();
    const [first, second] = [await bot.submit(view, {}, "mo", "V77"), await bot.submit(view, {}, "mo", "V77")];
    expect([first.status, second.status]).toEqual([200, 200]);
    const notes = (await bot.storage.notes.listByCase("5520-KT")).filter((n) => n.status === "recorded");
    expect(notes).toHaveLength(1);
  });

  it("replaces the modal, keeping what was typed, when a question must be added (a likely name to confirm)", async () => {
    await bot.command(MESSAGE.replace("4471-JB", "6610-AB"));
    const view = await openedView();
    const draftId = JSON.parse(String((view as any).private_metadata)).state.draftId;
    const res = await bot.submit(view, { issue: typed("Jayden missed two home visits.") });
    expect(res.json).toMatchObject({ response_action: "update", view: { callback_id: "oversight-note" } });
    const updated = (res.json as any).view as SlackViewArg;
    expect(blockOf(updated, "issue").element.initial_value).toBe("Jayden missed two home visits.");
    expect(blockOf(updated, "issue").hint.text).toBe('⚠ "Jayden" looks like a name: use the case reference or initials.');
    expect(blockOf(updated, "nameCheck").element.options.map((o: any) => o.value)).toEqual(["v:", "v:not-a-name"]);
    // Never saved unconfirmed.
    expect((await bot.storage.notes.findById(draftId))?.fields.issue).not.toContain("Jayden");

    // Confirmed as not a child's name (a worker's first name), it is recorded.
    const confirmed = await bot.submit(updated, { nameCheck: { type: "static_select", selected_option: { value: "v:not-a-name" } } });
    expect(confirmed.text).toBe("");
    expect(await bot.storage.notes.findById(draftId)).toMatchObject({ status: "recorded", fields: { issue: "Jayden missed two home visits." } });
  });

  it("with an action owner chosen in a row and a date picked, records the action that way", async () => {
    await bot.command("7001-ZZ discussed today 14:00 with @sam. Issue: school refusal. Options: meeting. Decision: meeting with school. Because: attendance is falling.");
    const view = await openedView();
    const res = await bot.submit(view, {
      "actions--0--what": typed("Arrange a school meeting"),
      "actions--0--owner": { type: "users_select", selected_user: "U0PRIYA" },
      "actions--0--due": { type: "datetimepicker", selected_date_time: Date.UTC(2026, 10, 26, 10, 0) / 1000 },
      disagreements: typed("none"),
      childViews: typed("not discussed: baby"),
    });
    expect(res.text).toBe("");
    const [note] = (await bot.storage.notes.listByCase("7001-ZZ")).filter((n) => n.status === "recorded");
    expect(note!.actions.map((a) => [a.what, a.ownerId, a.dueAt?.toISOString()])).toEqual([["Arrange a school meeting", "p-priya", "2026-11-26T10:00:00.000Z"]]);
  });

  it("with an action row left without a due date, keeps every word and asks for the date: nothing is invented", async () => {
    await bot.command("7002-ZZ discussed today 14:00 with @sam. Issue: school refusal. Options: meeting. Decision: meeting with school. Because: attendance is falling.");
    const view = await openedView();
    const res = await bot.submit(view, {
      "actions--0--what": typed("read the 5 December strategy minutes"),
      "actions--0--owner": { type: "users_select", selected_user: "U0SAM" },
      "actions--0--due": { type: "datetimepicker", selected_date_time: null },
      disagreements: typed("none"),
    });
    expect(res.json).toMatchObject({ response_action: "errors", errors: { "actions--0--what": expect.stringMatching(/Action 1: no due date/) } });
    const [draft] = await bot.storage.notes.listByCase("7002-ZZ");
    expect(draft).toMatchObject({ status: "draft" });
    expect(draft!.fields.actions).toEqual([{ what: "read the 5 December strategy minutes", ownerId: "p-sam", ownerText: null, dueAt: null }]);
  });

  it("closed without submitting keeps what was typed as the draft, and says so by direct message", async () => {
    await bot.command("8002-QQ discussed today 13:00. Issue: placement wobble.");
    const view = await openedView();
    const draftId = JSON.parse(String((view as any).private_metadata)).state.draftId;
    const res = await bot.close(view, { decision: typed("Hold a placement stability meeting") });
    expect(res.status).toBe(200);
    const [dm] = await bot.fake.waitFor("chat.postMessage");
    expect(dm!.args).toMatchObject({ channel: "U0MO", text: `Kept as draft ${draftId} with everything you typed. Carry on any time: finish ${draftId}.` });
    const draft = await bot.storage.notes.findById(draftId);
    expect(draft).toMatchObject({ status: "draft", fields: { decision: "Hold a placement stability meeting", issue: "placement wobble" } });
  });
});

describe("the message shortcut", () => {
  it("reads the thread: its authors take part, its last message dates the discussion, its text pre-fills", async () => {
    bot.fake.script("conversations.replies", {
      body: {
        ok: true,
        messages: [
          { type: "message", user: "U0SAM", text: "9031-PL: missed two visits and school reports bruising", ts: "1795442400.000100", thread_ts: "1795442400.000100" },
          { type: "message", user: "U0MO", text: "Decision: unannounced visit tomorrow. Because: risk is rising &amp; we need to see the child", ts: "1795443300.000200", thread_ts: "1795442400.000100" },
          { type: "message", bot_id: "BBOT", text: "I am a bot", ts: "1795443400.000300", thread_ts: "1795442400.000100" },
          { type: "message", user: "U0PRIYA", text: "Agreed, <@U0SAM> to visit by tomorrow 5pm", ts: "1795443600.000400", thread_ts: "1795442400.000100" },
        ],
      },
    });
    const res = await bot.shortcut({ user: "U0MO", ts: "1795443300.000200", thread_ts: "1795442400.000100", text: "Decision: unannounced visit tomorrow." });
    expect(res.status).toBe(200);
    // The modal opens at once (the trigger lasts 3 s), then the thread's form replaces it.
    const [open] = await bot.fake.waitFor("views.open");
    expect((open!.args.view as any).blocks.at(-1).text.text).toBe("Reading the thread…");
    const [update] = await bot.fake.waitFor("views.update");
    expect(update!.args.view_id).toBe((open!.answer as any).view.id);
    expect(bot.fake.callsTo("conversations.replies")[0]!.args).toMatchObject({ channel: "C2147483705", ts: "1795442400.000100" });
    const view = update!.args.view as SlackViewArg;
    expect(blockOf(view, "caseRef").element.initial_value).toBe("9031-PL");
    expect(blockOf(view, "participants").element.initial_users).toEqual(["U0MO", "U0SAM", "U0PRIYA"]);
    expect(blockOf(view, "discussedAt").element.initial_date_time).toBe(1795443600);
    expect(blockOf(view, "rationale").element.initial_value).toBe("risk is rising & we need to see the child");
    expect(blockOf(view, "actions--0--owner").element.initial_user).toBe("U0SAM");
  });

  it("pre-fills from a very long thread's latest 20,000 characters, so Slack can still open the form; everyone who wrote takes part", async () => {
    // 400 messages of ~120 characters (~48,000 in all), from Sam and Priya; the decision is last.
    const root = "1795442400.000100";
    const messages = Array.from({ length: 400 }, (_, i) => ({
      type: "message",
      user: i % 2 ? "U0PRIYA" : "U0SAM",
      text: `9033-LG update ${i}: `.padEnd(120, "x"),
      ts: `${1795442400 + i}.000100`,
      thread_ts: root,
    }));
    messages.push({ type: "message", user: "U0MO", text: "Decision: strategy meeting tomorrow. Because: repeated concerns.", ts: "1795443000.000100", thread_ts: root });
    bot.fake.script("conversations.replies", { body: { ok: true, messages: messages.slice(0, 200), has_more: true, response_metadata: { next_cursor: "p2" } } });
    bot.fake.script("conversations.replies", { body: { ok: true, messages: messages.slice(200), has_more: false } });
    await bot.shortcut({ user: "U0SAM", ts: root, thread_ts: root, text: "9033-LG update 0" });
    const [update] = await bot.fake.waitFor("views.update");
    const view = update!.args.view as SlackViewArg;
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const typedText = view.blocks.map((b: Block) => String(b.element?.initial_value ?? "")).join("");
    expect(typedText.length).toBeLessThanOrEqual(21_000);
    // About the latest 165 of the 400 updates (20,000 characters of 121 each).
    const updates = typedText.split("9033-LG").length - 1;
    expect(updates).toBeGreaterThan(150);
    expect(updates).toBeLessThan(170);
    expect(blockOf(view, "decision").element.initial_value).toBe("strategy meeting tomorrow");
    expect(blockOf(view, "participants").element.initial_users).toEqual(["U0MO", "U0SAM", "U0PRIYA"]);
    expect(bot.log.some((line) => line.includes('"slack.thread-long"'))).toBe(true);
  });

  it("uses the message alone where the bot may not read the channel", async () => {
    await bot.shortcut({ user: "U0SAM", ts: "1795443000.000100", text: "9032-PL decided: no further action. Because: concerns resolved." }, { id: "C0PRIVATE", name: "privategroup" });
    const [update] = await bot.fake.waitFor("views.update");
    const view = update!.args.view as SlackViewArg;
    expect(blockOf(view, "caseRef").element.initial_value).toBe("9032-PL");
    expect(blockOf(view, "participants").element.initial_users).toEqual(["U0MO", "U0SAM"]);
    expect(blockOf(view, "discussedAt").element.initial_date_time).toBe(1795443000);
  });
});

describe("payloads the bot has no use for", () => {
  it.each([
    ["another app's slash command", () => bot.post(new URLSearchParams({ command: "/other", text: "hello", user_id: "U0MO", trigger_id: bot.trigger(), response_url: bot.fake.responseUrl("other") }).toString(), "application/x-www-form-urlencoded")],
    ["a global shortcut", () => bot.interaction({ type: "shortcut", callback_id: "something_else", trigger_id: bot.trigger(), user: bot.user("mo"), team: { id: "T0001", domain: "example" }, token: "x", action_ts: "1700000000.1" })],
    ["a message shortcut with another callback id", () => bot.interaction({ type: "message_action", callback_id: "something_else", trigger_id: bot.trigger(), user: bot.user("mo"), team: { id: "T0001", domain: "example" }, channel: { id: "C2147483705", name: "duty-team" }, message: { type: "message", user: "U0MO", ts: "1700000000.000100", text: "hi" }, response_url: bot.fake.responseUrl("ms"), token: "x", action_ts: "1700000000.1", message_ts: "1700000000.000100" })],
  ])("%s: acknowledged at once (200), and nothing else happens", async (_, send) => {
    const before = (await allNotes()).length;
    const res = await send();
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(bot.fake.calls.filter((c) => c.method !== "auth.test")).toEqual([]);
    expect((await allNotes()).length).toBe(before);
  });
});

describe("never in a channel", () => {
  it("every message the bot posted went to a person (a user id or a DM), never a channel", async () => {
    await bot.command(MESSAGE.replace("4471-JB", "9100-CH"));
    const view = await openedView();
    await bot.submit(view);
    await bot.fake.waitFor("chat.postMessage", 2);
    for (const call of bot.fake.callsTo("chat.postMessage")) expect(String(call.args.channel)).toMatch(/^[UWD]/);
  });
});

describe("everything else the core offers, through /oversight", () => {
  it("a failure inside the bot says nothing was lost and shows the typed message back, privately", async () => {
    const restore = breakMethod(bot.storage.notes, "create", new Error("disk I/O error"));
    try {
      const res = await bot.command("9200-ER discussed today 14:00. Decision: visit.");
      expect(res.json).toMatchObject({ response_type: "ephemeral" });
      const text = JSON.stringify(res.json);
      expect(text).toContain("What you typed, to send again:");
      expect(text).toContain("9200-ER discussed today 14:00. Decision: visit.");
      expect(bot.log.join("\n")).not.toContain("9200-ER");
    } finally {
      restore();
    }
  });

  it("amend opens the amendment form; its submission adds a version", async () => {
    await bot.command(MESSAGE.replace("4471-JB", "9400-KD"));
    const view = await openedView();
    await bot.submit(view);
    const [note] = await bot.storage.notes.listByCase("9400-KD");
    await bot.fake.quiet();
    bot.fake.reset();

    await bot.command(`amend ${note!.id}`);
    const amend = (await openedView()) as SlackViewArg & Record<string, any>;
    expect(amend.callback_id).toBe("oversight-amendment");
    const reasonBlock = amend.blocks.find((b) => b.block_id === "amendReason");
    expect(reasonBlock).toBeTruthy();
    const res = await bot.submit(amend, { decision: typed("Unannounced visit today instead."), amendReason: typed("Police available today") });
    expect(res.text).toBe("");
    const [dm] = await bot.fake.waitFor("chat.postMessage");
    // Fields by the form's labels, never the code's names.
    expect(String(dm!.args.text)).toMatch(new RegExp(`${note!.id} is amended \\(version 2: Decision\\)`));
    expect((await bot.storage.notes.findById(note!.id))!.fields.decision).toBe("Unannounced visit today instead.");
    expect(await bot.storage.notes.revisions(note!.id)).toHaveLength(2);
  });

  it.each([
    ["mine", /\w+ {2}4471-JB {2}Ad hoc {2}discussed Mon 23 Nov 2026 14:10 {2}(Draft|Recorded)/],
    ["show nothing-here", /^There is no note with that id\.$/],
    ["away", /^You have no absences coming up\.$/],
    ["compliance", /^Compliance summary: North, 2026-11/],
    // Slack's escapes: the words in angle brackets are shown, not taken for a link.
    ["snooze", /^Say which reminder and for how long: snooze &lt;reminder id&gt; 1h\|3h\|tomorrow\.$/],
  ])("/oversight %s answers privately", async (text, expected) => {
    await bot.command(MESSAGE); // at least one note of Mo's
    const res = await bot.command(text);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_type: "ephemeral" });
    expect(String(res.json!.text)).toMatch(expected);
  });
});

describe("what the review found", () => {
  const firstInputOf = (view: SlackViewArg) => String(view.blocks.find((b) => b.type === "input")!.block_id);

  it("a failure inside the bot on submit is shown on the first input, and the modal stays open", async () => {
    await bot.command(MESSAGE.replace("4471-JB", "9501-FA"));
    const view = await openedView();
    const restore = breakMethod(bot.storage.notes, "record", new Error("disk I/O error"));
    try {
      const res = await bot.submit(view);
      expect(res.json).toEqual({ response_action: "errors", errors: { [firstInputOf(view)]: expect.stringMatching(/went wrong.*nothing.*lost/i) } });
      expect(firstInputOf(view)).toBe("caseRef");
    } finally {
      restore();
    }
  });

  it("a refusal on submit (someone without access) is shown in the modal, not by closing it", async () => {
    await bot.command(MESSAGE.replace("4471-JB", "9502-RF"));
    const view = await openedView();
    const res = await bot.submit(view, {}, "out");
    expect(res.json).toEqual({ response_action: "errors", errors: { caseRef: expect.stringMatching(/^You do not have access/) } });
  });

  it("a draft saved for the first time on a submission with problems replaces the modal, so the next submission records that draft", async () => {
    // A likely name when the form opens: nothing is stored yet.
    await bot.command("9503-ND discussed today 14:00 with @sam. Issue: Jayden missed school. Options: meeting. Decision: meeting. Because: attendance. Disagreements: none. Child's views: not seen: on a school trip.");
    const view = await openedView();
    expect(JSON.parse((view as any).private_metadata).state.draftId).toBeUndefined();
    // The name fixed, but the rationale emptied: the draft is saved now, and the modal must learn its id.
    const res = await bot.submit(view, { issue: typed("JB missed school"), rationale: typed("") });
    expect(res.json).toMatchObject({ response_action: "update" });
    const updated = (res.json as any).view as SlackViewArg;
    const draftId = JSON.parse((updated as any).private_metadata).state.draftId;
    expect(draftId).toBeTruthy();
    expect(blockOf(updated, "rationale").hint.text).toBe("⚠ Needed before the note can be recorded.");
    expect((await bot.submit(updated, { rationale: typed("Attendance is falling.") })).text).toBe("");
    const notes = await bot.storage.notes.listByCase("9503-ND");
    expect(notes.map((n) => [n.id, n.status])).toEqual([[draftId, "recorded"]]);
  });

  it("closing with an unconfirmed likely name says nothing was saved", async () => {
    await bot.command("9504-CL discussed today 13:00. Issue: placement wobble.");
    const view = await openedView();
    const draftId = JSON.parse((view as any).private_metadata).state.draftId;
    await bot.close(view, { issue: typed("Jayden missed contact again") });
    const [dm] = await bot.fake.waitFor("chat.postMessage");
    expect(dm!.args.text).toBe(`Not saved: a field looks like a child's name. Draft ${draftId} keeps what it had before; use the case reference or initials instead.`);
    expect((await bot.storage.notes.findById(draftId))!.fields.issue).toBe("placement wobble");
  });

  it("when Slack will not open a form (the trigger expired), offers a button that asks again", async () => {
    await bot.command(MESSAGE.replace("4471-JB", "9506-EX"));
    await bot.submit(await openedView());
    const [note] = await bot.storage.notes.listByCase("9506-EX");
    await bot.fake.quiet();
    bot.fake.reset();
    bot.fake.script("views.open", { body: { ok: false, error: "expired_trigger_id" } });
    await bot.command(`amend ${note!.id}`);
    await bot.fake.quiet();
    const replies = bot.fake.calls.filter((c) => c.method.startsWith("respond:"));
    expect(replies).toHaveLength(1);
    const button = (replies[0]!.args.blocks as any[]).find((b) => b.type === "actions").elements[0];
    expect(button).toMatchObject({ action_id: "slack-open-form#0", text: { text: "Open the form" } });
    expect(button.value).toMatch(/^amend /);
  });

  it("goes on in further inputs when a text is longer than one holds (3,000), and reads them back as one", async () => {
    // A long pasted thread: 80 lines of 100 characters (the parser reads them as one paragraph).
    const lines = Array.from({ length: 80 }, (_, i) => `Line ${String(i + 1).padStart(2, "0")}: the school reports further missed sessions, late pick-ups and a worried call.`.padEnd(100, "."));
    await bot.command(`9506-LT discussed today 14:00. Issue: ${lines.join("\n")}\nOptions: visit. Decision: visit. Because: needed. Disagreements: none. Child's views: not seen: on a school trip. Actions: @sam to visit by 30/11/2026 17:00`);
    const view = await openedView();
    const [draft] = await bot.storage.notes.listByCase("9506-LT");
    const issue = draft!.fields.issue!;
    expect(issue.length).toBeGreaterThan(6000);
    const parts = ["issue", "issue--more--1", "issue--more--2", "issue--more--3"].map((id) => blockOf(view, id));
    expect(parts.map((b) => b?.label.text)).toEqual(["Presenting issue", "Presenting issue (continued, 2 of 3)", "Presenting issue (continued, 3 of 3)", undefined]);
    const texts = parts.slice(0, 3).map((b) => String(b!.element.initial_value));
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(3000);
    // Cut between words, and every word is there: the parts, joined by the space each cut took, are the text.
    expect(texts.join(" ")).toBe(issue);

    // Edited in its last part, and submitted: the note holds the text exactly as it was, with the edit.
    await bot.submit(view, { "issue--more--2": typed(`${texts[2]}\nAdded in the modal.`) });
    const [note] = (await bot.storage.notes.listByCase("9506-LT")).filter((n) => n.status === "recorded");
    expect(note?.fields.issue).toBe(`${issue}\nAdded in the modal.`);
  });

  it("shows ten or more actions in one text box, one per line, rather than drop any", async () => {
    const actions = Array.from({ length: 11 }, (_, i) => `@sam: task ${i + 1} by 30/11/2026 17:00`).join("\n");
    await bot.command(`9505-TA discussed today 14:00. Issue: many tasks. Options: do them. Decision: do them. Because: needed.\nActions:\n${actions}`);
    const view = await openedView();
    expect(blockOf(view, "actions").element).toMatchObject({ type: "plain_text_input", multiline: true });
    expect(String(blockOf(view, "actions").element.initial_value).split("\n")).toHaveLength(11);
    expect(blockOf(view, "actions--0--what")).toBeUndefined();
  });
});
