import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/domain/audit.ts";
import { extensionInForce } from "../../src/domain/case-register.ts";
import { importCases, NAME_IN_CASE_REF } from "../../src/services/import-cases.ts";
import { testCore } from "../support/core.ts";

// The clock of testCore: Mon 23 Nov 2026, 15:00 London.
const header = "case_ref,category,worker,team,opened_on,category_since,closed_on";
const csv = (...rows: string[]) => [header, ...rows].join("\n");
const GOOD = csv("4471-JB,cin,sam,,2026-09-01,,", "LL/5567,cp,@Priya,North,2026-10-05,2026-10-20,", "88123,cla,sam,,2025-01-10,,2026-06-30");

describe("case import", () => {
  it("imports cases with their category, worker, team and days, one change per fact, and audits ids and field names only", async () => {
    const { core, storage } = await testCore();
    expect(await importCases(core, null, GOOD)).toEqual({ ok: true, imported: 3, created: 3, updated: 0, unchanged: 0 });
    expect(await storage.cases.find("4471-JB")).toMatchObject({ category: "cin", categorySince: "2026-09-01", workerId: "p-sam", team: "North", openedOn: "2026-09-01", closedOn: null, extension: null });
    // "LL/5567" is spelt the one way every way in spells it: 5567-LL.
    expect(await storage.cases.find("5567-LL")).toMatchObject({ category: "cp", categorySince: "2026-10-20", workerId: "p-priya" });
    expect((await storage.cases.history("88123")).map((c) => [c.field, c.value, c.effectiveOn, c.byId, c.reason])).toEqual([
      ["opened", "cla", "2025-01-10", null, "import"],
      ["worker", "p-sam", "2025-01-10", null, "import"],
      ["team", "North", "2025-01-10", null, "import"],
      ["closed", "2026-06-30", "2026-06-30", null, "import"],
    ]);
    const entries = await storage.audit.list();
    expect(entries.map((e) => `${e.action}:${e.entityType}:${e.entityId}`)).toEqual([
      "case.create:case:4471-JB",
      "case.create:case:5567-LL",
      "case.create:case:88123",
      "case.import:case:import",
      // The open cases' discussion deadlines, in the import's own transaction; none for the closed one.
      "deadline.set:deadline:case.discussion:4471-JB@2026-09-01",
      "deadline.set:deadline:case.discussion:5567-LL@2026-10-20",
    ]);
    expect(entries[0]!.detail).toEqual({ fields: ["opened", "worker", "team"], via: "import" });
    expect(entries[3]!.detail).toEqual({ imported: 3, created: 3, updated: 0, unchanged: 0 });
    expect(verifyAuditChain(entries)).toMatchObject({ ok: true });
  });

  it("changes nothing when the same file comes again", async () => {
    const { core, storage, clock } = await testCore();
    await importCases(core, null, GOOD);
    clock.advance(60_000);
    const history = await storage.cases.history("4471-JB");
    const deadlines = await storage.schedule.deadlinesFor("case", "4471-JB");
    expect(await importCases(core, "p-mo", GOOD)).toEqual({ ok: true, imported: 3, created: 0, updated: 0, unchanged: 3 });
    expect(await storage.cases.history("4471-JB")).toEqual(history);
    expect(await storage.schedule.deadlinesFor("case", "4471-JB")).toEqual(deadlines);
    expect((await storage.audit.list()).map((e) => e.action).slice(-1)).toEqual(["case.import"]);
  });

  it("records a category change with its day, keeps an agreed extension (which lapses), and leaves a case the export leaves out as it is", async () => {
    const { core, storage, clock } = await testCore();
    await importCases(core, null, GOOD);
    clock.advance(60_000);
    const agreed = { byId: "p-lee", at: new Date("2026-11-01T10:00:00Z"), category: "cla", rationale: "Settled placement" };
    const cla = (await storage.cases.find("88123"))!;
    await storage.cases.save([{ ...cla, extension: agreed }], []);

    const later = csv("4471-JB,cp,sam,,2026-09-01,2026-11-20,", "88123,care-experienced,sam,,2025-01-10,2026-07-01,2026-06-30");
    // 88123's new category began after it closed: refused, nothing stored.
    expect(await importCases(core, "p-mo", later)).toEqual({ ok: false, problems: [{ line: 3, column: "category_since", problem: "2026-07-01 is after the case closed (2026-06-30)" }] });
    expect((await storage.cases.find("4471-JB"))!.category).toBe("cin");

    const fixed = csv("4471-JB,cp,sam,,2026-09-01,2026-11-20,", "88123,care-experienced,sam,,2025-01-10,2026-06-01,2026-06-30");
    expect(await importCases(core, "p-mo", fixed)).toEqual({ ok: true, imported: 2, created: 0, updated: 2, unchanged: 0 });
    const changed = (await storage.cases.history("4471-JB")).at(-1)!;
    expect(changed).toMatchObject({ field: "category", value: "cp", effectiveOn: "2026-11-20", byId: "p-mo", reason: "import", at: core.clock.now() });
    expect(await storage.cases.find("4471-JB")).toMatchObject({ category: "cp", categorySince: "2026-11-20" });
    const left = (await storage.cases.find("88123"))!;
    expect(left.extension).toEqual(agreed);
    expect(extensionInForce(left)).toBeNull();
    // 5567-LL (LL/5567) was not in the later export: left as it was.
    expect(await storage.cases.find("5567-LL")).toMatchObject({ category: "cp", closedOn: null });
  });

  it("takes a category change without category_since as from today, and a worker change with the new worker's team", async () => {
    const { core, storage, clock } = await testCore();
    await importCases(core, null, GOOD);
    clock.advance(60_000);
    expect(await importCases(core, null, csv("4471-JB,cp,out,,2026-09-01,,"))).toMatchObject({ ok: true, updated: 1 });
    expect(await storage.cases.find("4471-JB")).toMatchObject({ category: "cp", categorySince: "2026-11-23", workerId: "p-out", team: "South" });
    expect((await storage.cases.history("4471-JB")).slice(-3).map((c) => [c.field, c.value, c.effectiveOn])).toEqual([
      ["category", "cp", "2026-11-23"],
      ["worker", "p-out", "2026-11-23"],
      ["team", "South", "2026-11-23"],
    ]);
  });

  // [what is wrong, the file, the problems]
  const bad: [string, string, { line: number; column: string | null; problem: string }[]][] = [
    ["a name for a column", "case_ref,category,worker,opened_on,child_name\n4471-JB,cin,sam,2026-09-01,x", [{ line: 1, column: "child_name", problem: "is not a case register column (case_ref, category, worker, team, opened_on, category_since, closed_on); nothing about a child but the case reference is imported" }]],
    ["a missing column", "case_ref,category,opened_on\n4471-JB,cin,2026-09-01", [{ line: 1, column: "worker", problem: "is missing" }]],
    ["no rows", header, [{ line: 1, column: null, problem: "the file has no cases in it" }]],
    ["a name for a reference", csv("Jayden Smith,cin,sam,,2026-09-01,,"), [{ line: 2, column: "case_ref", problem: NAME_IN_CASE_REF }]],
    ["a first name in capitals", csv("JAYDEN 4471,cin,sam,,2026-09-01,,"), [{ line: 2, column: "case_ref", problem: NAME_IN_CASE_REF }]],
    ["not a reference", csv("JB-,cin,sam,,2026-09-01,,"), [{ line: 2, column: "case_ref", problem: '"JB-" is not a case reference: the case system\'s id, letters, digits, - / . and at least one digit' }]],
    ["an unknown category", csv("4471-JB,cin-ish,sam,,2026-09-01,,"), [{ line: 2, column: "category", problem: '"cin-ish" is not a case category of the default profile (assessment, cin, disability, cp, court, cla, care-experienced)' }]],
    ["someone not on the roster", csv("4471-JB,cin,bob,,2026-09-01,,"), [{ line: 2, column: "worker", problem: '"bob" is not on the roster' }]],
    ["no worker", csv("4471-JB,cin,,,2026-09-01,,"), [{ line: 2, column: "worker", problem: "is empty: every case needs its allocated worker's roster handle" }]],
    ["an unknown team", csv("4471-JB,cin,sam,East,2026-09-01,,"), [{ line: 2, column: "team", problem: '"East" is not a team on the roster (North, South)' }]],
    ["no such day", csv("4471-JB,cin,sam,,2026-02-30,,"), [{ line: 2, column: "opened_on", problem: '"2026-02-30" is not a date: write it as YYYY-MM-DD, e.g. 2026-03-31' }]],
    ["a day written the other way", csv("4471-JB,cin,sam,,01/09/2026,,"), [{ line: 2, column: "opened_on", problem: '"01/09/2026" is not a date: write it as YYYY-MM-DD, e.g. 2026-03-31' }]],
    ["a day to come", csv("4471-JB,cin,sam,,2026-11-24,,"), [{ line: 2, column: "opened_on", problem: "2026-11-24 is in the future (today is 2026-11-23)" }]],
    ["a category before the opening", csv("4471-JB,cin,sam,,2026-09-01,2026-08-31,"), [{ line: 2, column: "category_since", problem: "2026-08-31 is before the case opened (2026-09-01)" }]],
    ["a closing before the opening", csv("4471-JB,cin,sam,,2026-09-01,,2026-08-01"), [{ line: 2, column: "closed_on", problem: "2026-08-01 is before the case opened (2026-09-01)" }]],
    ["the same case twice, spelt two ways", csv("4471-JB,cin,sam,,2026-09-01,,", "JB 4471,cp,sam,,2026-09-01,,"), [{ line: 3, column: "case_ref", problem: '"4471-JB" is already on line 2' }]],
    ["a row with a cell too many", csv("4471-JB,cin,sam,,2026-09-01,,,x"), [{ line: 2, column: null, problem: "not readable as CSV: Invalid Record Length: columns length is 7, got 8 on line 2" }]],
    [
      "problems on several lines",
      csv("4471-JB,cin,sam,,2026-09-01,,", "5521-KT,xx,bob,,2026-13-01,,", "Kacey-Leigh,cin,sam,,2026-09-01,,"),
      [
        { line: 3, column: "category", problem: '"xx" is not a case category of the default profile (assessment, cin, disability, cp, court, cla, care-experienced)' },
        { line: 3, column: "worker", problem: '"bob" is not on the roster' },
        { line: 3, column: "opened_on", problem: '"2026-13-01" is not a date: write it as YYYY-MM-DD, e.g. 2026-03-31' },
        { line: 4, column: "case_ref", problem: NAME_IN_CASE_REF },
      ],
    ],
  ];

  it.each(bad)("refuses %s, with line and column, and imports nothing", async (_what, file, problems) => {
    const { core, storage } = await testCore();
    expect(await importCases(core, null, file)).toEqual({ ok: false, problems });
    expect(await storage.cases.list()).toEqual([]);
    expect(await storage.audit.list()).toEqual([]);
  });

  it("refuses a worker who has left", async () => {
    const { core, storage } = await testCore();
    const sam = (await storage.people.findByHandle("sam"))!;
    await storage.people.saveAll([{ ...sam, active: false }], core.clock.now());
    expect(await importCases(core, null, csv("4471-JB,cin,sam,,2026-09-01,,"))).toEqual({
      ok: false,
      problems: [{ line: 2, column: "worker", problem: '"sam" has left (inactive on the roster): allocate the case to someone still here' }],
    });
  });

  it("never repeats a name-looking reference in its problem", async () => {
    const { core } = await testCore();
    const result = await importCases(core, null, csv("Tyrone Smith,cin,sam,,2026-09-01,,"));
    expect(JSON.stringify(result)).not.toMatch(/Tyrone|Smith/);
  });
});
