import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { graphOf } from "../support/import-graph.ts";

// Start-up time and idle memory (docs/architecture.md#build-and-start): a platform's SDK is
// loaded only when that platform is configured. Bolt and botbuilder are each reached only
// through an import() the bot makes when it needs them, never by the imports that run as
// src/main.ts loads. Read from the source, so it holds whichever way the bot is run.

const SDKS = [/^@slack\//, /^botbuilder/, /^botframework-/];

/** The files and packages that loading `entry` loads, following run-time imports (import() calls too when `dynamic`). */
function loadedBy(entry: string, { dynamic }: { dynamic: boolean }) {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const graph = graphOf(file, readFileSync(file, "utf8"), { dynamic });
    for (const p of graph.packages) if (!p.typeOnly) packages.add(p.specifier);
    for (const e of graph.edges) if (!e.typeOnly && e.to.endsWith(".ts") && existsSync(e.to)) visit(path.posix.normalize(e.to));
  };
  visit(entry);
  return { files, packages: [...packages].sort() };
}

const sdksIn = (packages: string[]) => packages.filter((p) => SDKS.some((sdk) => sdk.test(p)));

describe("the bot's start path", () => {
  const atStart = loadedBy("src/main.ts", { dynamic: false });
  const ever = loadedBy("src/main.ts", { dynamic: true });

  it("is read from the real code (so the checks below cannot pass on nothing)", () => {
    for (const file of ["src/start-bot.ts", "src/compose.ts", "src/config/env.ts", "src/server/http.ts", "adapters/console/start-console.ts"]) expect(atStart.files, file).toContain(file);
    expect(atStart.packages).toContain("zod");
    // And the SDKs are reachable at all: the bot does load them, later, when asked to.
    expect(sdksIn(ever.packages)).toEqual(expect.arrayContaining(["@slack/bolt", "botbuilder", "botframework-connector"]));
  });

  it("loads no platform SDK as src/main.ts loads: Slack's and Teams' adapters are imported when configured", () => {
    expect(sdksIn(atStart.packages)).toEqual([]);
    expect([...atStart.files].filter((f) => f.startsWith("adapters/slack/") || f.startsWith("adapters/botframework/"))).toEqual([]);
  });

  it("leaves botbuilder out of the Teams endpoint until its first activity or delivery (teams-runtime.ts)", () => {
    const teams = loadedBy("adapters/botframework/start-teams.ts", { dynamic: false });
    expect(sdksIn(teams.packages)).toEqual([]);
    expect(sdksIn(loadedBy("adapters/botframework/start-teams.ts", { dynamic: true }).packages)).toContain("botbuilder");
  });

  it("reads dates with chrono's English parsers only, not every locale", () => {
    expect(atStart.packages).toContain("chrono-node/en");
    expect(atStart.packages).not.toContain("chrono-node");
  });
});

describe("the CLI's start path", () => {
  it("loads only its dispatcher for --help: every command's modules are imported when it runs", () => {
    const atStart = loadedBy("src/cli/main.ts", { dynamic: false });
    expect(atStart.files).toContain("src/cli/run-cli.ts");
    for (const heavy of ["src/compose.ts", "src/config/env.ts", "src/capture/parse-message.ts", "src/policy/load-profile.ts"]) expect(atStart.files, heavy).not.toContain(heavy);
    expect(atStart.packages.filter((p) => /^(chrono-node|date-holidays|@prisma\/|yaml$)/.test(p))).toEqual([]);
  });
});
