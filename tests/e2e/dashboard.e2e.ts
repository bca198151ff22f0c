import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/domain/clock.ts";
import { openStorage } from "../../src/storage/prisma/open-storage.ts";
import { november, NOW } from "../support/compliance-month.ts";
import { coreOn } from "../support/core.ts";
import { botEnv, freePort, runCli, startBot, stopChild, waitForOutput, type Child } from "./support/processes.ts";

// Issue 18 items 1–3: the compliance dashboard in a real browser. North's November (the month
// tests/services/compliance.test.ts checks figure by figure) is recorded in a database; the bot
// serves it on a clock standing at Mon 30 Nov 2026 12:00; `cli dashboard-link` gives the
// manager's link; headless Chromium, with JavaScript off, opens it and reads the figures the
// compliance summary gives, the drawn charts and their tables, the print view, and a link that
// is not one. The screenshots are kept (their paths are printed).

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

describe("the compliance dashboard in Chromium", () => {
  const work = mkdtempSync(path.join(os.tmpdir(), "oversight-dashboard-e2e-"));
  const clockFile = path.join(work, "clock");
  const env = botEnv({ DATA_DIR: path.join(work, "data"), DATABASE_URL: `file:${path.join(work, "data", "oversight.db")}`, CI: "true", SCHEDULER: "off" });
  let bot: Child | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let botUrl = "";
  const outside: string[] = [];

  beforeAll(async () => {
    const storage = await openStorage(env.DATABASE_URL!, { clock: new FixedClock(NOW) });
    try {
      await november(await coreOn(storage, new FixedClock(NOW)));
    } finally {
      await storage.close();
    }
    writeFileSync(clockFile, NOW);
    const port = await freePort();
    env.PORT = String(port);
    bot = startBot(env, clockFile);
    const started = await waitForOutput(bot, /"event":"server.started","url":"([^"]+)"/, 120_000);
    botUrl = started[1]!;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
    // No JavaScript: the page must read without it. Nothing but the bot may be reached.
    context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1100, height: 900 }, locale: "en-GB", timezoneId: "Europe/London" });
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if (url.origin === botUrl || url.protocol === "data:") return route.continue();
      outside.push(url.origin);
      return route.abort("blockedbyclient");
    });
  });

  afterAll(async () => {
    await browser?.close();
    await stopChild(bot);
    if (!process.env.E2E_KEEP) rmSync(path.join(work, "data"), { recursive: true, force: true });
  });

  it("opens from the manager's link and shows the compliance summary's figures, charts and tables; prints", async () => {
    const link = await runCli(["dashboard-link", "--as", "lee"], env);
    expect(link.code, link.stderr).toBe(0);
    const { url } = JSON.parse(link.stdout) as { url: string; expires: string };
    expect(url.startsWith(`${botUrl}/dashboard?t=`)).toBe(true);
    const asked = await runCli(["compliance", "--team", "North", "--month", "2026-11", "--as", "lee", "--now", NOW], env);
    expect(asked.code, asked.stderr).toBe(0);
    const summary = JSON.parse(asked.stdout) as {
      notes: number;
      completion: { metOnTime: number; counted: number; percentWithinDeadline: number };
      onCaseRecord: { metOnTime: number; counted: number; percentWithinDeadline: number };
      overdue: { caseRef: string }[];
      lateReasons: { caseRef: string; reason: string }[];
    };

    const page = await context!.newPage();
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.title()).toBe("Compliance dashboard: North, Nov 2026");

    // The month's figures, as the summary has them.
    const value = (label: string) => page.locator("dl > div", { has: page.locator("dt", { hasText: label }) }).locator("dd").innerText();
    expect(await value("Notes discussed")).toBe(String(summary.notes));
    const { completion, onCaseRecord } = summary;
    expect(await value("Completed within deadline")).toContain(`${completion.metOnTime} of ${completion.counted} (${completion.percentWithinDeadline}%)`);
    expect(await value("On the case record within deadline")).toContain(`${onCaseRecord.metOnTime} of ${onCaseRecord.counted} (${onCaseRecord.percentWithinDeadline}%)`);
    const overdue = page.locator("section.month h3", { hasText: /^Overdue/ }).locator("xpath=following-sibling::ul[1]/li");
    expect(await overdue.count()).toBe(summary.overdue.length);
    for (const [i, item] of summary.overdue.entries()) expect(await overdue.nth(i).innerText()).toContain(item.caseRef);
    const late = await page.locator("section.month").innerText();
    for (const reason of summary.lateReasons) expect(late).toContain(reason.reason);

    // The charts: drawn (an SVG with marks in it, of a real size), titled, and their tables of twelve months.
    const charts = page.locator("figure.chart");
    expect(await charts.count()).toBe(2);
    for (const id of ["within-deadlines", "notes-recorded"]) {
      const chart = page.locator(`figure#${id}`);
      const svg = chart.locator("svg[role=img]");
      const box = await svg.boundingBox();
      expect(box?.width).toBeGreaterThan(300);
      expect(box?.height).toBeGreaterThan(150);
      expect(await svg.locator("path").count()).toBeGreaterThan(10);
      const labelledBy = await svg.getAttribute("aria-labelledby");
      expect(await svg.locator(`title#${labelledBy}`).textContent()).toBe(await chart.locator("figcaption h3").innerText());
      expect(await chart.locator("tbody tr").count()).toBe(12);
    }
    const percent = page.locator("figure#within-deadlines tbody tr").last();
    expect(await percent.innerText()).toBe(`Nov 2026\t${completion.percentWithinDeadline}%\t${onCaseRecord.percentWithinDeadline}%`);
    const shot = path.join(work, "dashboard.png");
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`[e2e] dashboard screenshot kept: ${shot}`);

    // Printed: no navigation, the tables shown, the charts within the page's width.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("nav").isVisible()).toBe(false);
    expect(await page.locator("figure#within-deadlines table").isVisible()).toBe(true);
    const printed = path.join(work, "dashboard-print.png");
    await page.screenshot({ path: printed, fullPage: true });
    console.log(`[e2e] print view kept: ${printed}`);

    // The month before, by its link.
    await page.emulateMedia({ media: "screen" });
    await page.locator("a[rel=prev]").click();
    await expect.poll(() => page.title()).toBe("Compliance dashboard: North, Oct 2026");
    expect(await value("Notes discussed")).toBe("1");
    expect(outside).toEqual([]);
  });

  it("shows nothing without a valid link", async () => {
    const page = await context!.newPage();
    for (const url of [`${botUrl}/dashboard`, `${botUrl}/dashboard?t=forged.token`]) {
      const response = await page.goto(url);
      expect(response?.status()).toBe(401);
      const text = await page.locator("body").innerText();
      expect(text).toBe("This dashboard link has expired or is not valid. Ask the bot for a new one: type dashboard.");
    }
  });
});
