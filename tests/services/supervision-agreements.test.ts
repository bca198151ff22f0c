import { describe, expect, it } from "vitest";
import { handleCommand } from "../../src/bot/commands.ts";
import { runTurn } from "../../src/bot/turn.ts";
import { silentLogger } from "../../src/logger.ts";
import type { Core } from "../../src/services/core.ts";
import { importRoster } from "../../src/services/import-roster.ts";
import { testCore } from "../support/core.ts";

const NOW = "2026-11-23T10:00:00Z";
const roster = (samManager: string, extra: string[] = []) =>
  [
    "handle,name,role,line_manager,team",
    "lee,Lee Worker,service-manager,,North",
    "mo,Mo Worker,team-manager,lee,North",
    `sam,Sam Worker,practitioner,${samManager},North`,
    "priya,Priya Worker,senior-practitioner,mo,North",
    ...extra,
  ].join("\n");

async function setUp() {
  const t = await testCore({ now: NOW });
  expect(await importRoster(t.core, "p-lee", roster("mo"))).toMatchObject({ ok: true });
  const say = async (handle: string, text: string) => {
    const actor = await t.person(handle);
    return runTurn(t.core, silentLogger, "e", () => t.storage.transaction((storage) => handleCommand({ ...t.core, storage } as Core, { actor, text, eventId: null })));
  };
  const agreements = async (handle: string) =>
    (await t.storage.supervision.agreementsOf((await t.person(handle)).id)).map((a) => ({ supervisor: a.supervisorId, reason: a.reason, status: a.status, id: a.id }));
  const deadlines = async (agreementId: string) =>
    Object.fromEntries((await t.storage.schedule.deadlinesFor("agreement", agreementId)).map((d) => [d.rule, { status: d.status, due: d.dueAt.toISOString() }]));
  return { ...t, say, agreements, deadlines };
}

describe("supervision agreements", () => {
  it("are drawn up on appointment, to be signed by both within 4 weeks [001 §4], and each signs in chat", async () => {
    const { say, agreements, deadlines, clock } = await setUp();
    const [first] = await agreements("sam");
    expect(first).toMatchObject({ supervisor: "p-mo", reason: "appointment", status: "open" });
    expect(await deadlines(first!.id)).toEqual({ "agreement.signed": { status: "open", due: "2026-12-21T17:30:00.000Z" } });

    const bySam = await say("sam", "agreement sign");
    expect(bySam.message?.text).toBe("Signed. The agreement now waits for Mo Worker to sign.");
    expect(bySam.notify).toEqual([{ personId: "p-mo", message: expect.objectContaining({ text: "Sam Worker has signed their supervision agreement with you (on appointment). Sign it too: agreement sign @sam" }) }]);
    expect((await say("sam", "agreement sign")).message?.text).toBe("You have already signed; it waits for Mo Worker.");
    expect((await say("priya", "agreement sign @sam")).message?.text).toBe("Only Sam Worker's line manager signs their agreement with them.");

    clock.set("2026-11-25T12:00:00Z");
    const byMo = await say("mo", "agreement sign @sam");
    expect(byMo.message?.text).toBe("Signed by both: the supervision agreement is in force. Review it together by Thu 25 Nov 2027 17:30.");
    expect(byMo.notify?.[0]?.personId).toBe("p-sam");
    expect(await deadlines(first!.id)).toEqual({
      "agreement.signed": { status: "met", due: "2026-12-21T17:30:00.000Z" },
      "agreement.review": { status: "open", due: "2027-11-25T17:30:00.000Z" },
    });
    expect((await say("mo", "agreement")).message?.text).toContain("Sam Worker (on appointment): signed by both; review by Thu 25 Nov 2027 17:30");

    // The annual review [004 5.2]: a new agreement following the old, the old one's review met once both sign.
    clock.set("2027-11-01T10:00:00Z");
    expect((await say("mo", "agreement sign @sam")).message?.text).toBe("Signed. The agreement now waits for Sam Worker to sign.");
    expect((await say("sam", "agreement sign")).message?.text).toBe("Signed by both: the supervision agreement is in force. Review it together by Wed 1 Nov 2028 17:30.");
    const all = await agreements("sam");
    expect(all.map((a) => [a.reason, a.status])).toEqual([["appointment", "superseded"], ["review", "signed"]]);
    expect((await deadlines(first!.id))["agreement.review"]?.status).toBe("met");
  });

  it("a roster re-import that changes the line manager supersedes the agreement, draws up a new one and hands the planned sessions over on the same days [004 5.1]", async () => {
    const { core, storage, say, agreements, deadlines, clock } = await setUp();
    const [old] = await agreements("sam");
    await say("sam", "agreement sign");
    const before = await storage.supervision.sessions({ superviseeId: "p-sam", status: "planned" });

    clock.set("2026-12-01T09:00:00Z");
    // Sam now reports to Priya; and someone new joins with Mo as line manager.
    expect(await importRoster(core, "p-lee", roster("priya", ["newt,Newt Worker,practitioner,mo,North"]))).toMatchObject({ ok: true });
    expect((await agreements("sam")).map((a) => [a.supervisor, a.reason, a.status])).toEqual([["p-mo", "appointment", "superseded"], ["p-priya", "manager-change", "open"]]);
    expect(await deadlines(old!.id)).toEqual({ "agreement.signed": { status: "cancelled", due: "2026-12-21T17:30:00.000Z" } });
    const [, fresh] = await agreements("sam");
    expect(await deadlines(fresh!.id)).toEqual({ "agreement.signed": { status: "open", due: "2026-12-29T17:30:00.000Z" } });
    expect((await agreements("newt")).map((a) => [a.supervisor, a.reason])).toEqual([["p-mo", "appointment"]]);

    const after = await storage.supervision.sessions({ superviseeId: "p-sam", status: "planned" });
    expect(after.map((s) => [s.date, s.supervisorId])).toEqual(before.map((s) => [s.date, "p-priya"]));
    expect((await storage.supervision.sessions({ superviseeId: "p-sam", status: "cancelled" })).map((s) => s.reason)).toEqual(["line-manager-changed", "line-manager-changed", "line-manager-changed"]);

    // The same roster again changes nothing.
    const audited = (await storage.audit.list()).length;
    expect(await importRoster(core, "p-lee", roster("priya", ["newt,Newt Worker,practitioner,mo,North"]))).toMatchObject({ ok: true });
    expect((await storage.audit.list()).length).toBe(audited + 1); // the import itself
  });

  it("someone who leaves has their planned sessions called off and their agreement superseded", async () => {
    const { core, storage, agreements } = await setUp();
    const csv = ["handle,name,role,line_manager,team,active", "sam,Sam Worker,practitioner,mo,North,no"].join("\n");
    expect(await importRoster(core, "p-lee", csv)).toMatchObject({ ok: true });
    expect(await storage.supervision.sessions({ superviseeId: "p-sam", status: "planned" })).toEqual([]);
    expect((await agreements("sam")).map((a) => a.status)).toEqual(["superseded"]);
  });
});
