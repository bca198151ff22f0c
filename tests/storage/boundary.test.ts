import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The core (src/) never imports a platform SDK, Prisma or a database driver: those live in
// src/storage/prisma/ and adapters/. Only the composition root may open the Prisma storage.

const SRC = path.resolve("src");
const PRISMA_STORAGE = path.join(SRC, "storage", "prisma");
const COMPOSITION_ROOTS = new Set([path.join(SRC, "main.ts"), path.join(SRC, "start-bot.ts"), path.join(SRC, "compose.ts")]);
const OPEN_STORAGE = path.join(PRISMA_STORAGE, "open-storage.ts");

const FORBIDDEN: { rule: string; test: (specifier: string) => boolean }[] = [
  { rule: "@prisma/client", test: (s) => s.startsWith("@prisma/") },
  { rule: "generated Prisma client", test: (s) => s.includes("/generated/") || s.endsWith("/generated") },
  { rule: "storage/prisma", test: (s) => s.includes("storage/prisma") },
  { rule: "@slack/", test: (s) => s.startsWith("@slack/") },
  { rule: "botbuilder", test: (s) => s.startsWith("botbuilder") },
  { rule: "botframework", test: (s) => s.startsWith("botframework-") },
  { rule: "better-sqlite3", test: (s) => s.includes("better-sqlite3") },
  { rule: "pg", test: (s) => s === "pg" || s.startsWith("pg/") },
  { rule: "adapters/", test: (s) => /(^|\/)adapters\//.test(s) },
];

interface Import {
  line: number;
  specifier: string;
}

/** Every module specifier in a source text: static and side-effect imports, re-exports, import() and require(). */
function importsOf(source: string): Import[] {
  const found: Import[] = [];
  const patterns = [
    /\b(?:import|export)\s[^;]*?\sfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']/g,
    /\brequire\s*\(\s*["']([^"']+)["']/g,
  ];
  for (const pattern of patterns) {
    for (const match of source.matchAll(pattern)) {
      const at = match.index + match[0].lastIndexOf(match[1]!);
      found.push({ line: source.slice(0, at).split("\n").length, specifier: match[1]! });
    }
  }
  return found.sort((a, b) => a.line - b.line);
}

/** "src/x.ts:12 imports "@slack/bolt" (@slack/)" for each forbidden import in one file. */
function violationsIn(file: string, source: string): string[] {
  const problems: string[] = [];
  for (const { line, specifier } of importsOf(source)) {
    const rule = FORBIDDEN.find((r) => r.test(specifier));
    if (!rule) continue;
    const target = specifier.startsWith(".") ? path.resolve(path.dirname(file), specifier) : null;
    // The composition root alone wires storage and the platform adapters in.
    if (COMPOSITION_ROOTS.has(file) && (target === OPEN_STORAGE || rule.rule === "adapters/")) continue;
    problems.push(`${path.relative(process.cwd(), file)}:${line} imports "${specifier}" (forbidden: ${rule.rule})`);
  }
  return problems;
}

function coreFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === PRISMA_STORAGE ? [] : coreFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

describe("the core's import boundary", () => {
  const files = coreFiles(SRC);

  it("scans the core (so it cannot pass on nothing)", () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
    expect(files.some((f) => f.startsWith(PRISMA_STORAGE))).toBe(false);
  });

  it("finds no Prisma, database driver or platform SDK import in src/ outside src/storage/prisma/", () => {
    const violations = files.flatMap((file) => violationsIn(file, readFileSync(file, "utf8")));
    expect(violations, violations.join("\n")).toEqual([]);
  });

  it("catches each kind of forbidden import and names the file and line", () => {
    const file = path.join(SRC, "use-cases", "example.ts");
    const source = [
      'import { App } from "@slack/bolt";',
      'import type { PrismaClient } from "@prisma/client";',
      "import {",
      "  thing,",
      '} from "../storage/prisma/generated/client.ts";',
      'export { x } from "botbuilder";',
      'const Database = require("better-sqlite3");',
      'const bf = await import("botframework-connector");',
      'import "pg";',
      'import { ok } from "../domain/errors.ts";',
      'import { startSlack } from "../../adapters/slack/start-slack.ts";',
    ].join("\n");
    expect(violationsIn(file, source)).toEqual([
      'src/use-cases/example.ts:1 imports "@slack/bolt" (forbidden: @slack/)',
      'src/use-cases/example.ts:2 imports "@prisma/client" (forbidden: @prisma/client)',
      'src/use-cases/example.ts:5 imports "../storage/prisma/generated/client.ts" (forbidden: generated Prisma client)',
      'src/use-cases/example.ts:6 imports "botbuilder" (forbidden: botbuilder)',
      'src/use-cases/example.ts:7 imports "better-sqlite3" (forbidden: better-sqlite3)',
      'src/use-cases/example.ts:8 imports "botframework-connector" (forbidden: botframework)',
      'src/use-cases/example.ts:9 imports "pg" (forbidden: pg)',
      'src/use-cases/example.ts:11 imports "../../adapters/slack/start-slack.ts" (forbidden: adapters/)',
    ]);
  });

  it("lets only the composition root open the storage, and nothing else of it", () => {
    const open = 'import { openStorage } from "./storage/prisma/open-storage.ts";';
    const repo = 'import { PrismaNoteRepository } from "./storage/prisma/prisma-notes.ts";';
    expect(violationsIn(path.join(SRC, "main.ts"), open)).toEqual([]);
    expect(violationsIn(path.join(SRC, "compose.ts"), open)).toEqual([]);
    expect(violationsIn(path.join(SRC, "main.ts"), repo)).toHaveLength(1);
    expect(violationsIn(path.join(SRC, "main.ts"), 'import { startSlack } from "../adapters/slack/start-slack.ts";')).toEqual([]);
    expect(violationsIn(path.join(SRC, "notes.ts"), open)).toEqual([
      'src/notes.ts:1 imports "./storage/prisma/open-storage.ts" (forbidden: storage/prisma)',
    ]);
    expect(violationsIn(path.join(SRC, "compose.ts"), 'import { openSqliteStorage } from "./storage/prisma/open-sqlite.ts";')).toHaveLength(1);
  });
});

// botbuilder is archived upstream: every import of it stays in its adapter's folder, so a
// move to its successor (the Microsoft 365 Agents SDK) is one folder's work.
describe("botbuilder's boundary", () => {
  const BOTFRAMEWORK = path.resolve("adapters", "botframework");
  const allFiles = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "generated" ? [] : allFiles(full);
      return /\.(ts|mts|cts|js|mjs|cjs)$/.test(entry.name) ? [full] : [];
    });
  const isBotFramework = (s: string) => s.startsWith("botbuilder") || s.startsWith("botframework-");

  it("imports botbuilder and botframework-* only inside adapters/botframework/", () => {
    // This file's own examples of forbidden imports aside.
    const files = ["src", "adapters", "tests", "prisma", "scripts"].flatMap((d) => allFiles(path.resolve(d))).filter((f) => f !== path.resolve("tests", "storage", "boundary.test.ts"));
    expect(files.some((f) => f.startsWith(BOTFRAMEWORK))).toBe(true);
    const outside = files
      .filter((f) => !f.startsWith(BOTFRAMEWORK + path.sep))
      .flatMap((f) => importsOf(readFileSync(f, "utf8")).filter((i) => isBotFramework(i.specifier)).map((i) => `${path.relative(process.cwd(), f)}:${i.line}`));
    expect(outside, outside.join("\n")).toEqual([]);
    const inside = files.filter((f) => f.startsWith(BOTFRAMEWORK + path.sep)).filter((f) => importsOf(readFileSync(f, "utf8")).some((i) => isBotFramework(i.specifier)));
    expect(inside.length).toBeGreaterThanOrEqual(3);
  });
});
