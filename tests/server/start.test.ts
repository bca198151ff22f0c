import { existsSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { startBot, tempDir } from "../support/spawn.ts";

describe("npm start without a terminal", () => {
  let stop: (() => void) | undefined;
  afterEach(() => stop?.());

  it("creates and migrates the SQLite file in the data directory (WAL) and serves /healthz on loopback", async () => {
    const dataDir = tempDir("bot-data-");
    const bot = startBot({ PORT: "0", DATA_DIR: dataDir, CI: "true" });
    stop = () => bot.child.kill();
    const url = await bot.started;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    expect((await fetch(`${url}/nothing-here`)).status).toBe(404);
    // Teams is served anonymously (no app id), for trying the bot locally.
    const install = await fetch(`${url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "conversationUpdate", id: "1", channelId: "msteams", serviceUrl: "http://127.0.0.1:9/", from: { id: "29:x" }, recipient: { id: "28:bot" }, conversation: { id: "19:c@thread.tacv2", conversationType: "channel" }, membersAdded: [{ id: "29:x" }] }),
    });
    expect(install.status).toBe(200);
    const file = path.join(dataDir, "oversight.db");
    expect(existsSync(file)).toBe(true);
    const db = new Database(file, { readonly: true });
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.prepare("select count(*) as n from _prisma_migrations where finished_at is not null").get()).toMatchObject({ n: expect.any(Number) });
    db.close();
    bot.child.kill("SIGTERM");
    expect(await bot.exited).toBe(0);
  });

  it.each([
    [{ PORT: "eighty" }, "Configuration: PORT must be a port number (got \"eighty\")"],
    [{ HOST: "0.0.0.0" }, "Configuration: HOST is 0.0.0.0 but the Teams endpoint has no MicrosoftAppId, so it cannot check who calls it; set MicrosoftAppId and MicrosoftAppPassword, or TEAMS=off, or HOST=127.0.0.1"],
    [{ POLICY_PROFILE: "leeds" }, "Configuration: POLICY_PROFILE No profile \"leeds\"; the profiles are default, coventry, kent, merton, south-gloucestershire, stoke-on-trent"],
  ])("stops with one clear line for a bad setting %o", async (env, line) => {
    const bot = startBot({ ...env, DATA_DIR: tempDir("bot-data-") });
    expect(await bot.exited).toBe(1);
    expect(bot.stderr().trim()).toBe(line);
  });
});
