import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const TSX = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");
const LOOPBACK_PRELOAD = path.join(ROOT, "scripts/e2e/loopback.cjs");
const require = createRequire(import.meta.url);

/** A child process started in its own process group, with everything it printed. */
export interface Child {
  name: string;
  process: ChildProcess;
  /** stdout and stderr, interleaved as they came. */
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts a command in a new process group (so that stopping it stops its own children too). */
export function startChild(name: string, command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv }): Child {
  const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? -1 : null))));
  return { name, process: child, output: () => output, exited };
}

/** Stops a child's process group: SIGTERM, then SIGKILL if it has not gone within `graceMs`. */
export async function stopChild(child: Child | undefined, graceMs = 5_000): Promise<void> {
  if (!child?.process.pid || child.process.exitCode !== null || child.process.signalCode !== null) return;
  const group = -child.process.pid;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(group, sig);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), graceMs).unref());
  if ((await Promise.race([child.exited, timer])) === "timeout") signal("SIGKILL");
  // Grandchildren (tsx's node) may outlive their parent briefly: make sure the group is gone.
  signal("SIGKILL");
}

/** A TCP port free on 127.0.0.1 right now. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const port = (server.address() as net.AddressInfo).port;
  server.close();
  await once(server, "close");
  return port;
}

/** Waits for `text` (a pattern) to appear in a child's output; fails early if the child exits. */
export async function waitForOutput(child: Child, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void child.exited.then((code) => (exitCode = code));
  for (;;) {
    const match = pattern.exec(child.output());
    if (match) return match;
    if (exitCode !== undefined) throw new Error(`${child.name} exited (${exitCode}) before printing ${pattern}:\n${child.output()}`);
    if (Date.now() > deadline) throw new Error(`${child.name} did not print ${pattern} within ${timeoutMs} ms:\n${child.output()}`);
    await sleep(100);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Environment for the bot and the CLI: the caller's, less anything that would reach a real platform. */
export function botEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (/^(SLACK_|Microsoft|DATABASE_URL$|PORT$|HOST$|CONSOLE|TEAMS$)/.test(key)) delete env[key];
  return { ...env, HOST: "127.0.0.1", ...extra };
}

/**
 * The bot as `npx tsx src/main.ts` runs it, with the given environment (tsx's CLI run directly:
 * no npm in between), on the clock in the file `clockFile` (see bot-on-clock.ts).
 */
export function startBot(env: NodeJS.ProcessEnv, clockFile: string): Child {
  return startChild("bot", process.execPath, [TSX, path.join(ROOT, "tests/e2e/support/bot-on-clock.ts")], { cwd: ROOT, env: { ...env, E2E_CLOCK_FILE: clockFile } });
}

/** `npx tsx src/cli/main.ts …`: its exit code, stdout and stderr. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [TSX, path.join(ROOT, "src/cli/main.ts"), ...args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const [code] = (await once(child, "exit")) as [number | null];
  return { code, stdout, stderr };
}

/**
 * The Microsoft 365 Agents Playground pointed at `botUrl`, on `port`, in `cwd` (it writes its
 * log and any config there), bound to 127.0.0.1 by a preload. The connector URL it puts in
 * activities is 127.0.0.1 too (its default says localhost, which may resolve to ::1).
 */
export function startPlayground(opts: { botUrl: string; port: number; cwd: string }): Child {
  const cli = require.resolve("@microsoft/m365agentsplayground/cli.js");
  const preload = `--require ${JSON.stringify(LOOPBACK_PRELOAD)}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: [process.env.NODE_OPTIONS, preload].filter(Boolean).join(" "),
    TEAMSAPPTESTER_BROWSER: "none",
    M365_AGENTS_PLAYGROUND_LOGFILE: path.join(opts.cwd, "playground.log"),
  };
  const args = [cli, "-e", opts.botUrl, "-c", "msteams", "-p", String(opts.port), "--service-url", `http://127.0.0.1:${opts.port}/_connector`, "--disable-telemetry"];
  return startChild("playground", process.execPath, args, { cwd: opts.cwd, env });
}
