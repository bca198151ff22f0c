import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { INPUT_DIRS, INPUT_FILES, STAMP, staleReason } from "../../scripts/build-state.mjs";
import { ROOT, tempDir } from "../support/spawn.ts";

// The production build (docs/architecture.md#build-and-start), on a copy of the repository's
// sources made here, as a fresh clone has them: no dist/ yet, node_modules installed. Its own
// scripts/ build its own dist/, so this file never races with a build of the real one.

const clone = tempDir("oversight-clone-");
const dist = path.join(clone, "dist");

beforeAll(() => {
  for (const entry of [...INPUT_DIRS, ...INPUT_FILES, "scripts/start.mjs", "bin/oversight.mjs"]) cpSync(path.join(ROOT, entry), path.join(clone, entry), { recursive: true, preserveTimestamps: true });
  symlinkSync(path.join(ROOT, "node_modules"), path.join(clone, "node_modules"), "dir");
});

/** `npm start` in the clone (node scripts/start.mjs, as package.json says), without a terminal. */
function npmStart(env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(clone, "scripts", "start.mjs")], { cwd: clone, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let [stdout, stderr] = ["", ""];
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const started = new Promise<string>((resolve, reject) => {
    // The log is JSON lines on stdout (docs/operating.md); building says so on stderr.
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const match = /"event":"server.started","url":"([^"]+)"/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}${stdout}`)));
  });
  return { child, started, exited, stderr: () => stderr };
}

/** The `oversight` CLI in the clone (bin/oversight.mjs, what `npm run cli` runs). */
function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [path.join(clone, "bin", "oversight.mjs"), ...args], { cwd: clone, input: "", env: { ...process.env, ...env }, encoding: "utf8" });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the production build", () => {
  it("is built by npm start on a fresh clone, which then serves /healthz with no Slack or Teams credentials", async () => {
    expect(existsSync(dist)).toBe(false);
    const dataDir = tempDir("bot-data-");
    const bot = npmStart({ PORT: "0", DATA_DIR: dataDir, CI: "true" });
    try {
      const url = await bot.started;
      expect(bot.stderr()).toMatch(/^Building dist \(no build yet\)…\n/);
      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "ok" });
      // The anonymous Teams endpoint loads botbuilder (teams-runtime.js) on its first activity.
      const install = await fetch(`${url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ type: "conversationUpdate", id: "1", channelId: "msteams", serviceUrl: "http://127.0.0.1:9/", from: { id: "29:x" }, recipient: { id: "28:bot" }, conversation: { id: "19:c@thread.tacv2", conversationType: "channel" }, membersAdded: [{ id: "29:x" }] }),
      });
      expect(install.status).toBe(200);
      expect(existsSync(path.join(dataDir, "oversight.db"))).toBe(true);
      bot.child.kill("SIGTERM");
      expect(await bot.exited).toBe(0);
    } finally {
      bot.child.kill("SIGKILL");
    }
    expect(existsSync(path.join(dist, STAMP))).toBe(true);
    expect(staleReason({ root: clone, outDir: dist })).toBeNull();
  });

  it("holds every module compiled, with .js imports, beside the files the code reads at run time", () => {
    const sources = (dir: string): string[] =>
      readdirSync(path.join(clone, dir), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts")).map((f) => path.posix.join(dir, f.split(path.sep).join("/")));
    const modules = [...sources("src"), ...sources("adapters")];
    expect(modules.length).toBeGreaterThan(150);
    expect(modules.filter((f) => !existsSync(path.join(dist, f.replace(/\.ts$/, ".js"))))).toEqual([]);
    for (const file of ["src/main.js", "src/cli/main.js", "src/storage/prisma/generated/client.js", "src/storage/prisma/generated-postgres/client.js", "adapters/botframework/teams-runtime.js"]) {
      expect(existsSync(path.join(dist, file)), file).toBe(true);
    }
    // What src/ and adapters/ resolve against their own file, as in the repository.
    for (const file of ["prompts/en.json", "profiles/default.yaml", "prisma/migrations/migration_lock.toml", "prisma/migrations-postgres/migration_lock.toml", "adapters/console/sample-roster.csv", "adapters/botframework/teams-app/manifest.template.json"]) {
      expect(readFileSync(path.join(dist, file))).toEqual(readFileSync(path.join(ROOT, file)));
    }
    const main = readFileSync(path.join(dist, "src/start-bot.js"), "utf8");
    expect(main).toContain('import("../adapters/slack/start-slack.js")');
    expect(main).not.toMatch(/from "\.[^"]*\.ts"/);
  });

  it("runs the compiled CLI, without building again: --help, a command on the profiles, one on the database", () => {
    const help = cli(["--help"]);
    expect(help).toMatchObject({ code: 0, stderr: "" });
    expect(help.stdout).toMatch(/^usage: oversight <command>/);
    const profiles = cli(["profiles"]);
    expect(profiles.code).toBe(0);
    expect(JSON.stringify(JSON.parse(profiles.stdout))).toContain("south-gloucestershire");
    const audit = cli(["audit", "verify"], { DATABASE_URL: `file:${path.join(tempDir("cli-data-"), "cli.db")}` });
    expect(audit.stderr).toBe("");
    expect(JSON.parse(audit.stdout)).toMatchObject({ ok: true });
  });

  it("is stale when a source, prompt or migration changes, appears or goes, and is built again before the next run", () => {
    expect(staleReason({ root: clone, outDir: dist })).toBeNull();
    const later = new Date(Date.now() + 60_000);
    utimesSync(path.join(clone, "src/cli/run-cli.ts"), later, later);
    expect(staleReason({ root: clone, outDir: dist })).toBe("src/cli/run-cli.ts changed");

    // Something else kept in dist/ (the Teams app package) outlives a build.
    mkdirSync(dist, { recursive: true });
    writeFileSync(path.join(dist, "oversight-teams.zip"), "zip");
    const rebuilt = cli(["--help"]);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stderr).toBe("Building dist (src/cli/run-cli.ts changed)…\n");
    expect(staleReason({ root: clone, outDir: dist })).toBeNull();
    expect(readFileSync(path.join(dist, "oversight-teams.zip"), "utf8")).toBe("zip");

    writeFileSync(path.join(clone, "prisma/migrations/extra.sql"), "-- new\n");
    expect(staleReason({ root: clone, outDir: dist })).toBe("prisma/migrations/extra.sql is new");
    rmSync(path.join(clone, "prisma/migrations/extra.sql"));
    expect(staleReason({ root: clone, outDir: dist })).toBeNull();
    rmSync(path.join(clone, "prompts/en.json"));
    expect(staleReason({ root: clone, outDir: dist })).toBe("prompts/en.json was removed");
    cpSync(path.join(ROOT, "prompts/en.json"), path.join(clone, "prompts/en.json"), { preserveTimestamps: true });
    expect(staleReason({ root: clone, outDir: dist })).toBeNull();

    // A build that never finished left no stamp: stale.
    rmSync(path.join(dist, STAMP));
    expect(staleReason({ root: clone, outDir: dist })).toBe("no build yet");
  });
});
