import { parseArgs } from "node:util";
import { AppError } from "../domain/errors.ts";
import type { Core } from "../services/core.ts";
import { runRetention } from "../services/run-retention.ts";
import { instantFlag } from "./instant-flag.ts";

const USAGE = "usage: retention run [--dry-run] [--now ISO]";

/**
 * `retention run [--dry-run] [--now ISO]`: applies the active profile's retention rules
 * (docs/operating.md#retention). `--dry-run` lists what would go and why, changing nothing: run
 * it first. Without it, each due note's case content is removed, each removal audited.
 * `--now` judges the rules as at that instant (default: the clock). Prints
 * { dryRun, now, profile, checked, due: [{ noteId, caseRef, onCaseRecordAt, dueAt, rule, explain }], purged }.
 */
export async function retentionCommand(core: Core, args: string[], io: { out: (s: string) => void }): Promise<number> {
  if (args[0] !== "run") throw new AppError("CLI.USAGE", USAGE);
  const { values } = parseArgs({ args: args.slice(1), options: { "dry-run": { type: "boolean" }, now: { type: "string" } } });
  const now = values.now === undefined ? undefined : instantFlag("--now", values.now);
  const report = await runRetention(core, { dryRun: values["dry-run"] === true, ...(now && { now }) });
  io.out(JSON.stringify(report));
  return 0;
}
