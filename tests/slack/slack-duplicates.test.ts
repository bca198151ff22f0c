import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { COMPLETE_EXAMPLE } from "../support/fixtures.ts";
import { plannedNote } from "../support/notes.ts";
import { startSlackBot, type SlackViewArg } from "../support/slack-bot.ts";

// Issue 13 item 7, "a duplicate is answered once": the same request delivered many times at
// once, through the real signed endpoint, yields one effect and one thing shown, and every
// copy is acknowledged. A copy is the very same body (same trigger id); each is signed afresh.

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
const copies = (n: number, body: string) => Promise.all(Array.from({ length: n }, () => bot.postForm(body)));

it("one slash command delivered 50 times at once: every copy 200, one modal opened, one draft", async () => {
  const responses = await copies(50, bot.commandBody(MESSAGE.replace("4471-JB", "7101-DA")));
  expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
  await bot.fake.waitFor("views.open", 1);
  await bot.fake.quiet();
  expect(bot.fake.callsTo("views.open")).toHaveLength(1);
  expect(bot.fake.calls.filter((c) => c.method.startsWith("respond:") || c.method === "chat.postMessage")).toEqual([]);
  expect(responses.filter((r) => r.text !== "")).toEqual([]);
  const notes = await bot.storage.notes.listByCase("7101-DA");
  expect(notes.map((n) => n.status)).toEqual(["draft"]);
});

it("one view submission delivered 50 times at once: every copy 200 and closes the modal, one note, one DM to the submitter", async () => {
  await bot.command(MESSAGE.replace("4471-JB", "7102-DB"));
  const view = (await bot.fake.waitFor("views.open", 1))[0]!.args.view as SlackViewArg;
  bot.fake.reset();
  const responses = await copies(50, bot.submitBody(view));
  expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
  // None answers with a response_action: an empty body closes the modal, as the first did.
  expect(responses.filter((r) => r.text !== "")).toEqual([]);
  await bot.fake.waitFor("chat.postMessage", 1);
  await bot.settled();
  await bot.fake.quiet();
  const notes = await bot.storage.notes.listByCase("7102-DB");
  expect(notes.map((n) => n.status)).toEqual(["recorded"]);
  const toMo = bot.fake.callsTo("chat.postMessage").filter((c) => c.args.channel === "U0MO");
  expect(toMo.map((c) => c.args.text)).toEqual([`Oversight note ${notes[0]!.id} on 7102-DB is recorded.`]);
  expect(bot.fake.callsTo("views.open")).toEqual([]);
  expect((await bot.storage.audit.list()).filter((e) => e.action === "note.record" && e.entityId === notes[0]!.id).length).toBe(1);
});

it("one button press (mark on case record) delivered 20 times at once: one effect, one message", async () => {
  await plannedNote(bot.core, "dup1", "recorded", "7103-DC");
  const responses = await copies(20, bot.buttonBody("on-record", "dup1", "sam"));
  expect(responses.map((r) => r.status)).toEqual(Array(20).fill(200));
  await bot.fake.quiet();
  const replies = bot.fake.calls.filter((c) => c.method.startsWith("respond:") || c.method === "chat.postMessage");
  expect(replies.map((c) => c.args.text)).toEqual(["Note dup1 is marked as on the child's case record."]);
  expect((await bot.storage.notes.findById("dup1"))?.status).toBe("on-case-record");
  expect((await bot.storage.audit.list()).filter((e) => e.action === "note.on-case-record" && e.entityId === "dup1")).toHaveLength(1);
});

it("a submission refused for a field, fixed and submitted again, is a new submission, not a copy", async () => {
  await bot.command(MESSAGE.replace("4471-JB", "7104-DD"));
  const view = (await bot.fake.waitFor("views.open", 1))[0]!.args.view as SlackViewArg;
  const decision = (view.blocks.find((b) => b.block_id === "decision") as { element: { type: string } }).element.type;
  const invalid = bot.submitBody(view, { decision: { type: decision, value: "" } });
  const refused = await copies(5, invalid);
  expect(refused.map((r) => r.status)).toEqual(Array(5).fill(200));
  // The first copy acted on shows the problem; the other copies are acknowledged and do nothing.
  expect(refused.filter((r) => r.json?.response_action === "errors")).toHaveLength(1);
  expect(refused.filter((r) => r.text === "")).toHaveLength(4);
  const fixed = await bot.submit(view, { decision: { type: decision, value: "Unannounced visit tomorrow with police check beforehand." } });
  expect(fixed.status).toBe(200);
  expect(fixed.text).toBe("");
  const notes = await bot.storage.notes.listByCase("7104-DD");
  expect(notes.map((n) => n.status)).toEqual(["recorded"]);
});
