// Start-up, before and after the production build, side by side in one run
// (docs/design.md#quality-targets: cold start to /healthz ≤ 1.5 s, idle resident memory ≤ 150 MB).
//
//   npx tsx tests/bench/startup.bench.ts [rounds]     (5 by default)
//
// Each round starts every variant once, in turn (the order rotates from round to round), on
// the same SQLite file (migrated by a warm-up start that is not counted): the time from spawn
// to the first 200 from /healthz, then the resident memory of the whole process tree (npm, sh,
// tsx's wrapper and the bot, read from /proc) after 2 s idle. No terminal, so no console.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { ensureBuilt } from "../../scripts/build-state.mjs";
import { ROOT, tempDir } from "../support/spawn.ts";

const ROUNDS = Number(process.argv[2] ?? 5);
const TSX = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");
const NODE = process.execPath;

interface Variant {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** Done once /healthz answers, before the idle wait: e.g. a Teams activity. */
  then?: (url: string) => Promise<void>;
}

const teamsActivity = async (url: string) => {
  const response = await fetch(`${url}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ type: "conversationUpdate", id: "1", channelId: "msteams", serviceUrl: "http://127.0.0.1:9/", from: { id: "29:x" }, recipient: { id: "28:bot" }, conversation: { id: "19:c@thread.tacv2", conversationType: "channel" }, membersAdded: [{ id: "29:x" }] }),
  });
  if (response.status !== 200) throw new Error(`Teams activity: ${response.status}`);
};

const VARIANTS: Variant[] = [
  { name: "before: tsx src/main.ts", command: NODE, args: [TSX, "src/main.ts"] },
  { name: "before: npm start (npm exec tsx src/main.ts)", command: "npm", args: ["exec", "--no", "--", "tsx", "src/main.ts"] },
  { name: "after: node dist/src/main.js", command: NODE, args: ["dist/src/main.js"] },
  { name: "after: npm start", command: "npm", args: ["start", "--silent"] },
  { name: "after: node dist/src/main.js, one Teams activity served", command: NODE, args: ["dist/src/main.js"], then: teamsActivity },
  { name: "before: tsx src/main.ts, one Teams activity served", command: NODE, args: [TSX, "src/main.ts"], then: teamsActivity },
];

/** The pids of a process and all its descendants, from /proc. */
function processTree(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/PID/stat, after the command name in parentheses.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // gone meanwhile
    }
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) for (const [pid, parent] of parentOf) if (parent === tree[i]) tree.push(pid);
  return tree;
}

/** Resident memory of a process tree, in MB. */
function treeRssMb(root: number): number {
  let kb = 0;
  for (const pid of processTree(root)) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return kb / 1024;
}

async function startOnce(variant: Variant, dataDir: string): Promise<{ ms: number; rssMb: number }> {
  const started = performance.now();
  const child: ChildProcess = spawn(variant.command, variant.args, {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", DATA_DIR: dataDir, CONSOLE: "off", ...variant.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, stopped as one below
  });
  let [stdout, stderr] = ["", ""];
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      // The log: JSON lines on stdout (the start-up before the build logged to stderr).
      const read = (chunk: Buffer) => {
        stdout += chunk;
        const match = /"event":"server.started","url":"([^"]+)"/.exec(stdout);
        if (match) resolve(match[1]!);
      };
      child.stdout!.on("data", read);
      child.stderr!.on("data", read);
      child.on("exit", (code) => reject(new Error(`${variant.name} exited ${code}: ${stderr}`)));
    });
    while ((await fetch(`${url}/healthz`).catch(() => null))?.status !== 200) await sleep(5);
    const ms = performance.now() - started;
    await variant.then?.(url);
    await sleep(2000);
    return { ms, rssMb: treeRssMb(child.pid!) };
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-child.pid!, "SIGTERM");
    await Promise.race([exited, sleep(10_000)]);
  }
}

function cliOnce(command: string, args: string[]): number {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: ROOT, encoding: "utf8", input: "" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")}: ${result.stderr}`);
  return performance.now() - started;
}

const CLI_VARIANTS: { name: string; command: string; args: string[] }[] = [
  { name: "before: tsx src/cli/main.ts --help", command: NODE, args: [TSX, "src/cli/main.ts", "--help"] },
  { name: "after: node bin/oversight.mjs --help", command: NODE, args: ["bin/oversight.mjs", "--help"] },
  { name: "after: npm run --silent cli -- --help", command: "npm", args: ["run", "--silent", "cli", "--", "--help"] },
  { name: "after: node bin/oversight.mjs profiles", command: NODE, args: ["bin/oversight.mjs", "profiles"] },
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const range = (xs: number[], digits = 0) => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;

await ensureBuilt();
const dataDir = tempDir("startup-bench-");
await startOnce(VARIANTS[2]!, dataDir); // creates and migrates the database; warms the file cache
const results = new Map(VARIANTS.map((v) => [v.name, { ms: [] as number[], rssMb: [] as number[] }]));
const cli = new Map(CLI_VARIANTS.map((v) => [v.name, [] as number[]]));
for (let round = 0; round < ROUNDS; round++) {
  const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]!);
  for (const variant of order) {
    const { ms, rssMb } = await startOnce(variant, dataDir);
    results.get(variant.name)!.ms.push(ms);
    results.get(variant.name)!.rssMb.push(rssMb);
    process.stderr.write(`round ${round + 1}: ${variant.name}: ${ms.toFixed(0)} ms, ${rssMb.toFixed(0)} MB\n`);
  }
  for (const variant of CLI_VARIANTS.map((_, i) => CLI_VARIANTS[(i + round) % CLI_VARIANTS.length]!)) cli.get(variant.name)!.push(cliOnce(variant.command, variant.args));
}

console.log(`\n${ROUNDS} rounds; median (range)\n`);
console.log("| start | spawn → /healthz 200 | resident memory after 2 s idle |");
console.log("|---|---|---|");
for (const [name, r] of results) console.log(`| ${name} | ${median(r.ms).toFixed(0)} ms (${range(r.ms)}) | ${median(r.rssMb).toFixed(0)} MB (${range(r.rssMb)}) |`);
console.log("\n| command line | spawn → exit |");
console.log("|---|---|");
for (const [name, ms] of cli) console.log(`| ${name} | ${median(ms).toFixed(0)} ms (${range(ms)}) |`);
