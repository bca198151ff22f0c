import path from "node:path";
import { readFileSync, writeFileSync } from "node:fs";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/domain/clock.ts";
import { loadPrompts } from "../../src/prompts/prompts.ts";
import { DEFAULT_SETTINGS } from "../../src/services/core.ts";
import { commentOnNote } from "../../src/services/comment-on-note.ts";
import { openSqliteStorage } from "../../src/storage/prisma/open-sqlite.ts";
import { completeFields, DESIGN_EXAMPLE, team } from "../support/fixtures.ts";
import { runCli, tempDir } from "../support/spawn.ts";


describe("cli help", () => {
  it.each(["--help", "-h", "help"])("%s prints plain usage on stdout and exits 0", (flag) => {
    const { code, stdout, stderr } = runCli([flag]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^usage: oversight <command>\n {2}parse /);
    expect(stderr).toBe("");
  });

  it("an unknown command is still an error, as JSON on stderr", () => {
    const { code, stderr } = runCli(["frobnicate"]);
    expect(code).toBe(1);
    expect(JSON.parse(stderr).error.code).toBe("CLI.USAGE");
  });
});

describe("the README's roster example", () => {
  it("imports as written, a working-hours value with commas included", () => {
    const readme = readFileSync(path.join(import.meta.dirname, "..", "..", "README.md"), "utf8");
    const csv = /## Roster[\s\S]*?```csv\n([\s\S]*?)```/.exec(readme)![1]!;
    const dir = tempDir("readme-roster-");
    const file = path.join(dir, "roster.csv");
    writeFileSync(file, csv);
    const imported = runCli(["roster", "import", file], { env: { DATABASE_URL: `file:${path.join(dir, "bot.db")}` } });
    expect(imported.stderr).toBe("");
    expect(JSON.parse(imported.stdout)).toMatchObject({ ok: true, imported: 3 });
  });
});

describe("cli parse", () => {
  it("prints the draft of docs/design.md's example message read from stdin", () => {
    const { code, stdout } = runCli(["parse", "--now", "2026-11-23T15:00:00Z", "--tz", "Europe/London"], { stdin: DESIGN_EXAMPLE });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      caseRef: "4471-JB",
      kind: null,
      discussedAt: "2026-11-23T14:10:00.000Z",
      participants: ["@sam"],
      issue: "missed two home visits, school reports bruising",
      options: ["strategy discussion", "unannounced visit tomorrow"],
      decision: "unannounced visit tomorrow with police check beforehand",
      rationale: "bruising plus missed visits raise risk; a strategy discussion would delay seeing the child",
      disagreements: [{ who: "Sam", view: "preferred strategy discussion today" }],
      actions: [
        { what: "visit", owner: "Sam", due: "2026-11-24T17:00:00.000Z" },
        { what: "review", owner: "me", due: "2026-11-27T17:30:00.000Z" },
      ],
      childViews: null,
      missing: [],
      // Every field was under its label ("Sam disagreed:" too), or is a case id, a time, an @handle: nothing guessed.
      guessed: [],
    });
  });

  it("--roster FILE reads colleagues named without @ as the bot does (issue 14's walkthrough)", () => {
    const stdin = "spoke to sam re 5521-KT just now - mum not engaging, agreed we step up to CP strategy discussion this week because of the new DV incident; sam wasn't sure, thought TAF first. sam to arrange strat by thurs";
    const roster = path.resolve("tests/capture/messy-roster.csv");
    const { code, stdout } = runCli(["parse", "--now", "2026-12-04T15:30:00Z", "--roster", roster], { stdin });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      caseRef: "5521-KT",
      discussedAt: "2026-12-04T15:30:00.000Z",
      participants: ["Sam"],
      issue: "mum not engaging",
      decision: "step up to CP strategy discussion this week",
      rationale: "the new DV incident",
      disagreements: [{ who: "Sam", view: "thought TAF first" }],
      actions: [{ what: "arrange strat", owner: "Sam", due: "2026-12-10T17:30:00.000Z" }],
      // All read from prose: guesses for the person to check (issue 14 item 2).
      guessed: ["kind", "participants", "issue", "decision", "rationale", "disagreements", "actions"],
    });
    const unreadable = runCli(["parse", "--roster", path.resolve("no-such-roster.csv")], { stdin });
    expect(JSON.parse(unreadable.stderr).error.code).toBe("CLI.FILE");
  });

  it.each([
    [["parse", "--now", "yesterday"], "CLI.NOW"],
    [["parse", "--now", "2026-11-23 10:00"], "CLI.NOW"],
    [["parse", "--tz", "America/New_York"], "CLI.TZ"],
    [["frobnicate"], "CLI.USAGE"],
    [["parse", "--bogus"], "CLI.USAGE"],
  ])("%j fails with a JSON error on stderr", (args, code) => {
    const result = runCli(args, { stdin: "x" });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(JSON.parse(result.stderr).error.code).toBe(code);
  });
});

