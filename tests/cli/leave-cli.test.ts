import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { openSqliteStorage } from "../../src/storage/prisma/open-sqlite.ts";
import { team } from "../support/fixtures.ts";
import { runCli, tempDir } from "../support/spawn.ts";

describe("cli leave", () => {
  const env = { DATABASE_URL: `file:${path.join(tempDir("cli-leave-"), "bot.db")}` };

  beforeAll(async () => {
    const storage = await openSqliteStorage(env.DATABASE_URL);
    await storage.people.saveAll(team(), new Date("2026-11-23T10:00:00Z"));
    await storage.close();
  });

  it("records, lists and removes a person's absence, and refuses a date it cannot read", async () => {
    const added = runCli(["leave", "add", "lee", "2026-12-21", "2027-01-01"], { env });
    expect(added.code, added.stderr).toBe(0);
    const { absence } = JSON.parse(added.stdout) as { absence: { id: string; fromDate: string; toDate: string } };
    expect([absence.fromDate, absence.toDate]).toEqual(["2026-12-21", "2027-01-01"]);

    const listed = runCli(["leave", "list", "lee"], { env });
    expect(JSON.parse(listed.stdout)).toMatchObject({ handle: "lee", absences: [{ id: absence.id, personId: "p-lee" }] });

    const bad = runCli(["leave", "add", "lee", "21/12/2026"], { env });
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stderr)).toMatchObject({ error: { code: "ABSENCE.BAD_DATE" } });

    expect(runCli(["leave", "remove", "lee", absence.id], { env }).code).toBe(0);
    expect(JSON.parse(runCli(["leave", "list", "lee"], { env }).stdout).absences).toEqual([]);
  });
});
