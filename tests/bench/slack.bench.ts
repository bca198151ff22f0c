// Benchmark (docs/design.md#quality-targets): "signed slash commands per second at least 80% of a bare Bolt app
// measured in the same run". Two servers in this process, on 127.0.0.1:
// - the bot as `npm start` assembles it (loadConfig → composeCore on a fresh SQLite file with
//   the sample team → startSlack → startHttpServer), with Slack's Web API faked;
// - a bare Bolt 5.1.0 App whose `/oversight` listener only acks.
// A load generator in its own process (tests/bench/slack-load.ts) sends signed `/oversight
// help` commands over keep-alive connections, closed loop; each target gets a warm-up, then a
// measured window, alternating bot/bare. Every answer must be 200, and the bot's must carry
// the ephemeral help text. Then, with no target, `/oversight <a decision>`: the bot parses it,
// stores a draft in SQLite, acks, and opens the pre-filled form (views.open on the fake API).
// Run: npx tsx tests/bench/slack.bench.ts [rounds]
//      (BENCH_SECONDS=8 measured, BENCH_WARMUP=2, BENCH_CONNECTIONS=10; BENCH_ONLY=bot, bare or
//      decision runs just those rounds, e.g. under `node --cpu-prof --import tsx`)
import { botPort } from "../../src/bot/bot-port.ts";
import { spawn } from "node:child_process";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createHash, randomUUID } from "node:crypto";
import { App, LogLevel } from "@slack/bolt";
import Database from "better-sqlite3";
import { migrateSqlite } from "../../src/storage/prisma/migrate.ts";
import { startSlack } from "../../adapters/slack/start-slack.ts";
import { loadConfig } from "../../src/config/env.ts";
import { composeCore } from "../../src/compose.ts";
import { silentLogger } from "../../src/logger.ts";
import { startHttpServer } from "../../src/server/http.ts";
import { FakeSlack, slackSignature } from "../support/fake-slack.ts";
import { BOT_TOKEN, SIGNING_SECRET, slackTeam } from "../support/slack-bot.ts";
import { ROOT, tempDir } from "../support/spawn.ts";
import type { LoadResult } from "./slack-load.ts";

const ROUNDS = Number(process.argv[2] ?? 2);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ONLY = new Set((process.env.BENCH_ONLY ?? "bot,bare,decision,bare-decision").split(",").map((s) => s.trim()));
const TARGET = 0.8;
/** Issue 13 item 8: decisions acked per second through the bot, against the bare app that stores the same rows. */
const DECISION_TARGET = 0.25;
/** …and command → views.open at the 99th percentile. */
const FORM_P99_TARGET_MS = 150;
const TSX = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");
const LOAD = path.join(ROOT, "tests/bench/slack-load.ts");
/**
 * A short decision as a manager would type it after `/oversight`, each on a case of its own
 * (`{n}`: a number per request), as if about a new case: the form offers the review of earlier
 * actions on the case, so repeating one case would read back every draft stored so far.
 */
const DECISION = "CR-{n} discussed today with @sam. Issue: missed visits. Decision: visit weekly. Because: mum is engaging. Actions: Sam to visit by Friday";
/** What the bot's ack to `/oversight help` must hold: private, with the help text (prompts/en.json "help.text"). */
const HELP_EXPECT = ['"response_type":"ephemeral"', "Oversight bot turns a decision made in chat into a Management Oversight note."];

interface Measured extends LoadResult {
  target: string;
  /** This process's CPU time (servers, fake Slack API) over the measured window; 1 = one core. */
  serverCpu: number;
  /** Event-loop utilisation of this process over the measured window (1 = never idle). */
  serverElu: number;
  /** views.open calls the fake Slack API received in the measured window. */
  viewsOpened: number;
  /**
   * For commands sent in the measured window: ms from the client sending the command to the
   * form's views.open reaching the fake Slack API (Slack's trigger id lasts 3 s). Empty for help.
   */
  formMs: number[];
  /** Forms not opened within 60 s after the load ended. */
  formsMissing: number;
}

