import { describe, expect, it } from "vitest";
import { graphOf, readImportGraph } from "../support/import-graph.ts";

// Which folders each folder may import. It mirrors the layer order
//   domain ← capture, calendar, policy ← services ← scheduler and bot ← adapters;
// ports are interfaces the services own, storage implements them; content is the neutral
// message and form model the presenters and delivery port share.
// A folder may always import itself, and src/logger.ts is importable by everyone.
// "src" stands for every folder under src/ (root included); only root may import adapters/.
const LAYERS: Record<string, string[]> = {
  domain: [],
  content: ["domain"],
  capture: ["domain", "calendar", "policy", "prompts"],
  calendar: ["domain", "policy"],
  policy: ["domain", "calendar"],
  prompts: ["domain"],
  config: ["domain", "policy", "calendar"],
  ports: ["domain", "content"],
  services: ["domain", "capture", "calendar", "policy", "prompts", "ports"],
  storage: ["domain", "ports", "policy", "calendar"],
  scheduler: ["domain", "capture", "calendar", "policy", "prompts", "ports", "services", "content"],
  export: ["domain", "calendar", "policy", "prompts", "services", "content"],
  bot: ["domain", "capture", "calendar", "policy", "prompts", "ports", "services", "scheduler", "export", "content"],
  server: ["src"],
  cli: ["src"],
  root: ["src", "adapters"],
  // A narrow port (docs/architecture.md#the-bot-port): what an event means and every write are the core's, reached
  // through src/bot/bot-port.ts alone (see "reaches the bot only through its port" below).
  adapters: ["domain", "content", "ports", "prompts", "config", "server", "bot"],
};
/** The files of src/bot/ an adapter may import: the port, and the event and reply types it carries. */
const BOT_PORT = ["src/bot/bot-port.ts", "src/bot/inbound.ts", "src/bot/reply.ts"];
const ANY_SRC = "src";
const LOGGER = "src/logger.ts";
// Files directly in src/: the entry point, the bot process, the composition root and the logger. Any other file there is unplaced.
const ROOT_FILES = ["src/main.ts", "src/start-bot.ts", "src/compose.ts", "src/logger.ts"];

/** A bare specifier's home: the only folder whose files may import it. */
const PACKAGE_HOMES: { what: string; home: string; test: (specifier: string) => boolean }[] = [
  { what: "@slack/*", home: "adapters/slack/", test: (s) => s.startsWith("@slack/") },
  { what: "botbuilder*, botframework-*", home: "adapters/botframework/", test: (s) => s.startsWith("botbuilder") || s.startsWith("botframework-") },
  // The SQLite driver sits with Prisma, as tests/storage/boundary.test.ts also requires.
  { what: "@prisma/*, prisma, better-sqlite3", home: "src/storage/prisma/", test: (s) => /^(@prisma\/|prisma(\/|$)|better-sqlite3(\/|$))/.test(s) },
  // Metrics reach the core as a neutral port (src/ports/metrics.ts); Prometheus is the server's business.
  { what: "prom-client", home: "src/server/", test: (s) => s === "prom-client" || s.startsWith("prom-client/") },
  // Charts are drawn where the pages are made.
  { what: "echarts", home: "src/export/", test: (s) => s === "echarts" || s.startsWith("echarts/") },
];
const GENERATED_CLIENT = "src/storage/prisma/generated/";

/** "services" for src/services/x.ts, "root" for src/main.ts, "adapters" for adapters/**; undefined outside both. */
function folderOf(file: string): string | undefined {
  const [top, second, third] = file.split("/");
  if (top === "adapters") return "adapters";
  if (top !== "src" || second === undefined) return undefined; // e.g. prompts/en.json: data, not a layer
  return third === undefined ? "root" : second;
}

function mayImport(from: string, to: string): boolean {
  const [fromFolder, toFolder] = [folderOf(from), folderOf(to)];
  if (to === LOGGER || !fromFolder || !toFolder || fromFolder === toFolder) return true;
  const allowed = LAYERS[fromFolder] ?? [];
  return allowed.includes(toFolder) || (allowed.includes(ANY_SRC) && toFolder !== "adapters");
}

const arrow = (e: { from: string; to: string }) => `${e.from} -> ${e.to}`;
const unique = (lines: string[]) => [...new Set(lines)].sort();

