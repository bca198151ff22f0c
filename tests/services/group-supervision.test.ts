import { beforeEach, describe, expect, it } from "vitest";
import { handleInbound } from "../../src/bot/inbound.ts";
import { answerText, type Form } from "../../src/content/form.ts";
import { typed, valuesOf } from "../support/note-forms.ts";
import type { BotReply } from "../../src/bot/reply.ts";
import type { GroupSession } from "../../src/domain/group-supervision.ts";
import { silentLogger } from "../../src/logger.ts";
import { sweepReminders } from "../../src/scheduler/send-reminders.ts";
import { testCore } from "../support/core.ts";
import { RecordingDelivery } from "../support/recording-delivery.ts";

// Group supervision through the core, as any platform drives it: a dialogue on a fixed
// clock. Team North: lee (service manager), mo (team manager), priya, sam. Mon 23 Nov 2026.

let t: Awaited<ReturnType<typeof testCore>>;
let delivery: RecordingDelivery;
let n = 0;
beforeEach(async () => {
  t = await testCore({ now: "2026-11-23T10:00:00Z" });
  delivery = new RecordingDelivery();
});

const command = (handle: string, text: string): Promise<BotReply> => handleInbound(t.core, silentLogger, { kind: "command", eventId: `e${++n}`, actor: { platform: "console", externalId: handle }, text });
const submit = (handle: string, form: Form, values: Record<string, string>): Promise<BotReply> =>
  handleInbound(t.core, silentLogger, {
    kind: "submit",
    eventId: `e${++n}`,
    actor: { platform: "console", externalId: handle },
    formId: form.formId,
    // An ISO instant is what a date-time picker gives; anything else is typed.
    values: typed({ ...valuesOf(form), ...Object.fromEntries(Object.entries(values).map(([id, v]) => [id, /^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(v) ? { type: "instant" as const, at: new Date(v).toISOString() } : v])) }),
    state: form.state,
  });
const sweepAt = async (iso: string) => {
  t.clock.set(iso);
  await sweepReminders(t.core, delivery);
  return delivery.sent.splice(0);
};
const sessions = async (): Promise<GroupSession[]> => {
  const series = await t.storage.groups.seriesOfTeam("North");
  return series ? t.storage.groups.sessionsOf(series.id) : [];
};
const handle = async (id: string | null) => (id ? (await t.storage.people.findById(id))!.handle : null);

/** Mo sets up fortnightly… every 3 weeks from Tue 1 Dec 2026 14:00, announcing in #north-team. */
async function setUp(channel = "north-team") {
  const form = (await command("mo", "group setup")).form!;
  return submit("mo", form, { first: "2026-12-01T14:00:00Z", cadence: "3", duration: "90", channel });
}

describe("setting up a series", () => {
  it("is a manager's: the form, then three sessions ahead every three weeks with three different people each", async () => {
    expect((await command("mo", "group")).message!.text).toBe("Your team has no group supervision series yet. A manager of the team sets one up with: group setup");
    const form = (await command("mo", "group setup")).form!;
    expect(form.inputs.map((i) => [i.id, i.value.type === "instant" ? (i.value.at ?? "") : answerText(i.value)])).toEqual([
      ["team", "North"],
      ["format", "signs-of-safety"],
      ["cadence", "3"],
      ["first", ""],
      ["duration", "90"],
      ["channel", ""],
    ]);
    const saved = await submit("mo", form, { first: "2026-12-01T14:00:00Z", channel: "north-team" });
    expect(saved.message!.text).toMatch(/^Group supervision for North is set up\.\nGroup supervision, North: Signs of Safety group supervision, every 3 weeks\n/);
    const planned = await sessions();
    expect(planned.map((s) => [s.date, s.startsAt.toISOString(), s.status])).toEqual([
      ["2026-12-01", "2026-12-01T14:00:00.000Z", "planned"],
      ["2026-12-22", "2026-12-22T14:00:00.000Z", "planned"],
      ["2027-01-12", "2027-01-12T14:00:00.000Z", "planned"],
    ]);
    for (const s of planned) expect(new Set([s.presenterId, s.facilitatorId, s.advisorId]).size).toBe(3);
    const series = (await t.storage.groups.seriesOfTeam("North"))!;
    expect(series).toMatchObject({ format: "signs-of-safety", cadenceWeeks: 3, firstDate: "2026-12-01", time: "14:00", durationMinutes: 90, channel: "console:north-team" });
  });

  it.each([
    [{ first: "last Tuesday 2pm" }, "first", "The first session must be in the future."],
    [{ first: "Saturday 5 December 10:00" }, "first", "Pick a working day: not a weekend or bank holiday."],
    [{ first: "sometime soon" }, "first", 'I could not read "sometime soon" as a day and time, e.g. Tuesday 1 December 14:00.'],
    [{ first: "2026-12-01T14:00:00Z", cadence: "6" }, "cadence", "Pick one of the options."],
  ])("refuses %j, saying what is wrong next to the field and keeping the rest", async (values, field, error) => {
    const form = (await command("mo", "group setup")).form!;
    const reply = await submit("mo", form, { channel: "north-team", ...values });
    expect(reply.form!.errors).toEqual({ [field]: error });
    expect(answerText(reply.form!.inputs.find((i) => i.id === "channel")!.value)).toBe("north-team");
    expect(await sessions()).toEqual([]);
  });

  it("is refused to someone who manages nobody in the team", async () => {
    expect((await command("sam", "group setup")).message!.text).toBe("Only a manager of the team does that.");
  });

  it("moves a session that would fall on a bank holiday to the next working day", async () => {
    const form = (await command("mo", "group setup")).form!;
    // Fridays every 3 weeks from Fri 4 Dec: 25 Dec is Christmas Day, so that session is on Tue 29 Dec.
    await submit("mo", form, { first: "2026-12-04T10:00:00Z" });
    expect((await sessions()).map((s) => s.date)).toEqual(["2026-12-04", "2026-12-29", "2027-01-15"]);
  });
});