// --- the servers -------------------------------------------------------------------------

const fake = await FakeSlack.start();
const dataDir = tempDir("bench-slack-");
const config = loadConfig({
  HOST: "127.0.0.1",
  PORT: "0",
  DATA_DIR: dataDir,
  DATABASE_URL: `file:${path.join(dataDir, "oversight.db")}`,
  SCHEDULER: "off",
  CONSOLE: "off",
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_API_URL: fake.apiUrl,
});
const core = await composeCore(config);
await core.storage.people.saveAll(slackTeam(), core.clock.now());
const slack = await startSlack(botPort(core, silentLogger), silentLogger, config.slack!);
const botServer = await startHttpServer({ host: config.host, port: config.port, routes: slack.routes, health: async () => true, log: silentLogger });
const botUrl = `${botServer.url}/slack/events`;

const bare = new App({ signingSecret: SIGNING_SECRET, token: BOT_TOKEN, clientOptions: { slackApiUrl: fake.apiUrl }, logLevel: LogLevel.ERROR });
bare.command("/oversight", async ({ ack }) => {
  await ack();
});
const bareServer = await bare.start({ port: 0, host: "127.0.0.1" });
const bareUrl = `http://127.0.0.1:${(bareServer.address() as AddressInfo).port}/slack/events`;

// The anchor for decisions: a bare Bolt app that, per `/oversight <decision>`, stores the rows the
// bot stores for a draft (the note, its two participants, its action, an audit entry chained by
// hash) with better-sqlite3 in one transaction on a database migrated as the bot's, acks, and
// opens a modal. No parsing, no deadlines or reminders: the floor the bot is measured against.
const bareFile = path.join(tempDir("bench-bare-"), "bare.db");
migrateSqlite(bareFile, path.join(ROOT, "prisma/migrations"));
const bareDb = new Database(bareFile);
bareDb.pragma("journal_mode = WAL");
bareDb.pragma("synchronous = NORMAL");
const insertNote = bareDb.prepare(`INSERT INTO "Note" (id, sourceKey, caseRef, kind, status, discussedAt, createdAt, createdById, recorderId, version, content, updatedAt) VALUES (?, ?, ?, 'oversight', 'draft', ?, ?, 'p-mo', 'p-mo', 1, ?, ?)`);
const insertParticipant = bareDb.prepare(`INSERT INTO "NoteParticipant" (noteId, personId) VALUES (?, ?)`);
const insertAction = bareDb.prepare(`INSERT INTO "NoteAction" (id, noteId, position, what, ownerId, dueAt, status) VALUES (?, ?, 0, 'visit', 'p-sam', ?, 'open')`);
const lastAudit = bareDb.prepare(`SELECT seq, hash FROM "AuditEntry" ORDER BY seq DESC LIMIT 1`);
const insertAudit = bareDb.prepare(`INSERT INTO "AuditEntry" (seq, at, actorId, action, entityType, entityId, detail, prevHash, hash) VALUES (?, ?, 'p-mo', 'note.created', 'note', ?, ?, ?, ?)`);
const storeDraft = bareDb.transaction((text: string, triggerId: string) => {
  const id = randomUUID();
  const now = new Date().toISOString();
  insertNote.run(id, triggerId, /^(\S+)/.exec(text)?.[1] ?? null, now, now, JSON.stringify({ decision: text }), now);
  insertParticipant.run(id, "p-mo");
  insertParticipant.run(id, "p-sam");
  insertAction.run(randomUUID(), id, now);
  const end = lastAudit.get() as { seq: number; hash: string } | undefined;
  const prevHash = end?.hash ?? "genesis";
  const detail = JSON.stringify({ caseRef: text.slice(0, 12) });
  insertAudit.run((end?.seq ?? 0) + 1, now, id, detail, prevHash, createHash("sha256").update(`${prevHash}|${id}|${detail}`).digest("hex"));
  return id;
});
const bareDecisions = new App({ signingSecret: SIGNING_SECRET, token: BOT_TOKEN, clientOptions: { slackApiUrl: fake.apiUrl }, logLevel: LogLevel.ERROR });
bareDecisions.command("/oversight", async ({ ack, body, client }) => {
  const draftId = storeDraft(body.text, body.trigger_id);
  await ack();
  await client.views.open({
    trigger_id: body.trigger_id,
    view: {
      type: "modal",
      callback_id: "note",
      private_metadata: JSON.stringify({ draftId }),
      title: { type: "plain_text", text: "Oversight note" },
      submit: { type: "plain_text", text: "Record" },
      blocks: [{ type: "input", block_id: "decision", label: { type: "plain_text", text: "Decision" }, element: { type: "plain_text_input", action_id: "v", multiline: true, initial_value: body.text } }],
    },
  });
});
const bareDecisionServer = await bareDecisions.start({ port: 0, host: "127.0.0.1" });
const bareDecisionUrl = `http://127.0.0.1:${(bareDecisionServer.address() as AddressInfo).port}/slack/events`;

