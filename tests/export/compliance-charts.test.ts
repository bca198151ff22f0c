import { describe, expect, it } from "vitest";
import { monthLabel } from "../../src/domain/london-time.ts";
import { complianceCharts } from "../../src/export/compliance-charts.ts";
import { complianceMonths } from "../../src/services/compliance-summary.ts";
import { november } from "../support/compliance-month.ts";

describe("compliance charts (server-side SVG)", () => {
  it("draws each trend as an SVG named by its title, with the same figures as a table", async () => {
    const { t } = await november();
    const { months } = await complianceMonths(t.core, await t.person("lee"), { team: "North", from: "2026-10", to: "2026-11" }, "dashboard.view");
    const charts = complianceCharts(months, t.core.prompts);
    expect(charts.length).toBeGreaterThanOrEqual(2);
    for (const chart of charts) {
      expect(chart.svg).toMatch(/^<svg role="img" aria-labelledby="[\w-]+-title" aria-describedby="[\w-]+-desc"/);
      expect(chart.svg).toContain(`<title id="${chart.id}-title">`);
      expect(chart.table.rows.map((row) => row[0])).toEqual(["Oct 2026", "Nov 2026"]);
    }
    const within = charts.find((c) => c.id === "within-deadlines")!;
    // November: 2 of 4 recorded on time (50%), 1 of 4 on the case record on time (25%).
    expect(within.table.rows[1]).toEqual(["Nov 2026", "50%", "25%"]);
    expect(within.svg).toContain("#0072B2");
  });

  it("names months the way people read them", () => {
    expect(monthLabel("2026-01")).toBe("Jan 2026");
    expect(monthLabel("2026-12")).toBe("Dec 2026");
  });
});
