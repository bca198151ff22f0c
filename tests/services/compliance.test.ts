import { describe, expect, it } from "vitest";
import { complianceReply } from "../../src/bot/compliance-view.ts";
import { errorText } from "../../src/bot/turn.ts";
import { AppError } from "../../src/domain/errors.ts";
import { complianceAsCsv, complianceAsJson } from "../../src/export/compliance-data.ts";
import { complianceSummary, londonMonthRange } from "../../src/services/compliance-summary.ts";
import { testCore } from "../support/core.ts";
import { capture, LATE, november, NOW, record } from "../support/compliance-month.ts";

describe("compliance summary per team and month", () => {
  it("counts the month's notes, the % within each deadline, the overdue list and late reasons", async () => {
    const { t, ids } = await november();
    const summary = await complianceSummary(t.core, await t.person("lee"), { team: "North", month: "2026-11" });
    expect(summary).toMatchObject({
      team: "North",
      month: "2026-11",
      from: new Date("2026-11-01T00:00:00Z"),
      to: new Date("2026-12-01T00:00:00Z"),
      asAt: new Date(NOW),
      profile: "default",
      notes: 5,
    });
    expect(summary.byNote.map((n) => n.caseRef)).toEqual(["1001-AA", "1002-BB", "1003-CC", "1004-DD", "1005-EE"]);
    // A and D on time, B late, C overdue; E is not due yet: 2 of 4.
    expect(summary.completion).toEqual({ metOnTime: 2, metLate: 1, notMet: 2, overdue: 1, pending: 1, counted: 4, percentWithinDeadline: 50 });
    // A on time, B and D late, C overdue: 1 of 4.
    expect(summary.onCaseRecord).toEqual({ metOnTime: 1, metLate: 2, notMet: 2, overdue: 1, pending: 1, counted: 4, percentWithinDeadline: 25 });
    expect(summary.overdue).toEqual([
      { caseRef: "1003-CC", noteId: ids.c, rule: "note.complete", dueAt: new Date("2026-11-12T10:00:00Z"), daysOverdue: 18, who: ["mo"] },
      { caseRef: "1003-CC", noteId: ids.c, rule: "note.on-case-record", dueAt: new Date("2026-11-12T10:00:00Z"), daysOverdue: 18, who: ["sam"] },
      { caseRef: "1004-DD", noteId: ids.d, rule: "action.due", dueAt: new Date("2026-11-13T17:00:00Z"), daysOverdue: 16, who: ["sam"] },
    ]);
    expect(summary.lateReasons).toEqual([
      { caseRef: "1002-BB", noteId: ids.b, dueAt: new Date("2026-11-07T10:00:00Z"), recordedAt: new Date("2026-11-08T09:00:00Z"), reason: LATE },
    ]);
    expect(summary.byNote[3]).toMatchObject({
      noteId: ids.d,
      status: "on-case-record",
      recorder: "mo",
      completion: { rule: "note.complete", state: "on-time", metAt: new Date("2026-11-12T11:00:00Z") },
      onCaseRecord: { rule: "note.on-case-record", state: "late", dueAt: new Date("2026-11-14T10:00:00Z"), metAt: new Date("2026-11-16T09:00:00Z") },
    });
  });

  it("shows no issue, decision or other case content, only case references and ids", async () => {
    const { t } = await november();
    const json = JSON.stringify(complianceAsJson(await complianceSummary(t.core, await t.person("aud"), { team: "North", month: "2026-11" })));
    for (const content of ["bruising", "visit", "strategy", "Worker"]) expect(json).not.toContain(content);
  });

  it("judges deadlines as they stood at an earlier instant when asked", async () => {
    const { t } = await november();
    const summary = await complianceSummary(t.core, await t.person("lee"), { team: "North", month: "2026-11", asAt: new Date("2026-11-06T12:00:00Z") });
    // Only A and B had been discussed; B was not yet due, and its late recording had not happened.
    expect(summary.notes).toBe(2);
    expect(summary.completion).toMatchObject({ metOnTime: 1, pending: 1, counted: 1, percentWithinDeadline: 100 });
    expect(summary.lateReasons).toEqual([]);
    expect(summary.overdue).toEqual([]);
  });

  it("takes the month from London midnight: BST at the start of October, GMT at its end", async () => {
    expect(londonMonthRange("2026-10")).toEqual({ from: new Date("2026-09-30T23:00:00Z"), to: new Date("2026-11-01T00:00:00Z") });
    expect(londonMonthRange("2026-12")).toEqual({ from: new Date("2026-12-01T00:00:00Z"), to: new Date("2027-01-01T00:00:00Z") });
    const { t } = await november();
    await capture(t, "0930-SP", "2026-09-30T22:59:00Z", { actions: "none" }); // 30 Sep 23:59 BST: September
    const first = await capture(t, "1001-OC", "2026-09-30T23:00:00Z", { actions: "none" }); // 1 Oct 00:00 BST: October
    await record(t, first, "2026-10-01T09:00:00Z");
    await capture(t, "1015-OC", "2026-10-15T10:00:00Z", { actions: "none" });
    t.clock.set(NOW);
    const summary = await complianceSummary(t.core, await t.person("aud"), { team: "North", month: "2026-10" });
    // 1001-OC and 1000-OC (31 Oct 23:30 GMT, recorded the next morning) on time; 1015-OC never recorded.
    expect(summary.byNote.map((n) => n.caseRef)).toEqual(["1001-OC", "1015-OC", "1000-OC"]);
    expect(summary.completion).toMatchObject({ metOnTime: 2, metLate: 0, overdue: 1, counted: 3, percentWithinDeadline: 66.7 });
    expect(summary.onCaseRecord).toMatchObject({ metOnTime: 0, overdue: 3, counted: 3, percentWithinDeadline: 0 });
  });

  describe("who may see it", () => {
    it.each([
      ["lee", "service manager of the team manager", true],
      ["mo", "line manager of team members", true],
      ["aud", "auditor", true],
      ["priya", "team member who manages no one", false],
      ["out", "another team", false],
    ])("@%s (%s): %s, and the view or the refusal is audited", async (handle, _why, allowed) => {
      const t = await testCore();
      const actor = await t.person(handle);
      const view = complianceSummary(t.core, actor, { team: "north", month: "2026-11" });
      if (allowed) await expect(view).resolves.toMatchObject({ team: "North", notes: 0 });
      else await expect(view).rejects.toMatchObject({ code: "COMPLIANCE.NO_ACCESS", params: { team: "North" } });
      expect((await t.storage.audit.list()).at(-1)).toMatchObject({
        action: "compliance.view",
        actorId: actor.id,
        entityType: "team",
        entityId: "North",
        detail: allowed ? { month: "2026-11", outcome: "shown", notes: 0 } : { month: "2026-11", outcome: "refused" },
      });
    });

    it("refuses someone who has left, even a former manager", async () => {
      const t = await testCore();
      const mo = { ...(await t.person("mo")), active: false };
      await expect(complianceSummary(t.core, mo, { team: "North", month: "2026-11" })).rejects.toMatchObject({ code: "COMPLIANCE.NO_ACCESS" });
    });
  });

  it.each(["2026-13", "Nov 2026", "2026-1", "26-11"])("refuses the month %j", async (month) => {
    const t = await testCore();
    await expect(complianceSummary(t.core, await t.person("lee"), { team: "North", month })).rejects.toMatchObject({ code: "COMPLIANCE.BAD_MONTH", params: { month } });
  });

  it("names the known teams for an unknown one", async () => {
    const t = await testCore();
    const refusal = complianceSummary(t.core, await t.person("lee"), { team: "East", month: "2026-11" });
    await expect(refusal).rejects.toMatchObject({ code: "COMPLIANCE.UNKNOWN_TEAM", params: { team: "East", known: "North, South" } });
    const error = await refusal.catch((e: AppError) => e);
    expect(errorText(t.core, error as AppError)).toBe('There is no team called "East". Teams: North, South.');
  });

  it("exports one CSV row per note, quoting the late reason", async () => {
    const { t, ids } = await november();
    const csv = complianceAsCsv(await complianceSummary(t.core, await t.person("aud"), { team: "North", month: "2026-11" }));
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      "team,month,noteId,caseRef,kind,status,discussedAt,recorder,completionRule,completionDue,completionMet,completionState,onCaseRecordDue,onCaseRecordMet,onCaseRecordState,overdueActions,lateReason",
    );
    expect(lines).toHaveLength(7); // header, five notes, and the empty string after the final CRLF
    expect(lines[2]).toBe(
      `North,2026-11,${ids.b},1002-BB,ad-hoc,on-case-record,2026-11-05T10:00:00.000Z,mo,note.complete,2026-11-07T10:00:00.000Z,2026-11-08T09:00:00.000Z,late,2026-11-07T10:00:00.000Z,2026-11-09T09:00:00.000Z,late,0,"In court, ""all week"""`,
    );
    expect(lines[3]).toBe(`North,2026-11,${ids.c},1003-CC,ad-hoc,draft,2026-11-10T10:00:00.000Z,mo,note.complete,2026-11-12T10:00:00.000Z,,overdue,2026-11-12T10:00:00.000Z,,overdue,0,`);
    expect(lines[4]).toMatch(new RegExp(`^North,2026-11,${ids.d},1004-DD,.*,late,1,$`));
  });
});