describe("before the session", () => {
  it("announces the roles in the team channel (names and roles only) and sends each role its prompt, five working days before", async () => {
    await setUp();
    const [first] = await sessions();
    const [p, f, a] = await Promise.all([handle(first!.presenterId), handle(first!.facilitatorId), handle(first!.advisorId)]);
    expect(await sweepAt("2026-11-24T08:29:00Z")).toEqual([]);
    const sent = await sweepAt("2026-11-24T08:31:00Z");
    const announce = sent.find((s) => s.to === "#console:north-team")!;
    expect(announce.text).toMatch(/^Signs of Safety group supervision on Tue 1 Dec 2026 14:00: \w+ Worker presents, \w+ Worker facilitates and \w+ Worker is the advisor\./);
    expect(sent.filter((s) => !s.to.startsWith("#")).map((s) => s.to).sort()).toEqual([p, f, a].sort());
    const presenter = sent.find((s) => s.to === p)!;
    expect(presenter.text).toMatch(/^You are presenting at Signs of Safety group supervision on Tue 1 Dec 2026 14:00\./);
    expect(presenter.text).toContain(`group case ${first!.id} <case ref>`);
    expect(presenter.buttons).toEqual([`group case ${first!.id}`, `group why ${first!.id}`]);
    expect(sent.find((s) => s.to === f)!.text).toMatch(/^You are facilitating .*Plan the 90 minutes/s);
    // Nothing goes twice.
    expect(await sweepAt("2026-11-24T09:31:00Z")).toEqual([]);
  });

  it("tells the facilitator when the team channel will not take the announcement (the bot not in it), once; they post it again once the bot is added", async () => {
    await setUp();
    const [first] = await sessions();
    const facilitator = (await handle(first!.facilitatorId))!;
    delivery.post = async () => ({ status: "permanent", reason: "not_in_channel" });
    const sent = await sweepAt("2026-11-24T08:31:00Z");
    expect(sent.filter((s) => s.to.startsWith("#"))).toEqual([]);
    const told = sent.filter((s) => s.text.startsWith("The roles for"));
    expect(told.map((s) => [s.to, s.text, s.buttons])).toEqual([
      [
        facilitator,
        `The roles for Signs of Safety group supervision on Tue 1 Dec 2026 14:00 could not be posted in the team channel: the bot may not be a member of it, or it may have been archived. Add the bot to that channel (in Slack, type /invite and the bot's name in the channel; in Teams, add the Oversight app to the team), or choose another channel with "group setup"; then post the roles again: group announce ${first!.id}. Each person still gets their role by direct message.`,
        [`group announce ${first!.id}`],
      ],
    ]);
    // Each role-holder has their prompt all the same; nothing more on later sweeps.
    expect(sent.filter((s) => s.text.startsWith("You are")).length).toBe(3);
    expect(await sweepAt("2026-11-24T09:31:00Z")).toEqual([]);

    // The bot is added to the channel; the facilitator presses the button. Only they or a manager may.
    const again = await command(facilitator, `group announce ${first!.id}`);
    expect(again.message!.text).toBe("The roles for Tue 1 Dec 2026 14:00 are posted in the team channel again.");
    expect(again.posts).toEqual([{ channel: "console:north-team", message: expect.objectContaining({ text: expect.stringMatching(/^Signs of Safety group supervision on Tue 1 Dec 2026 14:00: \w+ Worker presents/) }) }]);
    const practitioner = ["priya", "sam"].find((h) => h !== facilitator)!;
    expect((await command(practitioner, `group announce ${first!.id}`)).message!.text).toBe("The facilitator (or a manager of the team) does that.");
  });

  it("says the channel kept failing when the announcement was given up after hours of retries; says nothing once the channel is changed", async () => {
    await setUp();
    const [first] = await sessions();
    const facilitator = (await handle(first!.facilitatorId))!;
    delivery.post = async () => ({ status: "retry", reason: "http-503" });
    // Retried with backoff (30 s doubling, to an hour) until the tenth try gives up, about three hours on.
    const told: string[] = [];
    for (let minutes = 1; minutes <= 6 * 60; minutes += 15) {
      const at = new Date(Date.parse("2026-11-24T08:30:00Z") + minutes * 60_000).toISOString();
      told.push(...(await sweepAt(at)).filter((s) => s.text.startsWith("The roles for")).map((s) => `${s.to}: ${s.text}`));
    }
    expect(told).toEqual([expect.stringMatching(new RegExp(`^${facilitator}: The roles for .* could not be posted in the team channel: it was tried for several hours and never went through\\.`))]);
  });

  it("drops the could-not-post notice if the series has moved to another channel before it goes", async () => {
    await setUp();
    const [first] = await sessions();
    const facilitator = (await handle(first!.facilitatorId))!;
    // The facilitator is away on the announcement day: what is for them waits for Wednesday.
    await command(facilitator, "away 24/11");
    delivery.post = async () => ({ status: "permanent", reason: "not_in_channel" });
    expect((await sweepAt("2026-11-24T08:31:00Z")).filter((s) => s.text.startsWith("The roles for"))).toEqual([]);
    // The manager moves the series to a channel the bot is in; the announcement goes there.
    delete (delivery as { post?: unknown }).post;
    const form = (await command("mo", "group setup")).form!;
    await submit("mo", form, { channel: "north-team-2" });
    const moved = await sweepAt("2026-11-24T09:00:00Z");
    expect(moved.filter((s) => s.to === "#console:north-team-2")).toHaveLength(1);
    // Wednesday: the facilitator gets their prompt, and no word about the old channel.
    const wednesday = await sweepAt("2026-11-25T08:31:00Z");
    expect(wednesday.filter((s) => s.to === facilitator).map((s) => s.text.slice(0, 20))).toEqual(["You are facilitating"]);
  });

  it("asks the presenter again two working days before, unless the case has been chosen", async () => {
    await setUp();
    const [first, second] = await sessions();
    const presenter = (await handle(first!.presenterId))!;
    await sweepAt("2026-11-24T08:31:00Z");
    expect((await command(presenter, `group case ${first!.id} Jayden`)).message!.text).toMatch(/looks like a name/);
    expect((await command(presenter, `group case ${first!.id} 4471-JB`)).message!.text).toBe("Case 4471-JB chosen for group supervision on Tue 1 Dec 2026 14:00. Prepare its strengths, risks and your question.");
    // Fri 27 Nov 08:30: two working days before 1 Dec; the case is chosen, so nothing.
    expect((await sweepAt("2026-11-27T08:31:00Z")).filter((s) => s.text.startsWith("Reminder: you have not chosen"))).toEqual([]);
    // The second session's presenter has not chosen: asked on Fri 18 Dec.
    await sweepAt("2026-12-15T08:31:00Z");
    const chase = (await sweepAt("2026-12-18T08:31:00Z")).filter((s) => s.text.startsWith("Reminder: you have not chosen"));
    expect(chase.map((s) => s.to)).toEqual([await handle(second!.presenterId)]);
  });

  it("re-plans later sessions after a swap, so nobody has the role they swapped into twice running, and why-me stays true", async () => {
    t.clock.set("2026-11-23T10:00:00Z");
    const form = (await command("mo", "group setup")).form!;
    await submit("mo", form, { first: "2026-12-01T14:00:00Z", cadence: "2", channel: "north-team" });
    const [first, second] = await sessions();
    // The first session's facilitator swaps with whoever facilitates the second.
    const [f1, f2] = [(await handle(first!.facilitatorId))!, (await handle(second!.facilitatorId))!];
    expect(f1).not.toBe(f2);
    await command(f1, `group swap ${first!.id} @${f2}`);
    expect((await command(f2, `group swap ${first!.id} @${f1}`)).message!.text).toMatch(/^Swapped\./);
    const [held, next] = await sessions();
    for (const role of ["presenterId", "facilitatorId", "advisorId"] as const) expect(next![role], role).not.toBe(held![role]);
    // Each person's "why me?" for the next session shows them among the fewest in their role.
    for (const id of [next!.presenterId, next!.facilitatorId, next!.advisorId]) {
      const line = (await command((await handle(id))!, `group why ${next!.id}`)).message!.text.split("\n")[0]!;
      const [, turns, fewest] = /: (\d+) turns? as .*fewest (\d+)/.exec(line)!;
      expect(turns, line).toBe(fewest);
    }
  });

  it("keeps the chosen case in its one spelling, however the presenter types it", async () => {
    await setUp();
    const [first] = await sessions();
    const presenter = (await handle(first!.presenterId))!;
    expect((await command(presenter, `group case ${first!.id} jb 4471`)).message!.text).toMatch(/^Case 4471-JB chosen/);
    expect((await t.storage.groups.findSession(first!.id))?.caseRef).toBe("4471-JB");
  });

  it("swaps roles only when both agree; a manager can set a role; why-me gives the counts", async () => {
    await setUp();
    const [first] = await sessions();
    const f = (await handle(first!.facilitatorId))!;
    const a = (await handle(first!.advisorId))!;
    const asked = await command(f, `group swap ${first!.id} @${a}`);
    expect(asked.message!.text).toMatch(/^Asked \w+ Worker to swap roles with you for Tue 1 Dec 2026 14:00/);
    expect(asked.notify![0]!.message.blocks.at(-1)).toEqual({ type: "buttons", buttons: [{ actionId: "group", label: "Agree to swap", value: `swap ${first!.id} @${f}` }] });
    expect((await t.storage.groups.findSession(first!.id))!.facilitatorId).toBe(first!.facilitatorId);
    // The other agrees through the button (its command).
    await handleInbound(t.core, silentLogger, { kind: "action", eventId: "b1", actor: { platform: "console", externalId: a }, actionId: "group", value: `swap ${first!.id} @${f}` });
    const swapped = (await t.storage.groups.findSession(first!.id))!;
    expect([swapped.facilitatorId, swapped.advisorId, swapped.rolesFixed]).toEqual([first!.advisorId, first!.facilitatorId, true]);

    // Sam (a practitioner) may not set roles; Mo may.
    expect((await command("sam", `group assign ${first!.id} presenter @lee`)).message!.text).toBe("Only a manager of the team does that.");
    await command("mo", `group assign ${first!.id} presenter @lee`);
    expect((await t.storage.groups.findSession(first!.id))!.presenterId).toBe("p-lee");

    const why = (await command("lee", `group why ${first!.id}`)).message!;
    expect(why.text).toBe("presenter: 0 turns as presenter in the 0 sessions before this one (the team: fewest 0, most 0); your last: never\nThese roles were then set by a swap or a manager.");
  });

  it("cancelled, a session moves to the earliest free working day with its roles and case", async () => {
    await setUp();
    const [first, second] = await sessions();
    const presenter = (await handle(second!.presenterId))!;
    await command(presenter, `group case ${second!.id} 5520-KT`);
    expect((await command("sam", `group cancel ${second!.id}`)).message!.text).toBe("The facilitator (or a manager of the team) does that.");
    const reply = await command("mo", `group cancel ${second!.id} training day`);
    expect(reply.message!.text).toMatch(/^The session on Tue 22 Dec 2026 14:00 is cancelled\. It is moved to the earliest free working day: Wed 23 Dec 2026 14:00 \(\w+\): /);
    const all = await sessions();
    const moved = all.find((s) => s.replacesId === second!.id)!;
    expect(moved).toMatchObject({ date: "2026-12-23", caseRef: "5520-KT", presenterId: second!.presenterId, facilitatorId: second!.facilitatorId, advisorId: second!.advisorId, status: "planned" });
    expect(all.find((s) => s.id === second!.id)!.status).toBe("cancelled");
    expect(all.find((s) => s.id === first!.id)!.status).toBe("planned");
    // Still three planned ahead.
    expect(all.filter((s) => s.status === "planned")).toHaveLength(3);
  });
});

