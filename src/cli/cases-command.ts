import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import type { RegisteredCase } from "../domain/case-register.ts";
import { caseRefFrom } from "../services/change-case.ts";
import type { Core } from "../services/core.ts";
import { Directory } from "../services/directory.ts";
import { importCases } from "../services/import-cases.ts";
import { CliError } from "./cli-error.ts";

const USAGE = "usage: cases import FILE.csv | cases list [--team T] | cases history REF";

/**
 * `cases import FILE.csv`, `cases list [--team T]`, `cases history REF`: the case register from
 * the case system's export (docs/design.md#the-case-register). People appear by handle.
 */
export async function casesCommand(core: Core, args: string[], io: { out: (s: string) => void }): Promise<number> {
  const [verb, ...rest] = args;
  const directory = await Directory.load(core.storage.people);
  const handle = (id: string | null) => (id ? (directory.get(id)?.handle ?? id) : null);
  switch (verb) {
    case "import": {
      if (rest.length !== 1) throw new CliError("CLI.USAGE", "usage: cases import FILE.csv");
      let csv: string;
      try {
        csv = readFileSync(rest[0]!, "utf8");
      } catch {
        throw new CliError("CLI.FILE", `Cannot read ${rest[0]}`);
      }
      const result = await importCases(core, null, csv);
      if (!result.ok) throw new CliError("CASES.INVALID", `${rest[0]}: ${result.problems.length} problem(s); nothing was imported`, { problems: result.problems });
      const { imported, created, updated, unchanged } = result;
      io.out(JSON.stringify({ imported, created, updated, unchanged }));
      return 0;
    }
    case "list": {
      const { values } = parseArgs({ args: rest, options: { team: { type: "string" } } });
      const cases = await core.storage.cases.list(values.team !== undefined ? { team: values.team } : {});
      io.out(JSON.stringify({ cases: cases.map((kase) => shown(kase, handle)) }));
      return 0;
    }
    case "history": {
      if (rest.length !== 1) throw new CliError("CLI.USAGE", "usage: cases history REF");
      const caseRef = caseRefFrom(rest[0]!, directory.staffWords);
      const kase = await core.storage.cases.find(caseRef);
      if (!kase) throw new CliError("CASE.NOT_FOUND", `${caseRef} is not on the register`, { caseRef });
      const changes = await core.storage.cases.history(caseRef);
      io.out(
        JSON.stringify({
          case: shown(kase, handle),
          changes: changes.map((c) => ({ at: c.at.toISOString(), by: handle(c.byId), field: c.field, value: c.field === "worker" ? handle(c.value) : c.value, effectiveOn: c.effectiveOn, reason: c.reason })),
        }),
      );
      return 0;
    }
    default:
      throw new CliError("CLI.USAGE", USAGE);
  }
}

function shown(kase: RegisteredCase, handle: (id: string | null) => string | null) {
  const { caseRef, category, categorySince, workerId, team, openedOn, closedOn, extension } = kase;
  return {
    caseRef, category, categorySince, worker: handle(workerId), team, openedOn, closedOn,
    extension: extension && { by: handle(extension.byId), at: extension.at.toISOString(), category: extension.category, rationale: extension.rationale },
  };
}