// --- a check that each answers as expected before loading it -----------------------------

async function once(url: string, text: string): Promise<{ status: number; body: string }> {
  const body = new URLSearchParams({
    token: "gIkuvaNzQIHg97ATvDxqgjtO", team_id: "T0001", team_domain: "example", channel_id: "C2147483705", channel_name: "duty-team",
    user_id: "U0MO", user_name: "mo", command: "/oversight", text, api_app_id: "A123456",
    response_url: fake.responseUrl("check"), trigger_id: `0.${Date.now()}.cd0a8b4b1a1e7f3d9d6e0a1d2c3b4a59`,
  }).toString();
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded", ...slackSignature(SIGNING_SECRET, body) }, body });
  return { status: res.status, body: await res.text() };
}

const botHelp = await once(botUrl, "help");
if (botHelp.status !== 200 || !HELP_EXPECT.every((part) => botHelp.body.includes(part))) {
  throw new Error(`bot's answer to /oversight help: ${botHelp.status} ${botHelp.body.slice(0, 300)}`);
}
const bareHelp = await once(bareUrl, "help");
if (bareHelp.status !== 200) throw new Error(`bare app's answer: ${bareHelp.status} ${bareHelp.body}`);
const botDecision = await once(botUrl, DECISION.replace("{n}", "100"));
if (botDecision.status !== 200) throw new Error(`bot's answer to a decision: ${botDecision.status} ${botDecision.body}`);
const [opened] = await fake.waitFor("views.open", 1);
if (!JSON.stringify(opened!.args).includes("draftId")) throw new Error(`the form opened carries no stored draft: ${JSON.stringify(opened!.args).slice(0, 300)}`);
fake.reset();

// --- load ----------------------------------------------------------------------------------

