import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { checkpointKey } from "../config/checkpoint-key.ts";
import { loadConfig, type Config } from "../config/env.ts";
import { AppError } from "../domain/errors.ts";
import { silentLogger } from "../logger.ts";
import { composeCore } from "../compose.ts";
import { CHECKPOINT_FILE, writeCheckpoint } from "../scheduler/audit-checkpoints.ts";
import { verifyAudit } from "../services/verify-audit.ts";

const USAGE = "usage: audit verify [--checkpoint FILE] | audit checkpoint";

/**
 * `audit verify [--checkpoint FILE]`: the chain, the record against its seals, and (given a
 * file of signed checkpoints, e.g. the operator's or lines an auditor kept from chat) the
 * chain against each checkpoint; exit 1 when anything is wrong.
 * `audit checkpoint`: writes a signed checkpoint of the chain's end now (as the scheduler does
 * every AUDIT_CHECKPOINT_MINUTES) and prints it with the file it went to.
 */
export async function auditCommand(args: string[], io: { out: (s: string) => void }): Promise<number> {
  const [verb, ...rest] = args;
  if (verb !== "verify" && verb !== "checkpoint") throw new AppError("CLI.USAGE", USAGE);
  const { values } = parseArgs({ args: rest, options: { checkpoint: { type: "string" } } });
  const config = loadConfig();
  if (verb === "checkpoint" && values.checkpoint !== undefined) throw new AppError("CLI.USAGE", USAGE);
  // Read before the database is opened: a wrong path is said at once.
  const given = values.checkpoint !== undefined ? { text: readCheckpoints(values.checkpoint), key: keyOf(config) } : undefined;
  const core = await composeCore(config);
  try {
    if (verb === "checkpoint") {
      const dir = config.auditCheckpoints.dir;
      const written = await writeCheckpoint(core, { key: keyOf(config), dir, log: silentLogger });
      const head = await core.storage.audit.last();
      io.out(JSON.stringify({ written: written !== null, file: path.join(dir, CHECKPOINT_FILE), seq: head?.seq ?? 0 }));
      return 0;
    }
    const verdict = await verifyAudit(core, given);
    io.out(JSON.stringify(verdict));
    return verdict.ok ? 0 : 1;
  } finally {
    await core.storage.close();
  }
}

function keyOf(config: Config): Buffer {
  const key = checkpointKey({ envKey: config.auditCheckpoints.envKey, dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  if (!key) throw new AppError("AUDIT.NO_KEY", "AUDIT_CHECKPOINT_KEY is not set: checkpoints on PostgreSQL are signed with the key the replicas share (docs/operating.md#audit-checkpoints)");
  return key.key;
}

function readCheckpoints(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new AppError("AUDIT.NO_CHECKPOINT_FILE", `Cannot read the checkpoint file ${file} (${(error as NodeJS.ErrnoException).code ?? "error"})`, { file });
  }
}
