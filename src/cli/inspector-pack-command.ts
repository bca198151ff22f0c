import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { Core } from "../services/core.ts";
import { inspectorPack } from "../export/inspector-pack.ts";
import { CliError } from "./cli-error.ts";

const USAGE = "usage: inspector-pack --team T --from YYYY-MM --to YYYY-MM --as HANDLE --out DIR";

/**
 * `inspector-pack --team T --from YYYY-MM --to YYYY-MM --as HANDLE --out DIR`: writes the pack
 * (export/inspector-pack.ts) into DIR, which must be new or empty: a pack is never written over
 * another. Prints what it wrote as JSON.
 */
export async function inspectorPackCommand(core: Core, args: string[], io: { out: (s: string) => void }): Promise<number> {
  const { values } = parseArgs({ args, options: { team: { type: "string" }, from: { type: "string" }, to: { type: "string" }, as: { type: "string" }, out: { type: "string" } } });
  if (!values.team || !values.from || !values.to || !values.out) throw new CliError("CLI.USAGE", USAGE);
  if (!values.as) throw new CliError("CLI.USAGE", `inspector-pack needs --as HANDLE: access rules apply to whoever exports. ${USAGE}`);
  const out = path.resolve(values.out);
  if (existsSync(out) && readdirSync(out).length > 0) throw new CliError("CLI.OUT_NOT_EMPTY", `${values.out} is not empty: give a new folder, so no earlier pack is written over`);
  const actor = await core.storage.people.findByHandle(values.as);
  if (!actor) throw new CliError("CLI.UNKNOWN_PERSON", `No rostered person with handle ${values.as}`);

  const pack = await inspectorPack(core, actor, { team: values.team, from: values.from, to: values.to });
  for (const file of pack.files) {
    const target = path.join(out, file.path);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.content, { flag: "wx" });
  }
  io.out(JSON.stringify({ out, team: pack.team, from: pack.from, to: pack.to, files: pack.files.length, notes: pack.notes, withheld: pack.withheld, auditEntries: pack.auditEntries }));
  return 0;
}
