import { describe, expect, it } from "vitest";
import { handleCommand } from "../../src/bot/commands.ts";
import { runTurn } from "../../src/bot/turn.ts";
import { silentLogger } from "../../src/logger.ts";
import { loadProfile } from "../../src/policy/load-profile.ts";
import type { Core } from "../../src/services/core.ts";
import { importRoster } from "../../src/services/import-roster.ts";
import { testCore } from "../support/core.ts";

// Mon 23 Nov 2026, 10:00 London. Sam is newly qualified and started today: weekly sessions first.
const NOW = "2026-11-23T10:00:00Z";
const ROSTER = [
  "handle,name,role,line_manager,team,started_on,newly_qualified",
  "lee,Lee Worker,service-manager,,North,,",
  "mo,Mo Worker,team-manager,lee,North,2020-01-06,",
  "sam,Sam Worker,practitioner,mo,North,2026-11-23,yes",
  "priya,Priya Worker,senior-practitioner,mo,North,2019-04-01,no",
].join("\n");

async function setUp(opts: { profile?: string } = {}) {
  const t = await testCore({ now: NOW });
  if (opts.profile) t.core.settings = { ...t.core.settings, profile: loadProfile(opts.profile) };
  expect(await importRoster(t.core, "p-lee", ROSTER)).toMatchObject({ ok: true });
  /** One turn, as any platform's would run: refusals come back as the person's words. */
  const say = async (handle: string, text: string) => {
    const actor = await t.person(handle);
    return runTurn(t.core, silentLogger, "e", () => t.storage.transaction((storage) => handleCommand({ ...t.core, storage } as Core, { actor, text, eventId: null })));
  };
  const text = async (handle: string, words: string) => (await say(handle, words)).message?.text ?? "";
  const planned = async (handle: string) => (await t.storage.supervision.sessions({ superviseeId: (await t.person(handle)).id, status: "planned" }));
  const deadlines = async (sessionId: string) =>
    Object.fromEntries((await t.storage.schedule.deadlinesFor("supervision", sessionId)).map((d) => [d.rule, { status: d.status, due: d.dueAt.toISOString() }]));
  return { ...t, say, text, planned, deadlines };
}

