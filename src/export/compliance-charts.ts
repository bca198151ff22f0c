import { createRequire } from "node:module";
import { monthLabel } from "../domain/london-time.ts";
import type { PromptKey, Prompts } from "../prompts/prompts.ts";
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
export function complianceCharts(months: readonly ComplianceSummary[], prompts: Prompts): ComplianceChart[] {
  const say = prompts.say;
  const labels = months.map((m) => monthLabel(m.month));
  const series = (key: PromptKey, colour: string, values: (m: ComplianceSummary) => number | null | undefined): Series => ({
    name: say(key),
    colour,
    values: months.map((m) => values(m) ?? null),
  });
  const chart = (kind: "line" | "bar" | "stacked", id: ChartId, lines: Series[]) => {
    const words = { title: say(`chart.${id}.title`), description: say(`chart.${id}.description`), month: say("chart.month") };
    return kind === "line" ? lineChart(id, words, labels, lines) : barChart(id, words, labels, lines, kind === "stacked");
  };
  const charts: ComplianceChart[] = [
    chart("line", "within-deadlines", [
      series("chart.series.recorded-on-time", PALETTE.blue, (m) => m.completion.percentWithinDeadline),
      series("chart.series.on-record-on-time", PALETTE.orange, (m) => m.onCaseRecord.percentWithinDeadline),
    ]),
    chart("stacked", "notes-recorded", [
      series("chart.series.on-time", PALETTE.green, (m) => m.completion.metOnTime),
      series("chart.series.late", PALETTE.orange, (m) => m.completion.metLate),
      series("chart.series.overdue", PALETTE.vermillion, (m) => m.completion.overdue),
      series("chart.series.not-yet-due", PALETTE.grey, (m) => m.completion.pending),
    ]),
  ];
  if (months.some((m) => m.groupSupervision)) {
    charts.push(chart("bar", "group-supervision", [
      series("chart.series.due", PALETTE.sky, (m) => m.groupSupervision?.due),
      series("chart.series.held", PALETTE.blue, (m) => m.groupSupervision?.held),
    ]));
  }
  if (months.some((m) => m.caseDiscussion)) {
    charts.push(chart("line", "case-discussion", [series("chart.series.discussed-on-time", PALETTE.purple, (m) => m.caseDiscussion?.percentWithinDeadline)]));
  }
  if (months.some((m) => m.formalSupervision)) {
    charts.push(chart("bar", "formal-supervision", [
      series("chart.series.due", PALETTE.sky, (m) => m.formalSupervision?.due),
      series("chart.series.held", PALETTE.blue, (m) => m.formalSupervision?.held),
      series("chart.series.held-on-time", PALETTE.green, (m) => m.formalSupervision?.heldOnTime),
    ]));
  }
  return charts;
}

type ChartId = "within-deadlines" | "notes-recorded" | "group-supervision" | "case-discussion" | "formal-supervision";

/** A chart's words: its title, the sentence saying what it shows, and the table's first column heading. */
interface ChartWords {
  title: string;
  description: string;
  month: string;
}

const SYMBOLS = ["circle", "triangle", "rect", "diamond"];
const LINE_TYPES = ["solid", "dashed", "dotted"] as const;

function lineChart(id: string, words: ChartWords, labels: string[], series: Series[]): ComplianceChart {
  const svg = render(id, words, {
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
  return { id, ...words, svg, table: tableOf(words, labels, series, (v) => (v === null ? "–" : `${v}%`)) };
}

function barChart(id: string, words: ChartWords, labels: string[], series: Series[], stacked: boolean): ComplianceChart {
  const svg = render(id, words, {
    xAxis: { type: "category", data: labels },
    yAxis: { type: "value", minInterval: 1 },
    series: series.map((s) => ({ type: "bar", name: s.name, data: s.values, color: s.colour, ...(stacked && { stack: "all" }) })),
  });
  return { id, ...words, svg, table: tableOf(words, labels, series, (v) => (v === null ? "–" : v)) };
}

function tableOf(words: ChartWords, labels: string[], series: Series[], cell: (value: number | null) => string | number): ComplianceChart["table"] {
  return { headers: [words.month, ...series.map((s) => s.name)], rows: labels.map((label, i) => [label, ...series.map((s) => cell(s.values[i] ?? null))]) };
}

function render(id: string, { title, description }: ChartWords, option: EChartsOption): string {
  const chart = echartsLib().init(null, null, { renderer: "svg", ssr: true, width: WIDTH, height: HEIGHT });
  try {
    chart.setOption({
      animation: false,
      // Patterns over the colours (decals), so a series is told apart in black and white too.
      aria: { enabled: true, decal: { show: true } },
      textStyle: { fontFamily: "system-ui, sans-serif", fontSize: 13, color: "#1b1b1b" },
      legend: { top: 0, itemGap: 24, textStyle: { fontSize: 13 } },
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