describe("cli on a database", () => {
  const dir = tempDir("cli-");
  const env = { DATABASE_URL: `file:${path.join(dir, "bot.db")}` };

  beforeAll(async () => {
    const storage = await openSqliteStorage(env.DATABASE_URL);
    const clock = new FixedClock("2026-11-23T15:00:00Z");
    await storage.people.saveAll(team(), clock.now());
    await storage.notes.create({
      id: "n1",
      sourceKey: null,
      status: "recorded",
      fields: completeFields(),
      createdAt: clock.now(),
      createdById: "p-mo",
      recorderId: "p-mo",
      recording: { at: clock.now(), byId: "p-mo", recorderId: "p-mo", lateReason: null },
    });
    const core = { storage, clock, newId: () => "c1", settings: DEFAULT_SETTINGS, prompts: loadPrompts() };
    await commentOnNote(core, (await storage.people.findByHandle("sam"))!, "n1", "comment", "Agreed in the end");
    await storage.close();
  });

  it("imports a roster, reporting bad rows by line on stderr and importing nothing", () => {
    const bad = path.join(dir, "bad.csv");
    writeFileSync(bad, "handle,name,role\nzed,Zed Q,practitioner\nyan,Yan,chief\n");
    const refused = runCli(["roster", "import", bad], { env });
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr).error).toMatchObject({ code: "ROSTER.INVALID", problems: [{ line: 3, column: "role" }] });
    const good = path.join(dir, "good.csv");
    writeFileSync(good, "handle,name,role,line_manager\nzed,Zed Q,practitioner,mo\n");
    const imported = runCli(["roster", "import", good], { env });
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toEqual({ ok: true, imported: 1, created: 1, updated: 0 });
  });

  it("exports a note as text, CSV or for a whole case, applying access rules", () => {
    const text = runCli(["export", "n1", "--as", "lee"], { env });
    expect(text.code).toBe(0);
    expect(JSON.parse(text.stdout).content).toMatch(/^Management Oversight – Ad hoc – 4471-JB\n/);
    // However the case is typed (issue 14 item 4).
    const csv = runCli(["export", "--case", "jb 4471", "--as", "aud", "--format", "csv"], { env });
    expect(JSON.parse(csv.stdout)).toMatchObject({ caseRef: "4471-JB", notes: [{ noteId: "n1", format: "csv" }] });
    const refused = runCli(["export", "n1", "--as", "out"], { env });
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stderr).error.code).toBe("NOTE.NO_ACCESS");
  });

  it("verifies the audit chain and reports the first broken link after tampering", () => {
    const intact = runCli(["audit", "verify"], { env });
    expect(intact.code).toBe(0);
    const verdict = JSON.parse(intact.stdout);
    expect(verdict.ok).toBe(true);
    expect(verdict.entries).toBeGreaterThanOrEqual(3);
    const db = new Database(path.join(dir, "bot.db"));
    const tamper = () => db.prepare(`update AuditEntry set actorId = 'p-lee' where seq = 2`).run();
    expect(tamper).toThrow("AuditEntry is append-only");
    expect(() => db.prepare(`delete from NoteRevision`).run()).toThrow("NoteRevision is append-only");
    // Someone with the file in hand can drop the guard; the hash chain still shows the edit.
    db.exec(`drop trigger "AuditEntry_append_only_update"`);
    tamper();
    db.close();
    const broken = runCli(["audit", "verify"], { env });
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, brokenAt: 2, reason: "hash-mismatch" });
  });
});
