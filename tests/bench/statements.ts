// SQL statements and commits for one turn on SQLite (Prisma with the better-sqlite3 adapter):
// `/oversight <a decision>` (a draft with deadlines and reminders) and the note form's
// submission that records it (the note, its deadlines, reminders, and notices to the others).
// Counts every statement better-sqlite3 runs during the turn, whatever sends it.
// Run: npx tsx tests/bench/statements.ts
import path from "node:path";
import Database from "better-sqlite3";
import { FixedClock } from "../../src/domain/clock.ts";
import { handleInbound } from "../../src/bot/inbound.ts";
import { silentLogger } from "../../src/logger.ts";
import { loadPrompts } from "../../src/prompts/prompts.ts";
import { DEFAULT_SETTINGS, type Core } from "../../src/services/core.ts";
import { openSqliteStorage } from "../../src/storage/prisma/open-sqlite.ts";
import { COMPLETE_EXAMPLE, team } from "../support/fixtures.ts";
import { tempDir } from "../support/spawn.ts";

const statements: string[] = [];
let counting = false;
// Counted as they run, not as they are prepared: prepared statements are kept and run again.
const statementProto = Object.getPrototypeOf(new Database(":memory:").prepare("SELECT 1")) as Record<string, (...args: unknown[]) => unknown>;
for (const method of ["run", "get", "all", "iterate"]) {
  const original = statementProto[method]!;
  statementProto[method] = function (this: { source: string }, ...args: unknown[]) {
    if (counting) statements.push(this.source);
    return original.apply(this, args);
  };
}
const proto = Database.prototype as unknown as { exec(sql: string): unknown };
const { exec } = proto;
proto.exec = function (this: unknown, sql: string) {
  if (counting) statements.push(...sql.split(";").map((s) => s.trim()).filter(Boolean));
  return exec.call(this, sql);
};

const storage = await openSqliteStorage(`file:${path.join(tempDir("bench-statements-"), "oversight.db")}`);
const clock = new FixedClock("2026-11-23T15:00:00Z");
let n = 0;
const core: Core = { storage, clock, newId: () => `id${++n}`, settings: DEFAULT_SETTINGS, prompts: loadPrompts() };
await storage.people.saveAll(team(), clock.now());
const mo = { platform: "console" as const, externalId: "mo" };

async function counted<T>(work: () => Promise<T>) {
  statements.length = 0;
  counting = true;
  try {
    return { result: await work(), sql: [...statements] };
  } finally {
    counting = false;
  }
}

/** Statements by kind, and commits: each COMMIT, and each write sent outside a transaction (SQLite commits it alone). */
function summary(label: string, sql: string[]) {
  let inTransaction = false;
  let commits = 0;
  let alone = 0;
  for (const sql_ of sql) {
    const statement = sql_.trim();
    if (/^BEGIN/i.test(statement)) inTransaction = true;
    else if (/^(COMMIT|ROLLBACK)/i.test(statement)) (inTransaction = false), commits++;
    else if (!inTransaction && /^(INSERT|UPDATE|DELETE)/i.test(statement)) alone++, commits++;
  }
  const is = (re: RegExp) => sql.filter((s) => re.test(s.trim())).length;
  const [begins, ends, reads, writes] = [is(/^BEGIN/i), is(/^(COMMIT|ROLLBACK)/i), is(/^SELECT/i), is(/^(INSERT|UPDATE|DELETE)/i)];
  console.log(`${label}: ${sql.length} statements, ${commits} commits (${begins} BEGIN, ${ends} COMMIT, ${reads} SELECT, ${writes} INSERT/UPDATE/DELETE of which ${alone} outside a transaction)`);
  if (process.env.STATEMENTS_VERBOSE) for (const s of sql) console.log(`  ${s.replace(/\s+/g, " ").slice(0, 160)}`);
}

// Each as Slack sends it: with the delivery's key, kept so that a copy delivered again is answered once.
// A first decision warms up the caches (prepared query plans do not change the count).
await handleInbound(core, silentLogger, { kind: "command", eventId: "slack:command:warm-up", retryKey: "slack:command:warm-up", actor: mo, text: COMPLETE_EXAMPLE.replace("4471-JB", "1000-AA") });

const decision = await counted(() => handleInbound(core, silentLogger, { kind: "command", eventId: "slack:command:decision", retryKey: "slack:command:decision", actor: mo, text: COMPLETE_EXAMPLE }));
summary("/oversight <decision>", decision.sql);

const form = decision.result.form!;
const values = Object.fromEntries(form.inputs.map((input) => [input.id, input.value ?? ""]));
const submitted = await counted(() => handleInbound(core, silentLogger, { kind: "submit", eventId: "slack:view:submit", retryKey: "slack:view:submit", actor: mo, formId: form.formId, values, state: form.state }));
summary("note form submitted (recorded, 1 notice)", submitted.sql);
if (!submitted.result.notify?.length) throw new Error(`the submission did not record the note: ${submitted.result.message?.text}`);

await storage.close();
