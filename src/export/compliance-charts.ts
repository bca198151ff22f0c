import { createRequire } from "node:module";
import type { ComplianceSummary } from "../services/compliance-summary.ts";

/** A chart as the page shows it: an SVG drawn on the server, and the same figures as a table (its text alternative). */
export interface ComplianceChart {
  id: string;
  title: string;
  /** One sentence on what the chart shows, for its caption and the SVG's aria-label. */
  description: string;
  svg: string;
  table: { headers: string[]; rows: (string | number)[][] };
}

/** The part of ECharts these charts use: server-side rendering to an SVG string. */
interface EChartsSsr {
  init(dom: null, theme: null, options: { renderer: "svg"; ssr: true; width: number; height: number }): {
    setOption(option: EChartsOption): void;
    renderToSVGString(): string;
    dispose(): void;
  };
}
type EChartsOption = Record<string, unknown>;

/**
 * ECharts, loaded on the first chart rather than at start-up. Through require because its
 * type declarations do not resolve under NodeNext (relative imports without extensions).
 */
let echarts: EChartsSsr | undefined;
function echartsLib(): EChartsSsr {
  echarts ??= createRequire(import.meta.url)("echarts") as EChartsSsr;
  return echarts;
}

/** Okabe and Ito's palette: told apart with every common colour-vision deficiency. */
const PALETTE = { blue: "#0072B2", orange: "#E69F00", green: "#009E73", vermillion: "#D55E00", sky: "#56B4E9", purple: "#CC79A7", grey: "#999999" };

const WIDTH = 720;
const HEIGHT = 300;

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-11" → "Nov 2026". */
export function monthLabel(month: string): string {
  const [year, m] = month.split("-");
  return `${MONTH_NAMES[Number(m) - 1]} ${year}`;
}

interface Series {
  name: string;
  values: (number | null)[];
  colour: string;
}

/**
 * The trend charts of a run of months (oldest first): % within the recording and case-record
 * deadlines, how notes were recorded, and, where the team has them, group supervision against
 * its cadence and cases discussed within their frequency. Drawn by ECharts on the server as
 * SVG: readable without JavaScript, printable, colour-blind safe (palette, patterns, markers).
 */
export function complianceCharts(months: readonly ComplianceSummary[]): ComplianceChart[] {
  const labels = months.map((m) => monthLabel(m.month));
  const charts: ComplianceChart[] = [
    lineChart("within-deadlines", "Notes within their deadlines (%)", "Percentage of notes recorded within the recording deadline, and put on the child's case record within its deadline, by month.", labels, [
      { name: "Recorded on time", values: months.map((m) => m.completion.percentWithinDeadline), colour: PALETTE.blue },
      { name: "On case record on time", values: months.map((m) => m.onCaseRecord.percentWithinDeadline), colour: PALETTE.orange },
    ]),
    barChart("notes-recorded", "Notes by how they were recorded", "Number of notes discussed each month: recorded on time, recorded late, overdue, and not yet due.", labels, [
      { name: "On time", values: months.map((m) => m.completion.metOnTime), colour: PALETTE.green },
      { name: "Late", values: months.map((m) => m.completion.metLate), colour: PALETTE.orange },
      { name: "Overdue", values: months.map((m) => m.completion.overdue), colour: PALETTE.vermillion },
      { name: "Not yet due", values: months.map((m) => m.completion.pending), colour: PALETTE.grey },
    ], true),
  ];
  if (months.some((m) => m.groupSupervision)) {
    charts.push(barChart("group-supervision", "Group supervision against cadence", "Group supervision sessions due by the team's cadence and sessions held, by month.", labels, [
      { name: "Due", values: months.map((m) => m.groupSupervision?.due ?? null), colour: PALETTE.sky },
      { name: "Held", values: months.map((m) => m.groupSupervision?.held ?? null), colour: PALETTE.blue },
    ]));
  }
  if (months.some((m) => m.caseDiscussion)) {
    charts.push(lineChart("case-discussion", "Cases discussed within their frequency (%)", "Percentage of case discussions due in the month that were held within the case's discussion frequency.", labels, [
      { name: "Discussed on time", values: months.map((m) => m.caseDiscussion?.percentWithinDeadline ?? null), colour: PALETTE.purple },
    ]));
  }
  if (months.some((m) => m.formalSupervision)) {
    charts.push(barChart("formal-supervision", "One-to-one supervision", "One-to-one supervision sessions due in the month, held, and held by their day.", labels, [
      { name: "Due", values: months.map((m) => m.formalSupervision?.due ?? null), colour: PALETTE.sky },
      { name: "Held", values: months.map((m) => m.formalSupervision?.held ?? null), colour: PALETTE.blue },
      { name: "Held on time", values: months.map((m) => m.formalSupervision?.heldOnTime ?? null), colour: PALETTE.green },
    ]));
  }
  return charts;
}

const SYMBOLS = ["circle", "triangle", "rect", "diamond"];
const LINE_TYPES = ["solid", "dashed", "dotted"] as const;

function lineChart(id: string, title: string, description: string, labels: string[], series: Series[]): ComplianceChart {
  const svg = render(id, title, description, {
    xAxis: { type: "category", data: labels },
    yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
    series: series.map((s, i) => ({
      type: "line",
      name: s.name,
      data: s.values,
      color: s.colour,
      symbol: SYMBOLS[i % SYMBOLS.length],
      symbolSize: 9,
      lineStyle: { width: 3, type: LINE_TYPES[i % LINE_TYPES.length] },
      connectNulls: false,
    })),
  });
  return { id, title, description, svg, table: tableOf(labels, series, (v) => (v === null ? "–" : `${v}%`)) };
}

function barChart(id: string, title: string, description: string, labels: string[], series: Series[], stacked = false): ComplianceChart {
  const svg = render(id, title, description, {
    xAxis: { type: "category", data: labels },
    yAxis: { type: "value", minInterval: 1 },
    series: series.map((s) => ({ type: "bar", name: s.name, data: s.values, color: s.colour, ...(stacked && { stack: "all" }) })),
  });
  return { id, title, description, svg, table: tableOf(labels, series, (v) => (v === null ? "–" : v)) };
}

function tableOf(labels: string[], series: Series[], cell: (value: number | null) => string | number): ComplianceChart["table"] {
  return { headers: ["Month", ...series.map((s) => s.name)], rows: labels.map((label, i) => [label, ...series.map((s) => cell(s.values[i] ?? null))]) };
}

function render(id: string, title: string, description: string, option: EChartsOption): string {
  const chart = echartsLib().init(null, null, { renderer: "svg", ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({
      animation: false,
      // Patterns over the colours (decals), so a series is told apart in black and white too.
      aria: { enabled: true, decal: { show: true } },
      textStyle: { fontFamily: "system-ui, sans-serif", fontSize: 13, color: "#1b1b1b" },
      legend: { top: 0, textStyle: { fontSize: 13 } },
      grid: { left: 48, right: 16, top: 40, bottom: 40 },
      ...option,
    });
    // ECharts' SSR output has no text alternative of its own: the SVG is named by its title and description.
    const label = `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>`;
    return chart.renderToSVGString().replace(/^<svg /, `<svg role="img" aria-labelledby="${id}-title" aria-describedby="${id}-desc" `).replace(/^(<svg[^>]*>)/, `$1${label}`);
  } finally {
    chart.dispose();
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
