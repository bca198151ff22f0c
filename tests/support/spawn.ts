import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TSX = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");

const made: string[] = [];
process.on("exit", () => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh directory under the system's temp dir, removed when the test process ends. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Runs `npm run cli -- …` the way an administrator would, without npm's banner. */
export function runCli(args: string[], opts: { env?: Record<string, string>; stdin?: string } = {}) {
  const result = spawnSync(process.execPath, [TSX, path.join(ROOT, "src/cli/main.ts"), ...args], {
    cwd: ROOT,
    input: opts.stdin ?? "",
    env: { ...process.env, ...opts.env },
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Starts `src/main.ts` under tsx, with no terminal (`npm start` runs it compiled: tests/build/ starts that one): its log (JSON lines) on stdout,
 * a failure to start on stderr. `entry`: another script that starts the bot (one on a fixed
 * clock), run in this one process with tsx as a loader, so a signal reaches the bot itself.
 */
export function startBot(env: Record<string, string>, opts: { entry?: string } = {}) {
  const args = opts.entry ? ["--import", pathToFileURL(path.join(ROOT, "node_modules/tsx/dist/loader.mjs")).href, opts.entry] : [TSX, path.join(ROOT, "src/main.ts")];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const started = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", () => {
      const match = /"event":"server.started","url":"([^"]+)"/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    void exited.then((code) => reject(new Error(`exited ${code}: ${stderr}${stdout}`)));
  });
  started.catch(() => {}); // a test that expects a failed start awaits `exited` instead
  /** The log lines so far, parsed. */
  const logLines = () => stdout.split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as Record<string, unknown> & { event: string });
  return { child, started, exited, stderr: () => stderr, stdout: () => stdout, logLines };
}
