import { describe, expect, it } from "vitest";
import { importRoster } from "../../src/services/import-roster.ts";
import { testCore } from "../support/core.ts";

const header = "handle,name,role,line_manager,team,slack_user_id,teams_user_id,email";

describe("roster import", () => {
  it("imports people with line managers from the file or the roster, and platform ids", async () => {
    const { core, storage } = await testCore();
    const csv = [header, "ana,Ana Lopes,team-manager,lee,South,U0ANA,29:1abc,ana@example.org", "ben,Ben Cole,practitioner,ana,South,,,"].join("\n");
    expect(await importRoster(core, null, csv)).toEqual({ ok: true, imported: 2, created: 2, updated: 0 });
    const ben = await storage.people.findByHandle("ben");
    const ana = await storage.people.findByPlatformId("slack", "U0ANA");
    expect(ben?.lineManagerId).toBe(ana?.id);
    expect(ana?.lineManagerId).toBe("p-lee");
    expect(ana?.identities).toContainEqual({ platform: "teams", externalId: "29:1abc" });
    // The import, then what it set going: a supervision agreement and sessions for each supervisee [004 5.1].
    const actions = (await storage.audit.list()).map((e) => e.action);
    expect(actions[0]).toBe("roster.import");
    expect(actions.filter((a) => a === "roster.import")).toHaveLength(1);
    expect(new Set(actions.slice(1))).toEqual(new Set(["agreement.created", "supervision.session-planned", "deadline.set"]));
    expect((await storage.supervision.agreementsOf(ben!.id)).map((a) => [a.supervisorId, a.reason])).toEqual([[ana!.id, "appointment"]]);
  });

  it("takes a person's own working hours, and says what is wrong with ones it cannot read", async () => {
    const { core, storage } = await testCore();
    const csv = (hours: string) => `handle,name,role,team,working_hours\nana,Ana Lopes,practitioner,South,${hours}`;
    expect(await importRoster(core, null, csv("Mon-Thu 08:00-18:00"))).toMatchObject({ ok: true });
    expect((await storage.people.findByHandle("ana"))?.workingHours).toBe("Mon-Thu 08:00-18:00");
    expect(await importRoster(core, null, csv("Mon-Fri 18:00-08:00"))).toEqual({
      ok: false,
      problems: [{ line: 2, column: "working_hours", problem: '"Mon-Fri 18:00-08:00" ends before it starts' }],
    });
    expect(await importRoster(core, null, csv("weekdays 9 to 5"))).toMatchObject({ ok: false, problems: [{ column: "working_hours", problem: '"weekdays 9 to 5" is not like "Mon-Fri 08:30-17:30"' }] });
  });

  it("updates people already on the roster by handle, keeping their id", async () => {
    const { core, storage } = await testCore();
    const result = await importRoster(core, null, `${header}\nsam,Sam Taylor,senior-practitioner,mo,North,,,`);
    expect(result).toEqual({ ok: true, imported: 1, created: 0, updated: 1 });
    expect(await storage.people.findById("p-sam")).toMatchObject({ role: "senior-practitioner", name: "Sam Taylor" });
  });

  it("reports every bad row with its line number and imports nothing", async () => {
    const { core, storage } = await testCore();
    const csv = [
      header,
      "ana,Ana Lopes,team-manager,,South,,,",
      "",
      "b,Ben Cole,wizard,nobody,South,X1,,not-an-email",
      "ana,Ana Again,practitioner,,South,,,",
      "cal,Cal,practitioner,cal,South,,,",
    ].join("\n");
    const result = await importRoster(core, null, csv);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => [p.line, p.column])).toEqual([
      [4, "handle"],
      [4, "role"],
      [4, "slack_user_id"],
      [4, "email"],
      [5, "handle"],
      [6, "line_manager"],
    ]);
    expect(result.problems.find((p) => p.column === "role")?.problem).toContain('"wizard" is not one of');
    expect(result.problems.find((p) => p.line === 5)?.problem).toContain("already on line 2");
    expect(await storage.people.findByHandle("ana")).toBeNull();
  });

  it("refuses a line-management loop and marks leavers inactive", async () => {
    const { core, storage } = await testCore();
    const loop = await importRoster(core, null, `${header}\nana,Ana Lopes,team-manager,ben,South,,,\nben,Ben Cole,practitioner,ana,South,,,`);
    expect(loop).toMatchObject({ ok: false, problems: [{ line: 2, column: "line_manager", problem: "makes a loop: ana → ben → ana" }, { line: 3 }] });
    const left = await importRoster(core, null, "handle,name,role,active\nsam,Sam Taylor,practitioner,no");
    expect(left.ok).toBe(true);
    expect((await storage.people.findByHandle("sam"))?.active).toBe(false);
  });

  it("refuses unknown columns, a missing required column and an empty file", async () => {
    const { core } = await testCore();
    const bad = await importRoster(core, null, "handle,name,shoe_size\nana,Ana,9");
    expect(bad).toMatchObject({ ok: false, problems: [{ line: 1, column: "shoe_size" }, { line: 1, column: "role" }] });
    expect(await importRoster(core, null, header + "\n")).toMatchObject({ ok: false, problems: [{ problem: "the file has no people in it" }] });
  });

  it("reports a malformed CSV line instead of failing", async () => {
    const { core } = await testCore();
    const result = await importRoster(core, null, `${header}\nana,"Ana Lopes,team-manager,,South,,,\n`);
    expect(result.ok).toBe(false);
  });
});

describe("roster import: left_on", () => {
  it("sets when someone left (the start of that London day), and says what is wrong with a date it cannot read", async () => {
    const { core, storage } = await testCore();
    const csv = (leftOn: string) => `handle,name,role,team,active,left_on\nana,Ana Lopes,practitioner,South,no,${leftOn}\nben,Ben Cole,practitioner,South,yes,`;
    expect(await importRoster(core, null, csv("2026-07-31"))).toMatchObject({ ok: true, imported: 2 });
    expect((await storage.people.findByHandle("ana"))?.leftAt).toEqual(new Date("2026-07-30T23:00:00Z")); // BST
    expect((await storage.people.findByHandle("ben"))?.leftAt).toBeNull();
    for (const bad of ["31/07/2026", "2026-02-30"]) {
      expect(await importRoster(core, null, csv(bad))).toEqual({
        ok: false,
        problems: [{ line: 2, column: "left_on", problem: `"${bad}" is not a date: write it as YYYY-MM-DD, e.g. 2026-03-31` }],
      });
    }
  });
});
