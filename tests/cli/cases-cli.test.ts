import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openSqliteStorage } from "../../src/storage/prisma/open-sqlite.ts";
import { team } from "../support/fixtures.ts";
import { runCli, tempDir } from "../support/spawn.ts";

// The CLI runs on the system clock: every day here is long past, so none is "in the future".
describe("cli cases", () => {
  const dir = tempDir("cli-cases-");
  const env = { DATABASE_URL: `file:${path.join(dir, "bot.db")}` };
  const file = (name: string, text: string) => {
    const at = path.join(dir, name);
    writeFileSync(at, text);
    return at;
  };
  const header = "case_ref,category,worker,team,opened_on,category_since,closed_on";

  beforeAll(async () => {
    const storage = await openSqliteStorage(env.DATABASE_URL);
    await storage.people.saveAll(team(), new Date("2024-01-01T10:00:00Z"));
    await storage.close();
  });

  it("imports an export, lists the register by team, shows a case's history, and changes nothing on a re-import", () => {
    const first = file("first.csv", [header, "4471-JB,cin,sam,,2024-03-01,,", "5521-KT,cp,out,,2024-04-02,,", "88123,cla,priya,,2024-02-01,,2024-06-30"].join("\n"));
    const imported = runCli(["cases", "import", first], { env });
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual({ imported: 3, created: 3, updated: 0, unchanged: 0 });

    const again = runCli(["cases", "import", first], { env });
    expect(JSON.parse(again.stdout)).toEqual({ imported: 3, created: 0, updated: 0, unchanged: 3 });

    const later = file("later.csv", [header, "4471-JB,cp,sam,,2024-03-01,2024-05-20,"].join("\n"));
    expect(JSON.parse(runCli(["cases", "import", later], { env }).stdout)).toEqual({ imported: 1, created: 0, updated: 1, unchanged: 0 });

    const north = runCli(["cases", "list", "--team", "North"], { env });
    expect(north.code, north.stderr).toBe(0);
    expect(JSON.parse(north.stdout).cases).toEqual([
      { caseRef: "4471-JB", category: "cp", categorySince: "2024-05-20", worker: "sam", team: "North", openedOn: "2024-03-01", closedOn: null, extension: null },
      { caseRef: "88123", category: "cla", categorySince: "2024-02-01", worker: "priya", team: "North", openedOn: "2024-02-01", closedOn: "2024-06-30", extension: null },
    ]);
    expect(JSON.parse(runCli(["cases", "list"], { env }).stdout).cases.map((c: { caseRef: string }) => c.caseRef)).toEqual(["4471-JB", "5521-KT", "88123"]);

    // However it is typed, the case is found.
    const history = runCli(["cases", "history", "4471 jb"], { env });
    expect(history.code, history.stderr).toBe(0);
    expect(JSON.parse(history.stdout).changes.map((c: { field: string; value: string; effectiveOn: string; by: string | null; reason: string }) => [c.field, c.value, c.effectiveOn, c.by, c.reason])).toEqual([
      ["opened", "cin", "2024-03-01", null, "import"],
      ["worker", "sam", "2024-03-01", null, "import"],
      ["team", "North", "2024-03-01", null, "import"],
      ["category", "cp", "2024-05-20", null, "import"],
    ]);

    const verified = runCli(["audit", "verify"], { env });
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
  });

  it("refuses a file with problems with every problem's line and column, exit 1, importing nothing", () => {
    const bad = file("bad.csv", ["case_ref,category,worker,opened_on,child_name", "6000-AB,cin,sam,2024-03-01,Someone"].join("\n"));
    const refused = runCli(["cases", "import", bad], { env });
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr)).toMatchObject({ error: { code: "CASES.INVALID", message: `${bad}: 1 problem(s); nothing was imported`, problems: [{ line: 1, column: "child_name" }] } });

    const rows = file("rows.csv", [header, "6001-AB,cin,nobody,,2024-03-01,,", "Jayden 77,cin,sam,,2024-03-01,,"].join("\n"));
    const problems = JSON.parse(runCli(["cases", "import", rows], { env }).stderr).error.problems;
    expect(problems.map((p: { line: number; column: string }) => [p.line, p.column])).toEqual([[2, "worker"], [3, "case_ref"]]);
    expect(JSON.stringify(problems)).not.toContain("Jayden");
    expect(JSON.parse(runCli(["cases", "list"], { env }).stdout).cases.map((c: { caseRef: string }) => c.caseRef)).not.toContain("6001-AB");
  });

  it("says how to use it, and that a case is not on the register", () => {
    const usage = runCli(["cases", "go"], { env });
    expect(usage.code).toBe(1);
    expect(JSON.parse(usage.stderr)).toMatchObject({ error: { code: "CLI.USAGE", message: "usage: cases import FILE.csv | cases list [--team T] | cases history REF" } });
    expect(JSON.parse(runCli(["cases", "history", "9999-ZZ"], { env }).stderr)).toMatchObject({ error: { code: "CASE.NOT_FOUND", caseRef: "9999-ZZ" } });
    expect(JSON.parse(runCli(["cases", "import", path.join(dir, "missing.csv")], { env }).stderr)).toMatchObject({ error: { code: "CLI.FILE" } });
  });
});
