// `oversight db migrate`: the migrations as a release step (docs/deployment.md), on either store.
import { readdirSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { emptyPostgresUrl } from "../support/postgres.ts";
import { ROOT, runCli, tempDir } from "../support/spawn.ts";
import { describeEachStore } from "../support/stores.ts";

const shipped = (folder: string) => readdirSync(path.join(ROOT, "prisma", folder), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

describeEachStore("db migrate", (store) => {
  it("applies every shipped migration to an empty database, and a second run leaves it current", async () => {
    const url = store.name === "SQLite" ? `file:${path.join(tempDir("db-migrate-"), "bot.db")}` : await emptyPostgresUrl();
    const migrations = shipped(store.name === "SQLite" ? "migrations" : "migrations-postgres");
    const expected = { ok: true, database: store.name.toLowerCase(), shipped: migrations.length, applied: migrations.length, latest: migrations.at(-1) };
    for (let run = 0; run < 2; run++) {
      const result = runCli(["db", "migrate"], { env: { DATABASE_URL: url } });
      expect(result, result.stderr).toMatchObject({ code: 0, stderr: "" });
      expect(JSON.parse(result.stdout)).toEqual(expected);
    }
  });
});
