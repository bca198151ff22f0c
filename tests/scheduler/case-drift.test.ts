import { describe, expect, it } from "vitest";
import { handleCommand } from "../../src/bot/commands.ts";
import { complianceMessage } from "../../src/export/compliance-message.ts";
import { homeMessage } from "../../src/bot/home-view.ts";
import { complianceSummary } from "../../src/services/compliance-summary.ts";
import type { RegisteredCase } from "../../src/domain/case-register.ts";
import { loadProfile } from "../../src/policy/load-profile.ts";
import { sweepReminders } from "../../src/scheduler/send-reminders.ts";
import { myWork } from "../../src/services/my-work.ts";
import { syncCaseDeadlines } from "../../src/services/sync-case-deadlines.ts";
import { syncNoteDeadlines } from "../../src/services/sync-note-deadlines.ts";
import { testCore } from "../support/core.ts";
import { completeFields } from "../support/fixtures.ts";
import { RecordingDelivery } from "../support/recording-delivery.ts";

/** Case 4471-JB, a child in need since Mon 2 Nov 2026, held by sam (managed by mo, managed by lee). */
function cinCase(overrides: Partial<RegisteredCase> = {}): RegisteredCase {
  const at = new Date("2026-11-02T10:00:00Z");
  return { caseRef: "4471-JB", category: "cin", categorySince: "2026-11-02", workerId: "p-sam", team: null, openedOn: "2026-11-02", closedOn: null, extension: null, createdAt: at, updatedAt: at, ...overrides };
}

async function setUp(kase: RegisteredCase = cinCase(), now = "2026-11-20T12:00:00Z") {
  const t = await testCore({ now });
  const delivery = new RecordingDelivery();
  await t.storage.cases.save([kase], []);
  await syncCaseDeadlines(t.core, kase.caseRef, null);
  let notes = 0;
  /** A note on the case recorded at `iso` (discussed then), as a turn would store it. */
  const record = async (iso: string, caseRef = kase.caseRef) => {
    t.clock.set(iso);
    const id = `n${++notes}`;
    const at = new Date(iso);
    await t.storage.notes.create({ id, sourceKey: null, status: "recorded", fields: completeFields({ caseRef, discussedAt: at, actions: [] }), createdAt: at, createdById: "p-mo", recorderId: "p-mo", recording: { at, byId: "p-mo", recorderId: "p-mo", lateReason: null } });
    await syncNoteDeadlines(t.core, id, "p-mo");
  };
  const at = async (iso: string) => {
    t.clock.set(iso);
    await sweepReminders(t.core, delivery);
    return delivery.sent.splice(0).map((s) => [s.to, s.text]);
  };
  const deadlines = async () => (await t.storage.schedule.deadlinesFor("case", kase.caseRef)).map((d) => [d.id, d.dueAt.toISOString(), d.status]);
  return { ...t, delivery, record, at, deadlines };
}

