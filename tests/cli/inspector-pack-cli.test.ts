import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openSqliteStorage } from "../../src/storage/prisma/open-sqlite.ts";
import { team } from "../support/fixtures.ts";
import { runCli, tempDir } from "../support/spawn.ts";

// `cli inspector-pack` writes the pack (tests/export/inspector-pack.test.ts checks its contents) into a new folder.

describe("cli inspector-pack", () => {
  const dir = tempDir("cli-pack-");
  const env = { DATABASE_URL: `file:${path.join(dir, "bot.db")}`, DATA_DIR: dir };
  beforeAll(async () => {
    const storage = await openSqliteStorage(env.DATABASE_URL);
    await storage.people.saveAll(team(), new Date("2026-11-01T09:00:00Z"));
    await storage.close();
  });

  it("writes the pack into a new folder and says what it wrote; never over another; only for those who may see the team", () => {
    const out = path.join(dir, "pack");
    const args = ["inspector-pack", "--team", "North", "--from", "2026-09", "--to", "2026-11", "--as", "aud", "--out", out];
    const result = runCli(args, { env });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ out, team: "North", from: "2026-09", to: "2026-11", notes: 0, withheld: [] });
    for (const file of ["README.txt", "index.html", "MANIFEST.sha256", "compliance/2026-09.html", "compliance/2026-11.csv", "audit/audit-extract.jsonl", "audit/verify-extract.mjs"]) {
      expect(existsSync(path.join(out, file)), file).toBe(true);
    }
    expect(readFileSync(path.join(out, "README.txt"), "utf8")).toContain("Exported by @aud on");

    const again = runCli(args, { env });
    expect(again.code).not.toBe(0);
    expect(JSON.parse(again.stderr)).toMatchObject({ error: { code: "CLI.OUT_NOT_EMPTY" } });
    const refused = runCli(["inspector-pack", "--team", "North", "--from", "2026-11", "--to", "2026-11", "--as", "sam", "--out", path.join(dir, "sam")], { env });
    expect(JSON.parse(refused.stderr)).toMatchObject({ error: { code: "COMPLIANCE.NO_ACCESS" } });
    expect(existsSync(path.join(dir, "sam"))).toBe(false);
    const backwards = runCli(["inspector-pack", "--team", "North", "--from", "2026-11", "--to", "2026-10", "--as", "aud", "--out", path.join(dir, "b")], { env });
    expect(JSON.parse(backwards.stderr)).toMatchObject({ error: { code: "COMPLIANCE.BAD_PERIOD" } });
  });
});
