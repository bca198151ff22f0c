// CPU per `/oversight <decision>` turn, in process (no HTTP): what the Slack benchmark's bot pays
// for a decision beyond Bolt, and where (Prisma's client and query compiler, the driver, the rest).
// Each turn a new case, as in slack.bench.ts. Run: npx tsx tests/bench/turn.bench.ts [turns]
import path from "node:path";
import { performance } from "node:perf_hooks";
import { systemClock } from "../../src/domain/clock.ts";
import { handleInbound } from "../../src/bot/inbound.ts";
import { silentLogger } from "../../src/logger.ts";
import { loadPrompts } from "../../src/prompts/prompts.ts";
import { DEFAULT_SETTINGS, type Core } from "../../src/services/core.ts";
import { openSqliteStorage } from "../../src/storage/prisma/open-sqlite.ts";
import { team } from "../support/fixtures.ts";
import { tempDir } from "../support/spawn.ts";

const turns = Number(process.argv[2] ?? 1000);
const storage = await openSqliteStorage(`file:${path.join(tempDir("bench-turn-"), "oversight.db")}`);
let n = 0;
const core: Core = { storage, clock: systemClock, newId: () => `id${++n}`, settings: DEFAULT_SETTINGS, prompts: loadPrompts() };
await storage.people.saveAll(team(), systemClock.now());
const mo = { platform: "console" as const, externalId: "mo" };
const text = (i: number) =>
  `CR-${10000 + i} discussed today with @sam. Issue: missed visits. Decision: visit weekly. Because: mum is engaging. Actions: Sam to visit by Friday`;

async function run(from: number, count: number): Promise<number> {
  const cpu = process.cpuUsage();
  for (let i = from; i < from + count; i++) {
    const reply = await handleInbound(core, silentLogger, { kind: "command", eventId: `e${i}`, actor: mo, text: text(i) });
    if (!reply.form) throw new Error(`turn ${i} made no form: ${reply.message?.text}`);
  }
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / 1000 / count;
}

await run(0, 200); // warm-up
const started = performance.now();
const perTurn = await run(200, turns);
console.log(`${turns} decision turns: ${perTurn.toFixed(2)} ms CPU per turn (${((performance.now() - started) / turns).toFixed(2)} ms wall)`);
await storage.close();
