import { instantFlag } from "./instant-flag.ts";
import { parseArgs } from "node:util";
import { AppError } from "../domain/errors.ts";
import { complianceAsCsv, complianceAsJson } from "../export/compliance-data.ts";
import { complianceSummary } from "../services/compliance-summary.ts";
import type { Core } from "../services/core.ts";

export const COMPLIANCE_FORMATS = ["json", "csv"] as const;

/**
 * `compliance --team T --month YYYY-MM --as HANDLE [--format json|csv] [--now ISO]`: a team's
 * compliance summary, with the access rules of whoever asks (and audited as their view).
 * JSON prints the summary; CSV prints the table itself (one row per note), ready to save.
 * `--now` judges the deadlines as they stood at that instant, for a reproducible report.
 */
export async function complianceCommand(core: Core, args: string[], io: { out: (s: string) => void }): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { team: { type: "string" }, month: { type: "string" }, as: { type: "string" }, format: { type: "string" }, now: { type: "string" } },
  });
  const usage = "usage: compliance --team T --month YYYY-MM --as HANDLE [--format json|csv] [--now ISO]";
  if (!values.team || !values.month) throw new AppError("CLI.USAGE", usage);
  if (!values.as) throw new AppError("CLI.USAGE", `compliance needs --as HANDLE: access rules apply to whoever asks. ${usage}`);
  const format = values.format ?? "json";
  if (!(COMPLIANCE_FORMATS as readonly string[]).includes(format)) throw new AppError("CLI.FORMAT", `--format must be one of ${COMPLIANCE_FORMATS.join(", ")}`);
  const asAt = values.now === undefined ? undefined : instantFlag("--now", values.now);
  const actor = await core.storage.people.findByHandle(values.as);
  if (!actor) throw new AppError("CLI.UNKNOWN_PERSON", `No rostered person with handle ${values.as}`);

  const summary = await complianceSummary(core, actor, { team: values.team, month: values.month, ...(asAt && { asAt }) });
  io.out(format === "csv" ? complianceAsCsv(summary).replace(/\r\n$/, "") : JSON.stringify(complianceAsJson(summary)));
  return 0;
}
