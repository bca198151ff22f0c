import { describe, expect, it } from "vitest";
import { dashboardLink, readGrant, signGrant, type DashboardLinks } from "../../src/services/dashboard-link.ts";
import { testCore } from "../support/core.ts";

const KEY = Buffer.from("k".repeat(32));
const links: DashboardLinks = { key: KEY, baseUrl: "https://oversight.example.gov.uk", minutes: 15 };

describe("dashboard links", () => {
  it("gives a manager a link to their own team for the configured minutes, bound to them, audited", async () => {
    const t = await testCore();
    const link = await dashboardLink(t.core, await t.person("mo"), links);
    expect(link.team).toBe("North");
    expect(link.expires).toEqual(new Date(t.clock.now().getTime() + 15 * 60_000));
    expect(link.url).toMatch(/^https:\/\/oversight\.example\.gov\.uk\/dashboard\?t=[\w-]+\.[\w-]+$/);
    const grant = readGrant(KEY, new URL(link.url).searchParams.get("t"), t.clock.now());
    expect(grant).toEqual({ personId: "p-mo", team: "North", expires: link.expires });
    const entries = await t.storage.audit.list();
    expect(entries.filter((e) => e.action === "dashboard.link").map((e) => [e.actorId, e.entityId, (e.detail as { outcome: string }).outcome])).toEqual([["p-mo", "North", "given"]]);
  });

  it("asks an auditor which team when they may see several, and takes a team typed in any case", async () => {
    const t = await testCore();
    const auditor = await t.person("aud");
    await expect(dashboardLink(t.core, auditor, links)).rejects.toMatchObject({ code: "DASHBOARD.WHICH_TEAM", params: { teams: "North, South" } });
    expect((await dashboardLink(t.core, auditor, links, "south")).team).toBe("South");
  });

  it("refuses a practitioner, and a manager another team's dashboard, and audits the refusal", async () => {
    const t = await testCore();
    await expect(dashboardLink(t.core, await t.person("sam"), links)).rejects.toMatchObject({ code: "DASHBOARD.NO_ACCESS" });
    await expect(dashboardLink(t.core, await t.person("mo"), links, "South")).rejects.toMatchObject({ code: "DASHBOARD.NO_ACCESS", params: { team: "South" } });
    const refused = (await t.storage.audit.list()).filter((e) => e.action === "dashboard.link" && (e.detail as { outcome: string }).outcome === "refused");
    expect(refused.map((e) => e.actorId)).toEqual(["p-mo"]);
  });

  it("reads only a token it signed, unaltered and unexpired", () => {
    const now = new Date("2026-11-23T15:00:00Z");
    const expires = new Date("2026-11-23T15:15:00Z");
    const token = signGrant(KEY, { personId: "p-mo", team: "North", expires });
    expect(readGrant(KEY, token, now)).toEqual({ personId: "p-mo", team: "North", expires });
    expect(readGrant(KEY, token, new Date("2026-11-23T15:14:59Z"))).not.toBeNull();
    expect(readGrant(KEY, token, expires)).toBeNull();
    expect(readGrant(Buffer.from("x".repeat(32)), token, now)).toBeNull();
    const [payload, signature] = token.split(".") as [string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), t: "South" })).toString("base64url");
    expect(readGrant(KEY, `${forged}.${signature}`, now)).toBeNull();
    expect(readGrant(KEY, `${payload}.${signature.slice(0, -1)}`, now)).toBeNull();
    expect(readGrant(KEY, `${token}.extra`, now)).toBeNull();
    expect(readGrant(KEY, "", now)).toBeNull();
    expect(readGrant(KEY, null, now)).toBeNull();
    // Two links given at once differ (a nonce): neither can be told from the other's text.
    expect(signGrant(KEY, { personId: "p-mo", team: "North", expires })).not.toBe(token);
  });
});
