import { describe, expect, it } from "vitest";
import { sweepReminders } from "../../src/scheduler/send-reminders.ts";
import { importRoster } from "../../src/services/import-roster.ts";
import { recordHeld } from "../../src/services/supervision-sessions.ts";
import { signAgreement } from "../../src/services/supervision-agreements.ts";
import { testCore } from "../support/core.ts";
import { RecordingDelivery } from "../support/recording-delivery.ts";

// Mon 23 Nov 2026 10:00. Sam (newly qualified, started today) is supervised weekly by Mo, whose manager is Lee.
const ROSTER = [
  "handle,name,role,line_manager,team,started_on,newly_qualified",
  "lee,Lee Worker,service-manager,,North,,",
  "mo,Mo Worker,team-manager,lee,North,,",
  "sam,Sam Worker,practitioner,mo,North,2026-11-23,yes",
].join("\n");

async function setUp() {
  const t = await testCore({ now: "2026-11-23T10:00:00Z" });
  expect(await importRoster(t.core, "p-lee", ROSTER)).toMatchObject({ ok: true });
  const delivery = new RecordingDelivery();
  /** Moves the fake clock to an instant and sweeps; returns what was sent, as "handle: text". */
  const at = async (iso: string) => {
    t.clock.set(iso);
    await sweepReminders(t.core, delivery);
    return delivery.take();
  };
  const first = (await t.storage.supervision.sessions({ superviseeId: "p-sam", status: "planned" }))[0]!;
  return { ...t, delivery, at, first };
}

describe("formal supervision reminders, through a scheduler sweep", () => {
  it("a session coming due reminds supervisor and supervisee; held on time, nothing more is sent", async () => {
    const { at, first, core, person, clock } = await setUp();
    expect(first.date).toBe("2026-11-30");
    // 24 hours before (Sun 29 Nov 17:30) is outside working hours: it waits for Monday morning, before the deadline.
    expect(await at("2026-11-29T17:31:00Z")).toEqual([]);
    const monday = await at("2026-11-30T08:31:00Z");
    expect(monday.sort()).toEqual([
      expect.stringMatching(new RegExp(`^mo: Reminder: supervision ${first.id} \\(Mo Worker supervising Sam Worker\\) is planned for Mon 30 Nov 2026 17:30`)),
      expect.stringMatching(new RegExp(`^sam: Reminder: supervision ${first.id} \\(Mo Worker supervising Sam Worker\\) is planned for Mon 30 Nov 2026 17:30`)),
    ]);
    clock.set("2026-11-30T11:00:00Z");
    await recordHeld(core, await person("mo"), await person("sam"));
    // Held: the 4-hour reminder and the breach notices are not sent; the notes' reminders are Mo's alone.
    expect(await at("2026-11-30T18:00:00Z")).toEqual([]);
    const notes = await at("2026-12-01T11:05:00Z");
    expect(notes).toEqual([expect.stringMatching(new RegExp(`^mo: Reminder: circulate the notes of supervision ${first.id} .* by Wed 2 Dec 2026 11:00`))]);
  });

  it("a session not held by its day is overdue to both and escalated to the supervisor's line manager, not the supervisee's", async () => {
    const { at, first } = await setUp();
    await at("2026-11-30T14:00:00Z");
    // At breach (17:30) everyone's day is over: the notices wait for the next working morning.
    expect(await at("2026-11-30T17:31:00Z")).toEqual([]);
    const breach = await at("2026-12-01T08:31:00Z");
    expect(breach.sort()).toEqual([
      expect.stringMatching(new RegExp(`^lee: Overdue: supervision ${first.id} \\(Mo Worker supervising Sam Worker\\) was due by Mon 30 Nov 2026 17:30 and has not been held; Mo Worker arranges it\\.`)),
      expect.stringMatching(new RegExp(`^mo: Supervision ${first.id} .* has not been recorded as held\\. Hold it now, or move it with the reason: supervision move ${first.id} <date> <reason>`)),
      expect.stringMatching(new RegExp(`^sam: Supervision ${first.id} .* has not been recorded as held`)),
    ]);
    // Lee's overdue digest the next working morning lists it.
    const digest = await at("2026-12-02T09:01:00Z");
    expect(digest).toEqual([expect.stringMatching(/^lee: Still overdue \(1\)[\s\S]*hold the supervision session – Mo Worker, due Mon 30 Nov 2026 17:30/)]);
  });

  it("an agreement waiting for signatures reminds whoever has not signed, then escalates when overdue", async () => {
    const { at, core, person, delivery } = await setUp();
    await signAgreement(core, await person("sam"), null);
    // Signed by Sam on the 23rd; due Mon 21 Dec 17:30. Sessions keep being held so only the agreement's reminders matter here.
    const ours = (lines: string[]) => lines.filter((line) => line.includes("Mo Worker and Sam Worker"));
    const sent = [...ours(await at("2026-12-21T08:31:00Z")), ...ours(await at("2026-12-21T13:31:00Z"))];
    // Only Mo, who has not signed; Sam has.
    expect(sent).toEqual([
      expect.stringMatching(/^mo: Reminder: your supervision agreement \(Mo Worker and Sam Worker\) must be signed by both by Mon 21 Dec 2026 17:30 \(8 hours 59 minutes left\)/),
      expect.stringMatching(/^mo: Reminder: your supervision agreement .* \(3 hours 59 minutes left\)/),
    ]);
    expect(delivery.sent.length).toBe(0);
    expect(ours(await at("2026-12-21T17:31:00Z"))).toEqual([]);
    const breach = ours(await at("2026-12-22T08:31:00Z"));
    expect(breach.sort()).toEqual([
      expect.stringMatching(/^lee: Overdue: the supervision agreement between Mo Worker and Sam Worker was due to be signed by Mon 21 Dec 2026 17:30; Mo Worker has not signed it\./),
      expect.stringMatching(/^mo: Your supervision agreement \(Mo Worker and Sam Worker\) was due to be signed by Mon 21 Dec 2026 17:30 and is overdue\. Sign it now: agreement sign/),
    ]);
    const buttons = (await core.storage.schedule.reminders({ recipientId: "p-mo", kind: "overdue", status: "sent" })).length;
    expect(buttons).toBeGreaterThan(0);
  });
});
