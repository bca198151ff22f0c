import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../../src/logger.ts";
import { dashboardRoute } from "../../src/server/dashboard-route.ts";
import { startHttpServer, type HttpServer } from "../../src/server/http.ts";
import { complianceSummary } from "../../src/services/compliance-summary.ts";
import { DASHBOARD_PATH, dashboardLink, signGrant, type DashboardLinks } from "../../src/services/dashboard-link.ts";
import { november, type T } from "../support/compliance-month.ts";

const KEY = Buffer.from("d".repeat(32));

describe("the dashboard page (GET /dashboard through the bot's HTTP server)", () => {
  const servers: HttpServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });

  async function serve(t: T) {
    const server = await startHttpServer({ host: "127.0.0.1", port: 0, routes: { [DASHBOARD_PATH]: dashboardRoute(t.core, KEY, silentLogger) }, health: async () => true, log: silentLogger });
    servers.push(server);
    const links: DashboardLinks = { key: KEY, baseUrl: server.url, minutes: 15 };
    return { server, links };
  }

  const figure = (html: string, name: string) => new RegExp(`data-${name}="([^"]*)"`).exec(html)?.[1];

  it("shows a manager their team's month, the same figures as the compliance summary, with the 12-month charts", async () => {
    const { t } = await november();
    const { links } = await serve(t);
    const lee = await t.person("lee");
    const link = await dashboardLink(t.core, lee, links);
    const res = await fetch(link.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await res.text();
    const summary = await complianceSummary(t.core, lee, { team: "North", month: "2026-11" });
    expect(figure(html, "notes")).toBe(String(summary.notes));
    expect(figure(html, "completion-percent")).toBe("50");
    expect(figure(html, "on-record-percent")).toBe("25");
    expect(figure(html, "overdue")).toBe(String(summary.overdue.length));
    expect(html).toContain("<h1>Compliance dashboard: North, Nov 2026</h1>");
    // Case references and handles, never a child's name; the late reason escaped.
    expect(html).toContain("1003-CC");
    expect(html).toContain("In court, &quot;all week&quot;");
    expect(html).not.toMatch(/<script/i);
    const charts = [...html.matchAll(/<figure class="chart" id="([\w-]+)"/g)].map((m) => m[1]);
    expect(charts).toEqual(["within-deadlines", "notes-recorded"]);
    expect(html.match(/<svg role="img"/g)?.length).toBe(2);
    // Twelve months, December 2025 to November 2026, in each chart's table.
    expect(html).toContain("Trends, Dec 2025 to Nov 2026");
    expect(html.match(/<th scope="row">Dec 2025<\/th>/g)?.length).toBe(2);
    // The month before is a link; there is no month after the current one.
    expect(html).toMatch(/<a href="\/dashboard\?t=[\w.-]+&amp;month=2026-10" rel="prev">/);
    expect(html).not.toContain('rel="next"');
    // One view of twelve months audited once: October's note and November's five.
    const views = (await t.storage.audit.list()).filter((e) => e.action === "dashboard.view");
    expect(views.map((e) => [e.actorId, e.entityId, e.detail])).toEqual([["p-lee", "North", { from: "2025-12", to: "2026-11", outcome: "shown", notes: 6 }]]);
  });

  it("shows an earlier month on asking, with a link forward", async () => {
    const { t } = await november();
    const { links } = await serve(t);
    const link = await dashboardLink(t.core, await t.person("mo"), links);
    const html = await (await fetch(`${link.url}&month=2026-10`)).text();
    expect(html).toContain("Compliance dashboard: North, Oct 2026");
    expect(figure(html, "notes")).toBe("1");
    expect(html).toContain('rel="next"');
    for (const month of ["2026-13", "Nov", "2027-01"]) expect((await fetch(`${link.url}&month=${month}`)).status).toBe(400);
  });

  it("answers 401 and shows nothing without a valid, unexpired link", async () => {
    const { t } = await november();
    const { server, links } = await serve(t);
    const link = await dashboardLink(t.core, await t.person("lee"), links);
    const token = new URL(link.url).searchParams.get("t")!;
    const attempts = [
      `${server.url}${DASHBOARD_PATH}`,
      `${server.url}${DASHBOARD_PATH}?t=`,
      `${server.url}${DASHBOARD_PATH}?t=${token.slice(0, -2)}`,
      `${server.url}${DASHBOARD_PATH}?t=${signGrant(Buffer.from("x".repeat(32)), { personId: "p-lee", team: "North", expires: link.expires })}`,
    ];
    for (const url of attempts) {
      const res = await fetch(url);
      expect(res.status).toBe(401);
      const body = await res.text();
      expect(body).toBe("This dashboard link has expired or is not valid. Ask the bot for a new one: type dashboard.");
    }
    t.clock.advance(15 * 60_000);
    const expired = await fetch(link.url);
    expect(expired.status).toBe(401);
    expect(await expired.text()).not.toContain("North");
  });

  it("checks access on every request: a link for someone who may not see the team, or has left, shows nothing", async () => {
    const { t } = await november();
    const { server, links } = await serve(t);
    const expires = new Date(t.clock.now().getTime() + 60_000);
    // A validly signed grant for a practitioner: the link is genuine, the access is not.
    const forSam = `${server.url}${DASHBOARD_PATH}?t=${signGrant(KEY, { personId: "p-sam", team: "North", expires })}`;
    const refused = await fetch(forSam);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toBe("You may no longer see this team's dashboard.");
    const link = await dashboardLink(t.core, await t.person("mo"), links);
    expect((await fetch(link.url)).status).toBe(200);
    const mo = await t.person("mo");
    await t.storage.people.saveAll([{ ...mo, active: false }], t.clock.now());
    expect((await fetch(link.url)).status).toBe(403);
  });
});