/** Runs the load generator against `url`; samples this process's CPU over its measured window. */
function load(target: string, url: string, text: string, expect: string[], opensForms = false): Promise<Measured> {
  fake.reset();
  const args = [TSX, LOAD, url, String(SECONDS), String(CONNECTIONS), "--warmup", String(WARMUP), "--text", text, "--response-url", `${fake.url}/respond`];
  for (const part of expect) args.push("--expect", part);
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, SLACK_SIGNING_SECRET: SIGNING_SECRET }, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    let buffered = "";
    let cpu0: NodeJS.CpuUsage | undefined;
    let elu0: ReturnType<typeof performance.eventLoopUtilization> | undefined;
    let t0 = 0;
    let from = 0;
    let window: { cpu: number; elu: number; from: number; to: number } | undefined;
    let result: LoadResult | undefined;
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      let newline: number;
      while ((newline = buffered.indexOf("\n")) >= 0) {
        const line = JSON.parse(buffered.slice(0, newline)) as { phase?: string } & LoadResult;
        buffered = buffered.slice(newline + 1);
        if (line.phase === "measure") {
          cpu0 = process.cpuUsage();
          elu0 = performance.eventLoopUtilization();
          t0 = performance.now();
          from = Date.now();
        } else if (line.phase === "done" && cpu0) {
          const cpu = process.cpuUsage(cpu0);
          window = { cpu: (cpu.user + cpu.system) / 1000 / (performance.now() - t0), elu: performance.eventLoopUtilization(elu0).utilization, from, to: Date.now() };
        } else if (!line.phase) result = line;
      }
    });
    child.on("exit", async (code) => {
      if (code !== 0 || !result || !window) return reject(new Error(`load generator exited ${code}: ${stderr}`));
      const w = window;
      const viewsOpened = fake.callsTo("views.open").filter((c) => c.at >= w.from && c.at <= w.to).length;
      // A decision opens its form after the ack: wait for the forms still to be opened, then
      // time each from the command's sending (the load generator puts Date.now() in the trigger id).
      const formMs: number[] = [];
      let formsMissing = 0;
      if (opensForms) {
        const answers = result.sent - result.errors;
        const until = Date.now() + 60_000;
        while (fake.callsTo("views.open").length < answers && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
        formsMissing = Math.max(0, answers - fake.callsTo("views.open").length);
        for (const call of fake.callsTo("views.open")) {
          const sentAt = Number(String(call.args.trigger_id).split(".")[1]);
          if (sentAt >= w.from && sentAt <= w.to) formMs.push(call.at - sentAt);
        }
        formMs.sort((a, b) => a - b);
      }
      resolve({ target, ...result, serverCpu: w.cpu, serverElu: w.elu, viewsOpened, formMs, formsMissing });
    });
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const help: Measured[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  if (ONLY.has("bot")) help.push(await load("bot", botUrl, "help", HELP_EXPECT));
  if (ONLY.has("bare")) help.push(await load("bare Bolt", bareUrl, "help", []));
}
const decisions: Measured[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  if (ONLY.has("decision")) decisions.push(await load("bot, decision", botUrl, DECISION, [], true));
  if (ONLY.has("bare-decision")) decisions.push(await load("bare Bolt + better-sqlite3, decision", bareDecisionUrl, DECISION, [], true));
}

// --- report --------------------------------------------------------------------------------

const f0 = (n: number) => Math.round(n).toLocaleString("en-GB");
const f2 = (n: number) => n.toFixed(2);
const failures = (m: Measured) => Object.values(m.statuses).reduce((a, b) => a + b, 0) + m.unexpected + m.errors;
const failureText = (m: Measured) =>
  failures(m) === 0 ? "0" : `${failures(m)} (${[...Object.entries(m.statuses).map(([s, n]) => `${n}× ${s}`), m.unexpected ? `${m.unexpected} wrong body` : "", m.errors ? `${m.errors} errors` : ""].filter(Boolean).join(", ")})`;
const row = (round: number | string, m: Measured, extra = "") =>
  `| ${round} | ${m.target} | ${f0(m.rps)} | ${f2(m.p50Ms)} | ${f2(m.p99Ms)} | ${failureText(m)} | ${f2(m.serverCpu)} / ${f2(m.serverElu)} | ${f2(m.clientCpu)} |${extra}`;

const bot = help.filter((m) => m.target === "bot");
const bareRuns = help.filter((m) => m.target !== "bot");
const ratios = bot.length === bareRuns.length ? bot.map((m, i) => m.rps / bareRuns[i]!.rps) : [];
const ratio = median(ratios);

const out: string[] = [];
if (help.length) {
  out.push(`### Signed \`/oversight help\`: bot vs bare Bolt`, "");
  out.push(`Node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? "?"}), ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${SECONDS} s measured per round.`, "");
  out.push("| round | target | req/s | p50 ms | p99 ms | failed | server CPU / event loop | client CPU |", "|---|---|---|---|---|---|---|---|");
  help.forEach((m, i) => out.push(row(Math.floor(i / (help.length / ROUNDS)) + 1, m)));
  out.push("");
}
if (ratios.length) {
  out.push("| | bot | bare Bolt | ratio bot / bare |", "|---|---|---|---|");
  ratios.forEach((r, i) => out.push(`| round ${i + 1} | ${f0(bot[i]!.rps)} req/s | ${f0(bareRuns[i]!.rps)} req/s | ${f2(r)} |`));
  out.push(`| **median** | **${f0(median(bot.map((m) => m.rps)))} req/s** | **${f0(median(bareRuns.map((m) => m.rps)))} req/s** | **${f2(ratio)}** (target ≥ ${TARGET}: ${ratio >= TARGET ? "met" : "NOT met"}) |`);
  out.push("");
}
if (decisions.length) {
  out.push(`### \`/oversight <decision>\`: the bot (parse, store a draft, ack, views.open) vs bare Bolt storing the same rows`, "");
  out.push(`Message: "${DECISION}"`, "");
  out.push("| round | target | acks/s | ack p50 ms | ack p99 ms | failed | server CPU / event loop | client CPU | forms opened/s | command → form opened p50 / p99 / max ms | forms later than 3 s |", "|---|---|---|---|---|---|---|---|---|---|---|");
  const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
  const perRound = decisions.length / ROUNDS;
  decisions.forEach((m, i) => {
    const late = m.formMs.filter((ms) => ms > 3000).length + m.formsMissing;
    out.push(row(Math.floor(i / perRound) + 1, m, ` ${f0(m.viewsOpened / m.seconds)} | ${f0(pct(m.formMs, 50))} / ${f0(pct(m.formMs, 99))} / ${f0(m.formMs.at(-1) ?? NaN)} | ${late} of ${m.formMs.length + m.formsMissing} |`));
  });
  out.push("");
  const botDecisions = decisions.filter((m) => m.target === "bot, decision");
  const bareDecisionRuns = decisions.filter((m) => m.target !== "bot, decision");
  if (botDecisions.length && botDecisions.length === bareDecisionRuns.length) {
    const decisionRatios = botDecisions.map((m, i) => m.rps / bareDecisionRuns[i]!.rps);
    const r = median(decisionRatios);
    const p99 = median(botDecisions.map((m) => m.formMs[Math.min(m.formMs.length - 1, Math.floor(0.99 * m.formMs.length))] ?? NaN));
    out.push("| | bot | bare Bolt + better-sqlite3 | ratio bot / bare | bot's command → form p99 |", "|---|---|---|---|---|");
    decisionRatios.forEach((ratio, i) => out.push(`| round ${i + 1} | ${f0(botDecisions[i]!.rps)} acks/s | ${f0(bareDecisionRuns[i]!.rps)} acks/s | ${f2(ratio)} | |`));
    out.push(`| **median** | **${f0(median(botDecisions.map((m) => m.rps)))} acks/s** | **${f0(median(bareDecisionRuns.map((m) => m.rps)))} acks/s** | **${f2(r)}** (target ≥ ${DECISION_TARGET}: ${r >= DECISION_TARGET ? "met" : "NOT met"}) | **${f0(p99)} ms** (target < ${FORM_P99_TARGET_MS}: ${p99 < FORM_P99_TARGET_MS ? "met" : "NOT met"}) |`);
    out.push("");
  }
}
out.push("server CPU: this process (both servers and the fake Slack API) over the measured window, 1.00 = one core; event loop: its utilisation. client CPU: the load generator's process.");
process.stdout.write(`${out.join("\n")}\n`);

await bare.stop();
await bareDecisions.stop();
bareDb.close();
await slack.stop();
await botServer.close();
await core.storage.close();
await fake.close();
process.exit(0);
