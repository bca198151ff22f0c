import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { readGrant } from "../../src/services/dashboard-link.ts";
import { openSqliteStorage } from "../../src/storage/prisma/open-sqlite.ts";
import { team } from "../support/fixtures.ts";
import { runCli, startBot, tempDir } from "../support/spawn.ts";

// Issue 18 item 2: `cli dashboard-link --as HANDLE [--team T]` prints { url, expires } for the
// running bot, with no configuration on the embedded default (a key kept with the data).

describe("cli dashboard-link", () => {
  const dir = tempDir("cli-dashboard-");
  const env = { DATABASE_URL: `file:${path.join(dir, "bot.db")}`, DATA_DIR: dir, CI: "true" };
  const stops: (() => void)[] = [];
  afterEach(() => stops.splice(0).forEach((stop) => stop()));

  beforeAll(async () => {
    const storage = await openSqliteStorage(env.DATABASE_URL);
    await storage.people.saveAll(team(), new Date());
    await storage.close();
  });

  it("prints a link the running bot (same environment) opens, signed with the key it generated and kept", async () => {
    const bot = startBot({ ...env, PORT: "0" });
    stops.push(() => bot.child.kill());
    const url = await bot.started;
    const port = new URL(url).port;
    const result = runCli(["dashboard-link", "--as", "mo"], { env: { ...env, PORT: port } });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout) as { url: string; expires: string; team: string };
    expect(printed.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/dashboard\\?t=[\\w-]+\\.[\\w-]+$`));
    expect(printed.team).toBe("North");
    // DASHBOARD_LINK_MINUTES defaults to 15.
    const minutes = (Date.parse(printed.expires) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(10);
    expect(minutes).toBeLessThanOrEqual(15);
    const key = Buffer.from(readFileSync(path.join(dir, "dashboard.key"), "utf8").trim());
    expect(readGrant(key, new URL(printed.url).searchParams.get("t"), new Date())).toMatchObject({ personId: "p-mo", team: "North" });
    const page = await fetch(printed.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Compliance dashboard: North");
    expect((await fetch(`${url}/dashboard`)).status).toBe(401);
  });

  it("uses PUBLIC_URL, DASHBOARD_KEY and DASHBOARD_LINK_MINUTES when set", () => {
    const key = "an operator's key of at least 32 characters";
    const result = runCli(["dashboard-link", "--as", "aud", "--team", "south"], {
      env: { ...env, PUBLIC_URL: "https://oversight.example.gov.uk/", DASHBOARD_KEY: key, DASHBOARD_LINK_MINUTES: "5" },
    });
    expect(result.stderr).toBe("");
    const printed = JSON.parse(result.stdout) as { url: string; expires: string; team: string };
    expect(printed.url.startsWith("https://oversight.example.gov.uk/dashboard?t=")).toBe(true);
    expect(printed.team).toBe("South");
    expect((Date.parse(printed.expires) - Date.now()) / 60_000).toBeLessThanOrEqual(5);
    expect(readGrant(Buffer.from(key), new URL(printed.url).searchParams.get("t"), new Date())).toMatchObject({ personId: "p-aud", team: "South" });
  });

  it("refuses someone who may not see the team, and says what is missing", () => {
    const refused = runCli(["dashboard-link", "--as", "sam"], { env });
    expect(refused.code).not.toBe(0);
    expect(JSON.parse(refused.stderr)).toMatchObject({ error: { code: "DASHBOARD.NO_ACCESS" } });
    const usage = runCli(["dashboard-link"], { env });
    expect(JSON.parse(usage.stderr)).toMatchObject({ error: { code: "CLI.USAGE" } });
    const unknown = runCli(["dashboard-link", "--as", "nobody"], { env });
    expect(JSON.parse(unknown.stderr)).toMatchObject({ error: { code: "CLI.UNKNOWN_PERSON" } });
  });
});