describe("formal supervision in chat", () => {
  it("plans each supervisee's next sessions with their line manager at their cadence, from the roster", async () => {
    const { planned, text } = await setUp();
    // Newly qualified, started today: weekly [001 8.1]. Priya: every 4 weeks [003 4.1].
    expect((await planned("sam")).map((s) => [s.date, s.supervisorId])).toEqual([["2026-11-30", "p-mo"], ["2026-12-07", "p-mo"], ["2026-12-14", "p-mo"]]);
    expect((await planned("priya")).map((s) => s.date)).toEqual(["2026-12-21", "2027-01-18", "2027-02-15"]);
    expect((await planned("mo")).map((s) => s.supervisorId)).toEqual(["p-lee", "p-lee", "p-lee"]);
    expect(await planned("lee")).toEqual([]);

    const sams = await text("sam", "supervision");
    expect(sams).toContain("Your formal supervision with Mo Worker");
    expect(sams).toMatch(/Mon 30 Nov 2026: supervision \w+\n.*Mon 7 Dec 2026/);
    expect(sams).toContain("No session recorded as held yet.");
    expect(sams).toMatch(/Supervision agreement: waiting for Mo Worker and Sam Worker to sign, by Mon 21 Dec 2026 17:30/);
    const mos = await text("mo", "supervision");
    expect(mos).toContain("Your formal supervision with Lee Worker");
    expect(mos).toMatch(/People you supervise\nPriya Worker: next Mon 21 Dec 2026 \(\w+\)[\s\S]*Sam Worker: next Mon 30 Nov 2026/);
  });

  it("holds, moves with a reason, refuses a move past the longest gap, and meets the notes' deadlines", async () => {
    const { clock, say, text, planned, deadlines, storage } = await setUp();
    const [first, second] = await planned("sam");

    // A move needs its reason, and only the two of them may move it.
    expect(await text("sam", `supervision move ${first!.id} 2026-12-02`)).toBe("Say why it is moved: the reason is kept with the record.");
    expect(await text("sam", `supervision move ${first!.id}`)).toMatch(/^Formal supervision: supervision \|/);
    expect((await say("priya", `supervision move ${first!.id} 2026-12-02 clash`)).refused).toBe(true);
    const moved = await say("sam", `supervision move ${first!.id} 2026-12-02 Sam on a course on the 30th`);
    expect(moved.message?.text).toMatch(/^Moved supervision \w+ from Mon 30 Nov 2026 to Wed 2 Dec 2026 \(now (\w+)\)\. Reason recorded: Sam on a course on the 30th/);
    expect(moved.notify).toEqual([{ personId: "p-mo", message: expect.objectContaining({ text: expect.stringContaining("Reason: Sam on a course on the 30th") }) }]);
    const old = (await storage.supervision.findSession(first!.id))!;
    expect(old).toMatchObject({ status: "moved", reason: "Sam on a course on the 30th", date: "2026-11-30" });
    const [replacement] = await planned("sam");
    expect(replacement).toMatchObject({ date: "2026-12-02", replacesId: first!.id, supervisorId: "p-mo" });
    // The old day's deadline is cancelled, the new one set.
    expect(await deadlines(first!.id)).toEqual({ "supervision.session": { status: "cancelled", due: "2026-11-30T17:30:00.000Z" } });
    expect(await deadlines(replacement!.id)).toEqual({ "supervision.session": { status: "open", due: "2026-12-02T17:30:00.000Z" } });
    expect(await text("mo", `supervision show ${replacement!.id}`)).toContain(`Moved here from Mon 30 Nov 2026 (${first!.id}). Reason: Sam on a course on the 30th`);

    // Held on Wed 2 Dec at 15:00: Mo records it; the notes are to be circulated within 48 hours [004 §13].
    clock.set("2026-12-02T15:00:00Z");
    const held = await say("mo", "supervision held @sam");
    expect(held.message?.text).toMatch(/^Recorded: supervision \(Mo Worker supervising Sam Worker\) held on Wed 2 Dec 2026\. Next planned: Mon 7 Dec 2026\./);
    expect(held.notify?.[0]?.personId).toBe("p-sam");
    expect(await deadlines(replacement!.id)).toEqual({
      "supervision.session": { status: "met", due: "2026-12-02T17:30:00.000Z" },
      "supervision.notes-circulated": { status: "open", due: "2026-12-04T15:00:00.000Z" },
    });
    // Topped up: three planned again, the next after the ones already fixed.
    expect((await planned("sam")).map((s) => s.date)).toEqual(["2026-12-07", "2026-12-14", "2026-12-21"]);
    expect(second!.date).toBe("2026-12-07");

    // Never more than 2 months after the last held [003 4.2]: 2 Feb 2027 is the latest.
    const refused = await say("sam", `supervision move ${second!.id} 2027-02-03 team away day`);
    expect(refused.refused).toBe(true);
    expect(refused.message?.text).toBe("No: that would leave more than the longest gap allowed between supervision sessions since the last one held (2026-12-02). Move it to 2027-02-02 at the latest.");
    expect((await storage.supervision.findSession(second!.id))!.status).toBe("planned");
    expect(await text("sam", `supervision move ${second!.id} 2027-02-02 team away day`)).toMatch(/^Moved supervision/);

    // Only the supervisee signs, and only once the supervisor has circulated the notes.
    expect((await say("sam", `supervision signed ${replacement!.id}`)).message?.text).toMatch(/not been circulated yet/);
    expect((await say("sam", `supervision circulated ${replacement!.id}`)).message?.text).toBe("The supervisor circulates the notes.");
    clock.set("2026-12-03T09:00:00Z");
    const circulated = await say("mo", `supervision circulated ${replacement!.id}`);
    expect(circulated.message?.text).toBe(`Recorded: the notes of supervision ${replacement!.id} are circulated. Sam Worker is asked to sign them by Thu 10 Dec 2026 17:30.`);
    expect(circulated.notify?.[0]).toMatchObject({ personId: "p-sam", message: { text: expect.stringContaining(`supervision signed ${replacement!.id}`) } });
    clock.set("2026-12-04T11:00:00Z");
    expect(await text("sam", `supervision signed ${replacement!.id}`)).toBe(`Recorded: you signed the notes of supervision ${replacement!.id} as an accurate record.`);
    expect(await text("sam", `supervision signed ${replacement!.id}`)).toMatch(/already signed/);
    expect(await deadlines(replacement!.id)).toEqual({
      "supervision.session": { status: "met", due: "2026-12-02T17:30:00.000Z" },
      "supervision.notes-circulated": { status: "met", due: "2026-12-04T15:00:00.000Z" },
      "supervision.notes-signed": { status: "met", due: "2026-12-10T17:30:00.000Z" },
    });
    const shown = await text("sam", `supervision show ${replacement!.id}`);
    expect(shown).toContain("Held Wed 2 Dec 2026 15:00. Notes circulated: Thu 3 Dec 2026 09:00. Signed: Fri 4 Dec 2026 11:00.");
    // Every change is audited, without the reason's words.
    const audit = await storage.audit.list();
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(["supervision.session-moved", "supervision.session-held", "supervision.notes-circulated", "supervision.notes-signed"]));
    expect(JSON.stringify(audit)).not.toContain("course");
  });

  it("only the line manager records someone else's session held, never a day ahead", async () => {
    const { text, say, clock } = await setUp();
    expect((await say("priya", "supervision held @sam")).message?.text).toBe("Only Sam Worker's line manager records their supervision.");
    expect((await say("mo", "supervision held @nobody")).message?.text).toBe('I do not know "@nobody" on the roster.');
    clock.set("2026-11-30T16:00:00Z");
    expect((await say("sam", "supervision held 2026-12-01")).refused).toBe(true);
    expect(await text("sam", "supervision held")).toMatch(/^Recorded: supervision \(Mo Worker supervising Sam Worker\) held on Mon 30 Nov 2026/);
    expect((await say("sam", "supervision held today")).message?.text).toMatch(/already recorded as held/);
  });

  it("a cancelled session is re-planned at the earliest opportunity: the first day both work and neither is away [000 Standard One]", async () => {
    const { say, planned, storage } = await setUp();
    const [first] = await planned("sam");
    await storage.schedule.addAbsence({ id: "ab1", personId: "p-mo", fromDate: "2026-11-24", toDate: "2026-11-24", createdAt: new Date(NOW), createdById: "p-mo" });
    expect((await say("mo", `supervision cancel ${first!.id}`)).message?.text).toBe("Say why it is moved: the reason is kept with the record.");
    const cancelled = await say("mo", `supervision cancel ${first!.id} court hearing`);
    expect(cancelled.message?.text).toMatch(/^Moved supervision \w+ from Mon 30 Nov 2026 to Wed 25 Nov 2026 \(now \w+\)\. Reason recorded: court hearing$/);
    expect(cancelled.notify?.[0]?.personId).toBe("p-sam");
    expect((await planned("sam")).map((s) => s.date)).toEqual(["2026-11-25", "2026-12-07", "2026-12-14"]);
  });

  it("in Merton, the supervisee records the case supervision reference titled '<supervisor> supervising <supervisee>' within 6 working days [001 §7]", async () => {
    const { say, text, clock, planned, deadlines } = await setUp({ profile: "merton" });
    const [first] = await planned("priya");
    clock.set("2026-12-21T11:00:00Z");
    await say("mo", "supervision held @priya");
    expect(await deadlines(first!.id)).toMatchObject({
      // Merton: notes within 5 working days; the reference within 6, skipping Christmas and Boxing Day's substitute.
      "supervision.notes-circulated": { status: "open", due: "2026-12-30T17:30:00.000Z" },
      "case-supervision.on-case-record": { status: "open", due: "2026-12-31T17:30:00.000Z" },
    });
    expect(await text("priya", "supervision")).toContain(`case supervision reference "Mo Worker supervising Priya Worker" to record`);
    expect(await text("priya", `supervision on-record ${first!.id}`)).toBe(`Recorded: the case supervision reference "Mo Worker supervising Priya Worker" for supervision ${first!.id} is on the children's records.`);
    expect((await deadlines(first!.id))["case-supervision.on-case-record"]?.status).toBe("met");
  });
});

