import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/domain/clock.ts";
import { loadPrompts } from "../../src/prompts/prompts.ts";
import { DEFAULT_SETTINGS, type Core } from "../../src/services/core.ts";
import { markOnCaseRecord } from "../../src/services/mark-on-case-record.ts";
import { start, submit, valuesOf } from "../support/note-forms.ts";
import { openSqliteStorage } from "../../src/storage/prisma/open-sqlite.ts";
import { COMPLETE_EXAMPLE, team } from "../support/fixtures.ts";
import { runCli, tempDir } from "../support/spawn.ts";

const LATE = 'Court, then "leave"';

describe("cli compliance", () => {
  const dir = tempDir("cli-compliance-");
  const env = { DATABASE_URL: `file:${path.join(dir, "bot.db")}` };
  const ids: Record<"a" | "b" | "c", string> = { a: "", b: "", c: "" };

  // North's November through the services on the database: A on time, B late with a reason, C never recorded.
  beforeAll(async () => {
    const storage = await openSqliteStorage(env.DATABASE_URL);
    const clock = new FixedClock("2026-11-02T10:00:00Z");
    let n = 0;
    const core: Core = { storage, clock, newId: () => `c${++n}`, settings: DEFAULT_SETTINGS, prompts: loadPrompts() };
    await storage.people.saveAll(team(), clock.now());
    const mo = (await storage.people.findByHandle("mo"))!;
    const sam = (await storage.people.findByHandle("sam"))!;
    const capture = async (caseRef: string, at: string) => {
      clock.set(at);
      const text = COMPLETE_EXAMPLE.replace("4471-JB discussed today 14:10 with @sam.", `${caseRef} with @sam.`).replace(/\nActions:.*/, "");
      const started = await start(core, { actor: mo, text, eventId: null });
      return { id: started.draftId!, values: valuesOf(started.form), state: started.form.state };
    };
    const record = async (draft: Awaited<ReturnType<typeof capture>>, at: string, lateReason?: string) => {
      clock.set(at);
      const values = lateReason ? { ...draft.values, lateReason } : draft.values;
      expect(await submit(core, { actor: mo, values, state: draft.state, submissionKey: draft.id })).toMatchObject({ status: "recorded" });
    };
    const a = await capture("1001-AA", "2026-11-02T10:00:00Z");
    await record(a, "2026-11-02T11:00:00Z");
    clock.set("2026-11-03T09:00:00Z");
    await markOnCaseRecord(core, sam, a.id, "MOS-1");
    const b = await capture("1002-BB", "2026-11-05T10:00:00Z");
    await record(b, "2026-11-08T09:00:00Z", LATE);
    const c = await capture("1003-CC", "2026-11-10T10:00:00Z");
    Object.assign(ids, { a: a.id, b: b.id, c: c.id });
    await storage.close();
  });

  const compliance = (...extra: string[]) => runCli(["compliance", "--team", "North", "--month", "2026-11", "--now", "2026-11-30T12:00:00Z", ...extra], { env });

  it("prints the summary as JSON for a manager of the team", () => {
    const result = compliance("--as", "lee");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({
      team: "North",
      month: "2026-11",
      from: "2026-11-01T00:00:00.000Z",
      to: "2026-12-01T00:00:00.000Z",
      asAt: "2026-11-30T12:00:00.000Z",
      profile: "default",
      notes: 3,
      completion: { metOnTime: 1, metLate: 1, overdue: 1, pending: 0, counted: 3, percentWithinDeadline: 33.3 },
      onCaseRecord: { metOnTime: 1, metLate: 0, overdue: 2, pending: 0, counted: 3, percentWithinDeadline: 33.3 },
      lateReasons: [{ caseRef: "1002-BB", noteId: ids.b, dueAt: "2026-11-07T10:00:00.000Z", recordedAt: "2026-11-08T09:00:00.000Z", reason: LATE }],
    });
    expect(summary.overdue).toEqual([
      { caseRef: "1002-BB", noteId: ids.b, rule: "note.on-case-record", dueAt: "2026-11-07T10:00:00.000Z", daysOverdue: 23, who: ["sam"] },
      { caseRef: "1003-CC", noteId: ids.c, rule: "note.complete", dueAt: "2026-11-12T10:00:00.000Z", daysOverdue: 18, who: ["mo"] },
      { caseRef: "1003-CC", noteId: ids.c, rule: "note.on-case-record", dueAt: "2026-11-12T10:00:00.000Z", daysOverdue: 18, who: ["sam"] },
    ]);
    expect(summary.byNote.map((n: { caseRef: string; completion: { state: string } }) => [n.caseRef, n.completion.state])).toEqual([
      ["1001-AA", "on-time"],
      ["1002-BB", "late"],
      ["1003-CC", "overdue"],
    ]);
  });

  it("prints the CSV itself, one row per note", () => {
    const result = compliance("--as", "aud", "--format", "csv");
    expect(result.code).toBe(0);
    const lines = result.stdout.split(/\r?\n/);
    expect(lines[0]).toMatch(/^team,month,noteId,caseRef,kind,status,discussedAt,/);
    expect(lines.slice(1, 4).map((line) => line.split(",")[3])).toEqual(["1001-AA", "1002-BB", "1003-CC"]);
    expect(lines[2]).toMatch(/,late,2026-11-07T10:00:00\.000Z,,overdue,0,"Court, then ""leave"""$/);
    expect(lines.slice(4)).toEqual([""]);
  });

  it.each([
    [["--as", "sam"], "COMPLIANCE.NO_ACCESS"],
    [["--as", "nobody"], "CLI.UNKNOWN_PERSON"],
    [["--as", "lee", "--format", "xml"], "CLI.FORMAT"],
    [["--as", "lee", "--now", "yesterday"], "CLI.NOW"],
    [["--as", "lee", "--month", "11/2026"], "COMPLIANCE.BAD_MONTH"],
  ])("%j fails with a JSON error on stderr", (extra, code) => {
    const result = compliance(...extra);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(JSON.parse(result.stderr).error.code).toBe(code);
  });

  it("has audited every view and refusal above", async () => {
    const storage = await openSqliteStorage(env.DATABASE_URL);
    try {
      const views = (await storage.audit.list()).filter((e) => e.action === "compliance.view");
      expect(views.map((e) => [e.actorId, e.entityType, e.entityId, e.detail.month, e.detail.outcome])).toEqual([
        ["p-lee", "team", "North", "2026-11", "shown"],
        ["p-aud", "team", "North", "2026-11", "shown"],
        ["p-sam", "team", "North", "2026-11", "refused"],
      ]);
    } finally {
      await storage.close();
    }
  });
});