describe("a case on the register drifting towards its discussion date", () => {
  it("is due 4 weeks after it became a child in need, with the sentence that says why", async () => {
    const { storage, deadlines } = await setUp();
    expect(await deadlines()).toEqual([["case.discussion:4471-JB@2026-11-02", "2026-11-30T17:30:00.000Z", "open"]]);
    const deadline = (await storage.schedule.findDeadline("case.discussion:4471-JB@2026-11-02"))!;
    expect(deadline.explain).toBe("Child in need, every 4 weeks, not yet discussed, from entering the category: 4 weeks after Mon 2 Nov 2026: end of Mon 30 Nov 2026");
    expect(deadline.source).toMatch(/\[001 §9\]/);
  });

  it("reminds the worker and their manager 5 and 1 working days ahead, then tells them at breach and escalates up the line", async () => {
    const { at } = await setUp();
    expect(await at("2026-11-23T09:00:00Z")).toEqual([
      ["sam", expect.stringMatching(/^Reminder: case 4471-JB \(Child in need\) is due to be discussed by Mon 30 Nov 2026 17:30/)],
      ["mo", expect.stringMatching(/^Reminder: case 4471-JB \(Child in need\)/)],
    ]);
    expect(await at("2026-11-27T09:00:00Z")).toHaveLength(2);
    // At breach, after working hours: the next morning.
    expect(await at("2026-11-30T17:31:00Z")).toEqual([]);
    const overdue = "Case 4471-JB (Child in need) was due to be discussed by Mon 30 Nov 2026 17:30 and is overdue. Please discuss it and record the oversight.";
    expect(await at("2026-12-01T09:00:00Z")).toEqual([
      ["sam", overdue],
      ["mo", "Overdue: case 4471-JB (Child in need) was due to be discussed by Mon 30 Nov 2026 17:30; Sam Worker has not recorded a discussion."],
      ["mo", overdue],
      ["lee", "Overdue: case 4471-JB (Child in need) was due to be discussed by Mon 30 Nov 2026 17:30; Mo Worker has not recorded a discussion."],
    ]);
  });

  it("starts again from each recorded discussion: the open deadline is met and the next is 4 weeks on", async () => {
    const { record, deadlines, at } = await setUp();
    await record("2026-11-25T11:00:00Z");
    expect(await deadlines()).toEqual([
      ["case.discussion:4471-JB@2026-11-02", "2026-11-30T17:30:00.000Z", "met"],
      ["case.discussion:4471-JB@2026-11-25", "2026-12-23T17:30:00.000Z", "open"],
    ]);
    // Nothing more about the old date (the note's own reminders aside); the new one is reminded in its turn.
    const aboutTheCase = async (iso: string) => (await at(iso)).filter(([, text]) => text!.includes("discussed"));
    expect(await aboutTheCase("2026-11-30T18:00:00Z")).toEqual([]);
    expect(await aboutTheCase("2026-12-01T09:00:00Z")).toEqual([]);
    const next = /^Reminder: case 4471-JB \(Child in need\) is due to be discussed by Wed 23 Dec 2026 17:30/;
    expect(await aboutTheCase("2026-12-16T09:00:00Z")).toEqual([
      ["sam", expect.stringMatching(next)],
      ["mo", expect.stringMatching(next)],
    ]);
  });

  it("counts a discussion recorded after the date as met late, and a note on another case not at all", async () => {
    const { record, deadlines, storage } = await setUp();
    await record("2026-12-01T10:00:00Z", "9999-ZZ");
    expect((await deadlines())[0]![2]).toBe("open");
    await record("2026-12-02T10:00:00Z");
    const met = (await storage.schedule.findDeadline("case.discussion:4471-JB@2026-11-02"))!;
    expect(met.metAt?.toISOString()).toBe("2026-12-02T10:00:00.000Z");
    expect(met.metAt!.getTime()).toBeGreaterThan(met.dueAt.getTime());
  });

  it("moves with the category, gives an assessment its first 10 days, and stops when the case closes", async () => {
    const { core, storage, deadlines } = await setUp(cinCase({ category: "assessment" }));
    expect(await deadlines()).toEqual([["case.discussion:4471-JB@2026-11-02", "2026-11-12T17:30:00.000Z", "open"]]);
    await storage.cases.save([cinCase({ category: "cp", categorySince: "2026-11-16" })], []);
    await syncCaseDeadlines(core, "4471-JB", "p-mo");
    expect(await deadlines()).toEqual([
      ["case.discussion:4471-JB@2026-11-02", "2026-11-12T17:30:00.000Z", "cancelled"],
      ["case.discussion:4471-JB@2026-11-16", "2026-12-14T17:30:00.000Z", "open"],
    ]);
    await storage.cases.save([cinCase({ category: "cp", categorySince: "2026-11-16", closedOn: "2026-11-20" })], []);
    await syncCaseDeadlines(core, "4471-JB", "p-mo");
    expect((await deadlines()).every(([, , status]) => status !== "open")).toBe(true);
    expect(await storage.schedule.reminders({ status: "pending" })).toEqual([]);
  });

  it("gives a child looked after 12 weeks once the longer period is agreed, and 8 again after a change of category", async () => {
    const extension = { byId: "p-lee", at: new Date("2026-11-02T12:00:00Z"), category: "cla", rationale: "Stable long-term placement." };
    const { deadlines } = await setUp(cinCase({ category: "cla", extension }));
    expect(await deadlines()).toEqual([["case.discussion:4471-JB@2026-11-02", "2027-01-25T17:30:00.000Z", "open"]]);
    const { deadlines: other } = await setUp(cinCase({ category: "cla", extension: { ...extension, category: "cin" } }));
    // 8 weeks on is Mon 28 Dec, a bank holiday, as is Christmas Day: Thu 24 Dec.
    expect(await other()).toEqual([["case.discussion:4471-JB@2026-11-02", "2026-12-24T17:30:00.000Z", "open"]]);
  });

  it("shows in mine and on the home page of the worker and of their manager, not of anyone else", async () => {
    const { core, person, clock } = await setUp();
    clock.set("2026-11-23T09:00:00Z");
    const mine = await handleCommand(core, { actor: await person("sam"), text: "mine", eventId: null });
    expect(mine.message!.text).toMatch(/Cases due for discussion \(1\)[^\n]*\n\s+4471-JB · Child in need · discuss by Mon 30 Nov 2026 17:30/);
    const mo = await person("mo");
    const home = homeMessage(await myWork(core, mo), mo, core.clock.now(), core.prompts);
    expect(JSON.stringify(home.blocks)).toMatch(/4471-JB · Child in need · discuss by Mon 30 Nov 2026 17:30 · @sam's case/);
    expect((await myWork(core, await person("priya"))).casesDue).toEqual([]);
  });
});

describe("a team's cases in its compliance summary", () => {
  it("counts the month's discussion dates met on time, late or missed, and lists the cases overdue", async () => {
    const { core, storage, record, person, clock } = await setUp();
    await storage.cases.save([cinCase({ caseRef: "5521-KT", workerId: "p-priya" }), cinCase({ caseRef: "6630-AB", category: "cp" })], []);
    for (const ref of ["5521-KT", "6630-AB"]) await syncCaseDeadlines(core, ref, null);
    await record("2026-11-26T10:00:00Z", "5521-KT"); // on time for 30 Nov
    await record("2026-12-02T10:00:00Z", "6630-AB"); // late
    clock.set("2026-12-07T12:00:00Z");
    const summary = await complianceSummary(core, await person("mo"), { team: "North", month: "2026-11" });
    expect(summary.caseDiscussion).toMatchObject({ cases: 3, metOnTime: 1, metLate: 1, overdue: 1, pending: 0, counted: 3, percentWithinDeadline: 33.3 });
    expect(summary.caseDiscussion!.overdueCases).toEqual([{ caseRef: "4471-JB", category: "Child in need", dueAt: new Date("2026-11-30T17:30:00Z"), daysOverdue: 6, worker: "sam" }]);
    const text = complianceMessage(summary, core.prompts).text;
    expect(text).toContain("Cases discussed within their frequency: 1 of 3 (33.3%); 1 late, 1 overdue, 0 not yet due · 3 cases on the register");
    expect(text).toContain("4471-JB (Child in need): discuss by Mon 30 Nov 2026 17:30, 6 days overdue – @sam");
    // A team with no cases on the register says nothing about them.
    expect((await complianceSummary(core, await person("aud"), { team: "South", month: "2026-11" })).caseDiscussion).toBeNull();
  });
});

describe("case discussion frequencies in the profiles", () => {
  it("follow Merton by default and Stoke-on-Trent where its policy differs", () => {
    const every = (id: string) => Object.fromEntries(Object.entries(loadProfile(id).caseDiscussion.categories).map(([category, f]) => [category, f.every]));
    expect(every("default")).toMatchObject({ cin: { weeks: 4 }, cp: { weeks: 4 }, cla: { weeks: 8 }, disability: { weeks: 12 }, "care-experienced": { weeks: 12 } });
    expect(every("stoke-on-trent")).toMatchObject({ cla: { weeks: 8 }, "placed-with-parents": { weeks: 6 }, "long-term-matched": { weeks: 12 }, cp: { months: 1 }, cin: { months: 1 }, disability: { weeks: 12 } });
    expect(loadProfile("merton").caseDiscussion.categories.cla?.extended?.every).toEqual({ weeks: 12 });
  });
});

describe("a note moved off a case by an amendment", () => {
  it("takes its discussion with it: the case runs again from its previous discussion, the met deadline kept as it was", async () => {
    const { core, storage, record, deadlines } = await setUp();
    await record("2026-11-10T10:00:00Z");
    await record("2026-11-25T10:00:00Z");
    expect((await deadlines()).map(([id, , status]) => [id, status])).toEqual([
      ["case.discussion:4471-JB@2026-11-02", "met"],
      ["case.discussion:4471-JB@2026-11-10", "met"],
      ["case.discussion:4471-JB@2026-11-25", "open"],
    ]);
    // The second note was about another case after all.
    const note = (await storage.notes.findById("n2"))!;
    await storage.notes.amend("n2", { at: core.clock.now(), byId: "p-mo", reason: "wrong case", fields: { ...note.fields, caseRef: "9999-ZZ" }, expectedVersion: note.version });
    await syncCaseDeadlines(core, "4471-JB", "p-mo");
    expect(await deadlines()).toEqual([
      ["case.discussion:4471-JB@2026-11-02", "2026-11-30T17:30:00.000Z", "met"],
      ["case.discussion:4471-JB@2026-11-10", "2026-12-08T17:30:00.000Z", "met"],
      ["case.discussion:4471-JB@2026-11-10#2", "2026-12-08T17:30:00.000Z", "open"],
      ["case.discussion:4471-JB@2026-11-25", "2026-12-23T17:30:00.000Z", "cancelled"],
    ]);
  });
});