describe("the roster's supervision columns", () => {
  it("reads started_on and newly_qualified, naming the line and column of anything wrong", async () => {
    const { core, storage } = await testCore({ now: NOW });
    const csv = (rows: string[]) => ["handle,name,role,line_manager,started_on,newly_qualified", ...rows].join("\n");
    expect(await importRoster(core, null, csv(["ana,Ana Lopes,practitioner,mo,2026-09-01,yes"]))).toMatchObject({ ok: true });
    expect(await storage.people.findByHandle("ana")).toMatchObject({ startedOn: "2026-09-01", newlyQualified: true });
    expect(await importRoster(core, null, csv(["ana,Ana Lopes,practitioner,mo,1/9/2026,no", "ben,Ben Cole,practitioner,mo,,yes", "cy,Cy Day,practitioner,mo,2026-02-30,perhaps"]))).toEqual({
      ok: false,
      problems: [
        { line: 2, column: "started_on", problem: '"1/9/2026" is not a date: write it as YYYY-MM-DD, e.g. 2026-09-01' },
        { line: 3, column: "newly_qualified", problem: "needs started_on: the newly qualified supervision steps count from the day they started" },
        { line: 4, column: "started_on", problem: '"2026-02-30" is not a date: write it as YYYY-MM-DD, e.g. 2026-09-01' },
        { line: 4, column: "newly_qualified", problem: "must be yes or no (yes for a newly qualified social worker in their first year)" },
      ],
    });
  });
});