describe("compliance in chat and the console", () => {
  it("shows the actor's team for the current London month by default", async () => {
    const { t, ids } = await november();
    const reply = await complianceReply(t.core, await t.person("mo"), "");
    expect(reply.message?.blocks).toEqual([
      { type: "heading", text: "Compliance summary: North, 2026-11" },
      {
        type: "fields",
        fields: [
          { label: "Notes discussed", value: "5" },
          { label: "Completed within deadline", value: "2 of 4 (50%); 1 late, 1 overdue, 1 not yet due" },
          { label: "On the case record within deadline", value: "1 of 4 (25%); 2 late, 1 overdue, 1 not yet due" },
        ],
      },
      { type: "text", text: "Percentages count notes whose deadline has been met or has passed; notes not yet due are left out. Profile: default." },
      { type: "heading", text: "Overdue (3)" },
      {
        type: "list",
        items: [
          `1003-CC (${ids.c}): note not completed, due Thu 12 Nov 2026 10:00, 18 days overdue – @mo`,
          `1003-CC (${ids.c}): not on the case record, due Thu 12 Nov 2026 10:00, 18 days overdue – @sam`,
          `1004-DD (${ids.d}): action not done, due Fri 13 Nov 2026 17:00, 16 days overdue – @sam`,
        ],
      },
      { type: "heading", text: "Late reasons (1)" },
      { type: "list", items: [`1002-BB (${ids.b}): due Sat 7 Nov 2026 10:00, recorded Sun 8 Nov 2026 09:00: ${LATE}`] },
    ]);
    expect(reply.message?.text).toContain("Completed within deadline: 2 of 4 (50%)");
  });

  it("takes a team and a month, and says when nothing is due yet", async () => {
    const { t } = await november();
    const reply = await complianceReply(t.core, await t.person("aud"), "North 2026-12");
    expect(reply.message?.blocks.slice(0, 2)).toEqual([
      { type: "heading", text: "Compliance summary: North, 2026-12" },
      {
        type: "fields",
        fields: [
          { label: "Notes discussed", value: "0" },
          { label: "Completed within deadline", value: "none due yet; 0 late, 0 overdue, 0 not yet due" },
          { label: "On the case record within deadline", value: "none due yet; 0 late, 0 overdue, 0 not yet due" },
        ],
      },
    ]);
    expect(reply.message?.blocks).toContainEqual({ type: "text", text: "Nothing is overdue." });
  });

  it.each([
    ["aud", "", "COMPLIANCE.NO_TEAM", "Say which team: compliance <team> [YYYY-MM]. Teams: North, South."],
    ["sam", "", "COMPLIANCE.NO_ACCESS", "Only auditors and the line managers of people in North can see its compliance summary."],
    ["lee", "North 11/2026", "COMPLIANCE.BAD_MONTH", 'Give the month as YYYY-MM, e.g. 2026-11 (not "11/2026").'],
  ])("@%s asking %j is told in words (%s)", async (handle, args, code, words) => {
    const t = await testCore();
    const error = await complianceReply(t.core, await t.person(handle), args).catch((e: unknown) => e);
    expect(error).toMatchObject({ code });
    expect(errorText(t.core, error as AppError)).toBe(words);
  });
});
