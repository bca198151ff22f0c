import type { Block } from "../content/message.ts";
import { formatLondon, monthLabel } from "../domain/london-time.ts";
import type { Prompts } from "../prompts/prompts.ts";
import type { ComplianceSummary } from "../services/compliance-summary.ts";
import { complianceCharts, type ComplianceChart } from "./compliance-charts.ts";
import { complianceMessage } from "./compliance-message.ts";

/** What a compliance page shows: one month's figures in full, and the trend over `months` (oldest first). */
export interface ComplianceReport {
  team: string;
  /** The months charted, oldest first; `shown` is one of them. */
  months: readonly ComplianceSummary[];
  /** The month whose figures are shown in full (YYYY-MM). */
  shown: string;
  /** Links to the month before and after, when there is one to go to. */
  nav?: { previous?: string; next?: string };
  /** A line under the heading: who the page is for and until when (the dashboard), or who exported it (the pack). */
  note?: string;
}

/**
 * A team's compliance as one HTML page: the month's figures (the same words as the chat
 * reply), then each trend chart as server-drawn SVG with its figures as a table. No script,
 * no outside resource, so it reads without JavaScript, prints, and is kept as a file.
 * Everything from the data is escaped.
 */
export function complianceReportHtml(report: ComplianceReport, prompts: Prompts): string {
  const say = prompts.say;
  const summary = report.months.find((m) => m.month === report.shown);
  if (!summary) throw new Error(`month ${report.shown} is not among the months charted`);
  const title = say("dashboard.title", { team: report.team, month: monthLabel(report.shown) });
  const charts = complianceCharts(report.months, prompts);
  const range = { from: monthLabel(report.months[0]!.month), to: monthLabel(report.months.at(-1)!.month) };
  return [
    "<!doctype html>",
    `<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<meta name="robots" content="noindex"><title>${esc(title)}</title><style>${STYLE}</style></head>`,
    `<body data-team="${esc(report.team)}" data-month="${esc(report.shown)}">`,
    `<header><h1>${esc(title)}</h1>`,
    `<p class="as-at">${esc(say("dashboard.as-at", { asAt: formatLondon(summary.asAt), profile: summary.profile }))}</p>`,
    report.note ? `<p class="note">${esc(report.note)}</p>` : "",
    navHtml(report.nav, prompts),
    "</header><main>",
    `<section class="month" aria-labelledby="month-heading"><h2 id="month-heading">${esc(say("dashboard.month-heading", { month: monthLabel(report.shown) }))}</h2>`,
    figuresHtml(summary),
    blocksHtml(complianceMessage(summary, prompts).blocks.slice(1)),
    "</section>",
    `<section class="trends" aria-labelledby="trends-heading"><h2 id="trends-heading">${esc(say("dashboard.trends-heading", range))}</h2>`,
    ...charts.map((chart) => chartHtml(chart, prompts)),
    "</section></main></body></html>",
  ].join("\n");
}

/** The month's headline figures as machine-readable data, for tests and anyone scraping the page. */
function figuresHtml(summary: ComplianceSummary): string {
  const figures: Record<string, number | null> = {
    notes: summary.notes,
    "completion-percent": summary.completion.percentWithinDeadline,
    "on-record-percent": summary.onCaseRecord.percentWithinDeadline,
    overdue: summary.overdue.length,
    "late-reasons": summary.lateReasons.length,
    "group-held": summary.groupSupervision?.held ?? null,
    "group-due": summary.groupSupervision?.due ?? null,
    "cases-percent": summary.caseDiscussion?.percentWithinDeadline ?? null,
  };
  const attributes = Object.entries(figures).map(([name, value]) => ` data-${name}="${value ?? ""}"`);
  return `<div class="figures" hidden${attributes.join("")}></div>`;
}

function navHtml(nav: ComplianceReport["nav"], prompts: Prompts): string {
  if (!nav?.previous && !nav?.next) return "";
  const link = (href: string | undefined, key: "dashboard.previous" | "dashboard.next", rel: string) =>
    href ? `<a href="${esc(href)}" rel="${rel}">${esc(prompts.say(key))}</a>` : "";
  return `<nav aria-label="${esc(prompts.say("dashboard.months"))}">${link(nav.previous, "dashboard.previous", "prev")} ${link(nav.next, "dashboard.next", "next")}</nav>`;
}

/** The chat reply's blocks as HTML: headings, a definition list of figures, paragraphs and lists. */
function blocksHtml(blocks: Block[]): string {
  return blocks
    .map((block) => {
      switch (block.type) {
        case "heading":
          return `<h3>${esc(block.text)}</h3>`;
        case "text":
          return `<p>${esc(block.text)}</p>`;
        case "fields":
          return `<dl>${block.fields.map((f) => `<div><dt>${esc(f.label)}</dt><dd>${esc(typeof f.value === "string" ? f.value : f.value.join(", "))}</dd></div>`).join("")}</dl>`;
        case "list":
          return `<ul>${block.items.map((item) => `<li>${esc(item)}</li>`).join("")}</ul>`;
        default:
          return "";
      }
    })
    .join("\n");
}

function chartHtml(chart: ComplianceChart, prompts: Prompts): string {
  const head = chart.table.headers.map((h, i) => `<th scope="col"${i ? ' class="n"' : ""}>${esc(h)}</th>`).join("");
  const rows = chart.table.rows.map((row) => `<tr>${row.map((cell, i) => (i ? `<td class="n">${esc(String(cell))}</td>` : `<th scope="row">${esc(String(cell))}</th>`)).join("")}</tr>`);
  return [
    `<figure class="chart" id="${chart.id}" data-chart="${chart.id}">`,
    `<figcaption><h3>${esc(chart.title)}</h3><p>${esc(chart.description)}</p></figcaption>`,
    `<div class="svg">${chart.svg}</div>`,
    `<details open><summary>${esc(prompts.say("dashboard.table"))}</summary>`,
    `<table><caption>${esc(chart.title)}</caption><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table></details>`,
    "</figure>",
  ].join("\n");
}

function esc(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Plain, legible, printable: system fonts, high contrast, charts scale to the page, no colour carries meaning alone. */
const STYLE = `
body{font-family:system-ui,sans-serif;color:#1b1b1b;background:#fff;margin:0 auto;max-width:60rem;padding:1rem;line-height:1.45}
h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.3rem;border-bottom:2px solid #1b1b1b;padding-bottom:.2rem;margin-top:2rem}h3{font-size:1.1rem;margin:1.2rem 0 .4rem}
.as-at,.note{color:#444;margin:.2rem 0}nav{margin:.6rem 0}nav a{margin-right:1.2rem;color:#0b4f8a}a:focus{outline:3px solid #E69F00}
dl{display:grid;grid-template-columns:minmax(12rem,max-content) 1fr;gap:.3rem 1rem}dl div{display:contents}dt{font-weight:600}dd{margin:0}
.chart{margin:1.5rem 0;break-inside:avoid}.chart figcaption p{margin:.2rem 0 .6rem;color:#444}.svg svg{max-width:100%;height:auto}
table{border-collapse:collapse;margin:.5rem 0}caption{text-align:left;font-weight:600;padding:.3rem 0}th,td{border:1px solid #bbb;padding:.2rem .6rem;text-align:left}.n{text-align:right}
details summary{cursor:pointer;color:#0b4f8a}
@media print{nav,details summary{display:none}body{max-width:none;padding:0}h2{break-after:avoid}a{color:inherit;text-decoration:none}}
`;