describe("during and after the session", () => {
  it("the facilitator steps through Signs of Safety's eight stages, posted to the channel; then the presenter records the group note", async () => {
    await setUp();
    const [first] = await sessions();
    const f = (await handle(first!.facilitatorId))!;
    const p = (await handle(first!.presenterId))!;
    await command(p, `group case ${first!.id} 4471-JB`);
    expect((await command(f, `group stage ${first!.id}`)).message!.text).toBe("That session is on 2026-12-01: the stages run on the day.");

    t.clock.set("2026-12-01T14:00:00Z");
    const names: string[] = [];
    for (let stage = 1; stage <= 8; stage++) {
      const reply = await command(f, `group stage ${first!.id} next`);
      names.push(reply.message!.blocks[0]!.type === "heading" ? (reply.message!.blocks[0] as { text: string }).text : "");
      expect(reply.posts).toEqual([{ channel: "console:north-team", message: expect.objectContaining({ text: reply.message!.text }) }]);
      expect(JSON.stringify(reply.posts)).not.toContain("4471-JB");
    }
    expect(names).toEqual([
      "Stage 1 of 8: The presenter's question",
      "Stage 2 of 8: Clarifying questions",
      "Stage 3 of 8: What are we worried about?",
      "Stage 4 of 8: What is working well?",
      "Stage 5 of 8: What needs to happen?",
      "Stage 6 of 8: Scaling",
      "Stage 7 of 8: The advisor's reflection",
      "Stage 8 of 8: Next steps",
    ]);
    const finished = await command(f, `group stage ${first!.id} next`);
    expect(finished.message!.text).toMatch(/^That was the last stage: the session is held\./);
    expect(finished.notify).toEqual([{ personId: first!.presenterId, message: expect.objectContaining({ blocks: expect.arrayContaining([{ type: "buttons", buttons: [{ actionId: "group", label: "Record the group note", value: `note ${first!.id}` }] }]) }) }]);
    expect((await t.storage.groups.findSession(first!.id))!.status).toBe("held");

    // Only the presenter records it; the form asks for questions, issues, insights and next steps.
    expect((await command(f, `group note ${first!.id}`)).message!.text).toBe("Only the session's presenter does that.");
    const form = (await command(p, `group note ${first!.id}`)).form!;
    expect(form.title).toBe("Group supervision note");
    expect(form.inputs.map((i) => i.id)).toEqual(["caseRef", "kind", "discussedAt", "participants", "questions", "issue", "insights", "actions", "children", "recorder"]);
    expect(answerText(form.inputs.find((i) => i.id === "caseRef")!.value)).toBe("4471-JB");
    // The presented case is the first child discussed, waiting for what was decided for them.
    expect(form.inputs.find((i) => i.id === "children")!.value).toEqual({ type: "children", rows: [{ caseRef: "4471-JB", decision: "" }] });
    expect(answerText(form.inputs.find((i) => i.id === "recorder")!.value)).toBe(`@${p}`);
    const recorded = await submit(p, form, {
      questions: "How do we keep the child safe at weekends?",
      issue: "Missed visits; school concerns.",
      insights: "Grandmother is a protective factor we had not used.",
      actions: `@${p}: Visit grandmother by 04/12/2026 17:00`,
      children: "4471-JB: Safety plan to include grandmother",
    });
    expect(recorded.message!.text).toMatch(/is recorded\.\nOne outcome on each child's own record, each with its deadline to go on the case record:\n4471-JB: outcome \w+$/);
    const note = (await t.storage.notes.listByCase("4471-JB")).find((n) => n.fields.kind === "group-supervision")!;
    expect(note).toMatchObject({ status: "recorded", recorderId: first!.presenterId, fields: { kind: "group-supervision", questions: "How do we keep the child safe at weekends?" } });
    expect(note.actions.map((a) => a.what)).toEqual(["Visit grandmother"]);
    // Five working days for the group note [default profile], from the session's start.
    const deadlines = await t.storage.schedule.deadlinesForNote(note.id);
    expect(deadlines.find((d) => d.rule === "group.note-recorded")).toMatchObject({ dueAt: new Date("2026-12-08T17:30:00Z"), status: "met" });
  });
});

describe("the compliance summary", () => {
  it("shows sessions held against the cadence: a cancelled one made up counts as held", async () => {
    await setUp();
    const [first, second] = await sessions();
    await command("mo", `group cancel ${second!.id} training day`);
    const moved = (await sessions()).find((s) => s.replacesId === second!.id)!;
    t.clock.set("2026-12-01T15:30:00Z");
    await command("mo", `group held ${first!.id}`);
    t.clock.set("2026-12-23T16:00:00Z");
    await command("mo", `group held ${moved.id}`);
    t.clock.set("2026-12-31T12:00:00Z");
    const reply = await command("lee", "compliance North 2026-12");
    expect(reply.message!.text).toContain("Group supervision sessions: 2 held of 2 due (every 3 weeks); 1 cancelled");
  });

  it("has no group line for a team without a series", async () => {
    expect((await command("lee", "compliance North 2026-12")).message!.text).not.toContain("Group supervision sessions");
  });
});

describe("the group note's deadline", () => {
  it("reminds the presenter in the group note's own words, then escalates to their line manager", async () => {
    await setUp();
    const [first] = await sessions();
    await command("mo", `group assign ${first!.id} presenter @sam`);
    // Sam is told of the new role at once.
    expect((await sweepAt("2026-11-23T10:00:00Z")).map((s) => s.to)).toContain("sam");
    const p = "sam";
    await command(p, `group case ${first!.id} 4471-JB`);
    t.clock.set("2026-12-01T15:30:00Z");
    await command(p, `group note ${first!.id}`);
    // Due Tue 8 Dec 17:30 (five working days); the 4-hour reminder is due at 13:30.
    const reminders = (await sweepAt("2026-12-08T13:31:00Z")).filter((s) => s.to === p);
    expect(reminders.map((s) => s.text)).toEqual([expect.stringMatching(/^Reminder: the group supervision note \w+ on case 4471-JB must be recorded by Tue 8 Dec 2026 17:30/)]);
    const breach = await sweepAt("2026-12-09T09:00:00Z");
    expect(breach.map((s) => `${s.to}: ${s.text}`)).toContainEqual(expect.stringMatching(/^mo: Overdue: Sam Worker has not recorded the group supervision note \w+ on case 4471-JB, due Tue 8 Dec 2026 17:30\.$/));
  });
});

describe("leave and the rotation", () => {
  it("re-plans roles for leave booked before the announcement, and not after", async () => {
    await setUp();
    const [first, second] = await sessions();
    // Before 1 Dec's announcement (Tue 24 Nov 08:30) its presenter books leave that day: the rotation skips them.
    const away = (await handle(first!.presenterId))!;
    await command(away, "away 1/12");
    t.clock.set("2026-11-23T11:00:00Z");
    const { planAllGroupSessions } = await import("../../src/services/plan-group-sessions.ts");
    await planAllGroupSessions(t.core);
    const replanned = (await sessions()).find((s) => s.id === first!.id)!;
    expect([replanned.presenterId, replanned.facilitatorId, replanned.advisorId]).not.toContain(first!.presenterId);
    // After the announcement the roles stand (a swap is how they change now).
    t.clock.set("2026-12-15T09:00:00Z");
    const announced = (await sessions()).find((s) => s.id === second!.id)!;
    const holder = (await handle(announced.facilitatorId))!;
    await command(holder, "away 22/12");
    await planAllGroupSessions(t.core);
    expect((await sessions()).find((s) => s.id === second!.id)!.facilitatorId).toBe(announced.facilitatorId);
  });
});

describe("what the review found", () => {
  it("the presenter stays the group note's recorder when the form is closed and reopened, however senior the others", async () => {
    await setUp();
    const [first] = await sessions();
    await command("mo", `group assign ${first!.id} presenter @sam`);
    t.clock.set("2026-12-01T15:30:00Z");
    const form = (await command("sam", `group note ${first!.id}`)).form!;
    await handleInbound(t.core, silentLogger, { kind: "dismiss", eventId: "d1", actor: { platform: "console", externalId: "sam" }, formId: form.formId, values: typed({ ...valuesOf(form), questions: "What next?" }), state: form.state });
    const draft = (await t.storage.notes.findById(form.state.draftId!))!;
    expect(draft).toMatchObject({ recorderId: "p-sam", fields: { questions: "What next?" } });
    // Lee (the most senior) cannot take it over by typing himself in.
    const again = (await command("sam", `group note ${first!.id}`)).form!;
    const recorded = await submit("sam", again, { recorder: "@lee", caseRef: "4471-JB", issue: "Issues.", insights: "Insights.", children: "4471-JB: Keep the plan" });
    expect(recorded.message!.text).toMatch(/is recorded\.\nOne outcome on each child's own record, each with its deadline to go on the case record:\n4471-JB: outcome \w+$/);
    expect((await t.storage.notes.findById(form.state.draftId!))!).toMatchObject({ status: "recorded", recorderId: "p-sam" });
    // Its case-record deadline is its own rule's, not the 48 hours of an oversight note.
    const deadlines = await t.storage.schedule.deadlinesForNote(form.state.draftId!);
    expect(deadlines.find((d) => d.rule === "note.on-case-record")!.dueAt.toISOString()).toBe("2026-12-08T17:30:00.000Z");
  });

  it("finishing the stages makes the group note's draft, so its deadline runs even if nobody opens it", async () => {
    await setUp();
    const [first] = await sessions();
    const f = (await handle(first!.facilitatorId))!;
    t.clock.set("2026-12-01T14:00:00Z");
    for (let i = 0; i < 9; i++) await command(f, `group stage ${first!.id} next`);
    const session = (await t.storage.groups.findSession(first!.id))!;
    expect(session.status).toBe("held");
    const draft = (await t.storage.notes.findById(session.noteId!))!;
    expect(draft).toMatchObject({ status: "draft", recorderId: first!.presenterId, fields: { kind: "group-supervision" } });
    expect((await t.storage.schedule.deadlinesForNote(draft.id)).map((d) => d.rule)).toContain("group.note-recorded");
  });

  it("a replacement whose people are not free gets roles from the rotation", async () => {
    await setUp();
    const [, second] = await sessions();
    const away = (await handle(second!.facilitatorId))!;
    await command(away, "away 23/12");
    const reply = await command("mo", `group cancel ${second!.id}`);
    const moved = (await sessions()).find((s) => s.replacesId === second!.id)!;
    expect(moved.date).toBe("2026-12-23");
    expect([moved.presenterId, moved.facilitatorId, moved.advisorId].every(Boolean)).toBe(true);
    expect([moved.presenterId, moved.facilitatorId, moved.advisorId]).not.toContain(second!.facilitatorId);
    expect(reply.posts).toEqual([{ channel: "console:north-team", message: expect.objectContaining({ text: "Group supervision on Tue 22 Dec 2026 14:00 is cancelled and moved to Wed 23 Dec 2026 14:00." }) }]);
  });

  it("roles changed and changed back before the announcement still get announced and prompted", async () => {
    await setUp();
    const [first] = await sessions();
    const f = first!.facilitatorId!;
    const other = ["p-lee", "p-mo", "p-priya", "p-sam"].find((id) => ![first!.presenterId, first!.facilitatorId, first!.advisorId].includes(id))!;
    await command("mo", `group assign ${first!.id} facilitator @${(await handle(other))!}`);
    await command("mo", `group assign ${first!.id} facilitator @${(await handle(f))!}`);
    // Those the changes concern are told at once; the prompts wait for the announcement.
    const told = await sweepAt("2026-11-23T10:00:00Z");
    expect(told.map((s) => s.to)).toContain(await handle(other));
    expect(told.filter((s) => s.text.startsWith("You are"))).toEqual([]);
    const sent = await sweepAt("2026-11-24T08:31:00Z");
    expect(sent.filter((s) => s.to === "#console:north-team")).toHaveLength(1);
    expect(sent.map((s) => s.to)).toContain(await handle(f));
    expect(sent.map((s) => s.to)).not.toContain(await handle(other));
  });

  it("a manager's choice never leaves one person in two roles", async () => {
    await setUp();
    const [first] = await sessions();
    const p = (await handle(first!.presenterId))!;
    await command("mo", `group assign ${first!.id} facilitator @${p}`);
    const after = (await t.storage.groups.findSession(first!.id))!;
    expect(new Set([after.presenterId, after.facilitatorId, after.advisorId]).size).toBe(3);
    expect(after.facilitatorId).toBe(first!.presenterId);
    expect(after.presenterId).toBe(first!.facilitatorId);
  });

  it("changing the series' time moves its planned sessions, keeping their days", async () => {
    await setUp();
    const form = (await command("mo", "group setup")).form!;
    expect(form.inputs.find((i) => i.id === "first")!.value).toEqual({ type: "instant", at: "2026-12-01T14:00:00.000Z" });
    await submit("mo", form, { first: "2026-12-01T10:00:00Z" });
    const all = await sessions();
    expect(all.map((s) => [s.date, s.startsAt.toISOString(), s.status])).toEqual([
      ["2026-12-01", "2026-12-01T10:00:00.000Z", "planned"],
      ["2026-12-22", "2026-12-22T10:00:00.000Z", "planned"],
      ["2027-01-12", "2027-01-12T10:00:00.000Z", "planned"],
    ]);
  });

  it("moving the series to other days keeps a session people prepared for (swap agreed, case chosen), moved to the new days; an unprepared one is called off", async () => {
    await setUp();
    const [first, second] = await sessions();
    const [f, a] = [(await handle(first!.facilitatorId))!, (await handle(first!.advisorId))!];
    await command(f, `group swap ${first!.id} @${a}`);
    await command(a, `group swap ${first!.id} @${f}`);
    await command((await handle(first!.presenterId))!, `group case ${first!.id} 4471-JB`);
    // From Tuesdays to Thursdays, starting Thu 3 Dec.
    const form = (await command("mo", "group setup")).form!;
    await submit("mo", form, { first: "2026-12-03T14:00:00Z" });
    const moved = (await t.storage.groups.findSession(first!.id))!;
    expect(moved).toMatchObject({ status: "planned", date: "2026-12-03", presenterId: first!.presenterId, facilitatorId: first!.advisorId, advisorId: first!.facilitatorId, caseRef: "4471-JB" });
    expect(moved.startsAt.toISOString()).toBe("2026-12-03T14:00:00.000Z");
    expect((await t.storage.groups.findSession(second!.id))!.status).toBe("cancelled");
    expect((await sessions()).filter((s) => s.status === "planned").map((s) => s.date)).toEqual(["2026-12-03", "2026-12-24", "2027-01-14"]);
  });

  // [first session typed, what the form says]: roles go only to people working then, and the form says so.
  it.each([
    ["tomorrow 8am", "Only 0 of the team's 4 can take a role then (away, or outside their working hours), and a session needs three: pick a time inside working hours."],
    ["tomorrow 6pm", "Only 0 of the team's 4 can take a role then (away, or outside their working hours), and a session needs three: pick a time inside working hours."],
    ["today 9am", "The first session must be in the future."],
  ])("a first session at %j is refused on the form, not planned with empty roles", async (first, problem) => {
    const form = (await command("mo", "group setup")).form!;
    const reply = await submit("mo", form, { first, channel: "north-team" });
    expect(reply.form?.errors.first).toBe(problem);
    expect(await t.storage.groups.seriesOfTeam("North")).toBeNull();
  });

  it("refuses a first session on a day when too few of the team are in", async () => {
    for (const who of ["lee", "priya"]) await command(who, "away 1/12");
    const form = (await command("mo", "group setup")).form!;
    expect((await submit("mo", form, { first: "2026-12-01T14:00:00Z", channel: "north-team" })).form?.errors.first).toMatch(/^Only 2 of the team's 4 can take a role then/);
  });

  it("keeps 14:00 London across the October clock change", async () => {
    t.clock.set("2026-10-01T10:00:00Z");
    const form = (await command("mo", "group setup")).form!;
    await submit("mo", form, { first: "2026-10-20T13:00:00Z", cadence: "2" });
    expect((await sessions()).map((s) => s.startsAt.toISOString())).toEqual(["2026-10-20T13:00:00.000Z", "2026-11-03T14:00:00.000Z", "2026-11-17T14:00:00.000Z"]);
  });

  it("someone who has left no longer acts on a session, and an auditor in the team is never given a role", async () => {
    await setUp();
    const [first] = await sessions();
    const presenter = (await t.storage.people.findById(first!.presenterId!))!;
    await t.storage.people.saveAll([{ ...presenter, active: false }, { ...(await t.person("aud")), team: "North" }], t.clock.now());
    expect((await command(presenter.handle, `group case ${first!.id} 4471-JB`)).message!.text).toBe("That session belongs to another team.");
    expect((await command("mo", `group assign ${first!.id} advisor @aud`)).message!.text).toBe("Choose someone else in your team who is still on the roster.");
    expect((await t.storage.groups.findSession(first!.id))!.caseRef).toBeNull();
  });

  it("settles roles and the case once the session has started", async () => {
    await setUp();
    const [first] = await sessions();
    t.clock.set("2026-12-01T14:01:00Z");
    const p = (await handle(first!.presenterId))!;
    expect((await command(p, `group case ${first!.id} 4471-JB`)).message!.text).toBe("That session has already started: its roles and case stand.");
    expect((await command("mo", `group assign ${first!.id} advisor @mo`)).message!.text).toBe("That session has already started: its roles and case stand.");
  });
});