/** Tarjan's strongly connected components with more than one node (or a node importing itself). */
function cyclicGroups(pairs: [string, string][]): string[][] {
  const next = new Map<string, string[]>();
  for (const [a, b] of pairs) next.set(a, [...(next.get(a) ?? []), b]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) connect(w);
      if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, low.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1 || next.get(v)?.includes(v)) groups.push(group.sort());
  };
  for (const v of next.keys()) if (!index.has(v)) connect(v);
  return groups.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

describe("the import graph", () => {
  const graph = readImportGraph();
  const runtime = graph.edges.filter((e) => !e.typeOnly);

  it("reads the real project (so the rules below cannot pass on nothing)", () => {
    expect(graph.files.length).toBeGreaterThan(50);
    expect(graph.files.some((f) => f.startsWith("adapters/"))).toBe(true);
    expect(graph.files.some((f) => f.startsWith(GENERATED_CLIENT))).toBe(false);
    expect(runtime.some((e) => e.from.startsWith("src/services/") && e.to.startsWith("src/domain/"))).toBe(true);
    expect(graph.packages.some((p) => p.specifier === "zod")).toBe(true);
  });

  it("resolves every relative import to a scanned file (else edges would be missed silently)", () => {
    const known = new Set(graph.files);
    // Imports of data files outside src/ and adapters/ (prompts/en.json) and of Prisma's generated client are not layered code.
    const unresolved = graph.edges.filter((e) => folderOf(e.to) && !known.has(e.to) && !e.to.startsWith(GENERATED_CLIENT));
    expect(unresolved.map(arrow), unresolved.map(arrow).join("\n")).toEqual([]);
  });

  it("places every folder of src/ in the layer table, and every file directly in src/ in the root", () => {
    const unplaced = unique(graph.files.filter((f) => !LAYERS[folderOf(f)!] || (folderOf(f) === "root" && !ROOT_FILES.includes(f))));
    expect(unplaced, `not placed in LAYERS:\n${unplaced.join("\n")}`).toEqual([]);
    // Only the composition root may reach into adapters/.
    expect(Object.keys(LAYERS).filter((f) => f !== "root" && f !== "adapters" && LAYERS[f]!.includes("adapters"))).toEqual([]);
  });

  it("imports (type-only ones included) only from the folders a layer allows", () => {
    const bad = graph.edges.filter((e) => !mayImport(e.from, e.to));
    const pairs = unique(bad.map((e) => `${folderOf(e.from)} may not import ${folderOf(e.to)}`));
    const message = pairs
      .map((pair) => `${pair}:\n${unique(bad.filter((e) => `${folderOf(e.from)} may not import ${folderOf(e.to)}` === pair).map(arrow)).join("\n")}`)
      .join("\n\n");
    expect(unique(bad.map(arrow)), message).toEqual([]);
  });

  it("lets adapters reach the bot only through its port (the event in, the reply out)", () => {
    const bad = graph.edges.filter((e) => folderOf(e.from) === "adapters" && e.to.startsWith("src/bot/") && !BOT_PORT.includes(e.to));
    expect(unique(bad.map(arrow))).toEqual([]);
    // Run-time imports of the event and reply modules are types only: behaviour comes through the port.
    const behaviour = graph.edges.filter((e) => folderOf(e.from) === "adapters" && !e.typeOnly && (e.to === "src/bot/inbound.ts" || e.to === "src/bot/reply.ts"));
    expect(unique(behaviour.map(arrow))).toEqual([]);
  });

  it("has no cycle of files among run-time imports", () => {
    const groups = cyclicGroups(runtime.map((e) => [e.from, e.to]));
    const message = groups
      .map((files) => {
        const inside = runtime.filter((e) => files.includes(e.from) && files.includes(e.to));
        return `cycle of ${files.length} files:\n${unique(inside.map(arrow)).join("\n")}`;
      })
      .join("\n\n");
    expect(groups, message).toEqual([]);
  });

  it("has no cycle of folders among run-time imports (the composition root aside)", () => {
    // The composition root imports everything by design, so it would join every cycle.
    const between = runtime.filter((e) => {
      const [a, b] = [folderOf(e.from), folderOf(e.to)];
      return a && b && a !== b && a !== "root" && b !== "root";
    });
    const groups = cyclicGroups(between.map((e) => [folderOf(e.from)!, folderOf(e.to)!]));
    const message = groups
      .map((folders) => {
        const inside = between.filter((e) => folders.includes(folderOf(e.from)!) && folders.includes(folderOf(e.to)!));
        return `cycle of folders ${folders.join(", ")}:\n${unique(inside.map(arrow)).join("\n")}`;
      })
      .join("\n\n");
    expect(groups, message).toEqual([]);
  });

  it("imports platform SDKs and Prisma (type-only ones included) only in their own folders", () => {
    const bad = [
      ...graph.packages.filter((p) => PACKAGE_HOMES.some((h) => h.test(p.specifier) && !p.from.startsWith(h.home))).map((p) => `${p.from} -> ${p.specifier}`),
      ...graph.edges.filter((e) => e.to.startsWith(GENERATED_CLIENT) && !e.from.startsWith("src/storage/prisma/")).map(arrow),
    ];
    const homes = PACKAGE_HOMES.map((h) => `${h.what} only in ${h.home}`).join("; ");
    expect(unique(bad), `${homes}; the generated client only in src/storage/prisma/:\n${unique(bad).join("\n")}`).toEqual([]);
  });
});

