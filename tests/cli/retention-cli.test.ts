import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openSqliteStorage } from "../../src/storage/prisma/open-sqlite.ts";
import { completeFields, team } from "../support/fixtures.ts";
import { runCli, tempDir } from "../support/spawn.ts";

describe("cli retention run", () => {
  const env = { DATABASE_URL: `file:${path.join(tempDir("cli-retention-"), "bot.db")}` };

  beforeAll(async () => {
    const storage = await openSqliteStorage(env.DATABASE_URL);
    const at = new Date("2026-11-23T15:00:00Z");
    // sam left in March 2027; mo is still with the authority.
    await storage.people.saveAll(team().map((p) => (p.handle === "sam" ? { ...p, active: false, leftAt: new Date("2027-03-01T00:00:00Z") } : p)), at);
    for (const [id, participantIds] of [["n1", ["p-mo", "p-sam"]], ["n2", ["p-sam"]]] as const) {
      const audit = [{ at, actorId: "p-mo", action: "note.record" as const, entityType: "note" as const, entityId: id, detail: {} }];
      await storage.notes.create({ id, sourceKey: null, status: "recorded", fields: completeFields({ participantIds: [...participantIds] }), createdAt: at, createdById: "p-mo", recorderId: "p-mo", recording: { at, byId: "p-mo", recorderId: "p-mo", lateReason: null } }, audit);
      await storage.notes.addComment({ id: `c-${id}`, noteId: id, at, byId: "p-sam", kind: "comment", text: "Agreed" });
      await storage.notes.markOnCaseRecord(id, new Date("2026-11-25T10:00:00Z"), "p-mo", null);
    }
    await storage.close();
  });

  it("applies the profile's rules: Coventry keeps what someone still there took part in; a dry run first, then the run, and the audit chain still verifies", async () => {
    const now = ["--now", "2029-06-01T00:00:00Z"];
    const coventry = runCli(["retention", "run", "--dry-run", ...now], { env: { ...env, POLICY_PROFILE: "coventry" } });
    expect(coventry.code, coventry.stderr).toBe(0);
    const planned = JSON.parse(coventry.stdout);
    expect(planned).toMatchObject({ dryRun: true, profile: "coventry", checked: 2, purged: 0, due: [{ noteId: "n2", rule: "retention.after-leaving" }] });
    expect(planned.due[0].explain).toContain("[003 8.12]");

    const run = runCli(["retention", "run", ...now], { env: { ...env, POLICY_PROFILE: "coventry" } });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ dryRun: false, purged: 1, due: [{ noteId: "n2" }] });

    const verified = runCli(["audit", "verify"], { env });
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true });

    const shown = runCli(["export", "n2", "--as", "mo"], { env });
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout).content).toContain("Content removed: the bot's copy of this note's content was removed on");

    // The default profile's rule is 12 months on the case record, whoever has left: n1 goes too.
    const rest = JSON.parse(runCli(["retention", "run", ...now], { env }).stdout);
    expect(rest).toMatchObject({ profile: "default", checked: 1, purged: 1, due: [{ noteId: "n1", rule: "retention.on-case-record" }] });
    expect(JSON.parse(runCli(["audit", "verify"], { env }).stdout)).toMatchObject({ ok: true });
  });

  it("says how to use it", () => {
    const bad = runCli(["retention", "go"], { env });
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stderr)).toMatchObject({ error: { code: "CLI.USAGE", message: "usage: retention run [--dry-run] [--now ISO]" } });
  });
});