describe("the graph reader and cycle finder", () => {
  it("reads each kind of import, tells type-only ones apart and ignores comments and strings", () => {
    const source = [
      'import type { A } from "./a.ts";',
      'import { type B, type C } from "./b.ts";',
      'import D, { type E } from "./d.ts";',
      'import * as F from "./f.ts";',
      'import { type G, H } from "../g.ts";',
      'import "./side.ts";',
      'export type { I } from "./i.ts";',
      'export { type J } from "./j.ts";',
      'export { K } from "../../k.ts";',
      'export * from "./all.ts";',
      'const lazy = await import("./lazy.ts");',
      'import L = require("./l.ts");',
      'type N = typeof import("./n.ts");',
      'import { z } from "zod";',
      'import type { App } from "@slack/bolt";',
      'const charts = createRequire(import.meta.url)("echarts");',
      'const old = require("./old.cjs");',
      '// import { X } from "./commented.ts";',
      "const s = 'import { Y } from \"./string.ts\"';",
    ].join("\n");
    const edge = (to: string, typeOnly: boolean) => ({ from: "src/services/x.ts", to, typeOnly });
    expect(graphOf("src/services/x.ts", source)).toEqual({
      edges: [
        edge("src/services/a.ts", true),
        edge("src/services/b.ts", true),
        edge("src/services/d.ts", false),
        edge("src/services/f.ts", false),
        edge("src/g.ts", false),
        edge("src/services/side.ts", false),
        edge("src/services/i.ts", true),
        edge("src/services/j.ts", true),
        edge("k.ts", false),
        edge("src/services/all.ts", false),
        edge("src/services/lazy.ts", false),
        edge("src/services/l.ts", false),
        edge("src/services/n.ts", true),
        edge("src/services/old.cjs", false),
      ],
      packages: [
        { from: "src/services/x.ts", specifier: "zod", typeOnly: false },
        { from: "src/services/x.ts", specifier: "@slack/bolt", typeOnly: true },
        { from: "src/services/x.ts", specifier: "echarts", typeOnly: false },
      ],
    });
  });

  it("places files in folders and applies the table", () => {
    expect(["src/services/x.ts", "src/main.ts", "adapters/slack/a.ts", "prompts/en.json"].map(folderOf)).toEqual(["services", "root", "adapters", undefined]);
    expect(mayImport("src/services/x.ts", "src/domain/note.ts")).toBe(true);
    expect(mayImport("src/domain/note.ts", "src/services/x.ts")).toBe(false);
    expect(mayImport("src/domain/note.ts", LOGGER)).toBe(true);
    expect(mayImport("src/server/x.ts", "adapters/slack/a.ts")).toBe(false);
    expect(mayImport("src/compose.ts", "adapters/slack/a.ts")).toBe(true);
  });

  it("finds each cycle once, and not the paths leading into it", () => {
    expect(cyclicGroups([["tail", "a"], ["a", "b"], ["b", "c"], ["c", "a"], ["c", "d"], ["e", "e"]])).toEqual([["a", "b", "c"], ["e"]]);
  });
});
