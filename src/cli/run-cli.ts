import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ConfigError } from "../config/config-error.ts";
import { AppError } from "../domain/errors.ts";
import { LONDON } from "../domain/london-time.ts";
import { CliError } from "./cli-error.ts";
import { instantFlag } from "./instant-flag.ts";
import type { Core } from "../services/core.ts";
import type { Config } from "../config/env.ts";
import type { ExportFormat } from "../export/export-note.ts";

// Each command loads what it needs when it runs (the capture parser, the calendar, the
// storage): `--help` and a mistyped command answer at once, without loading any of it.


const USAGE = `usage: oversight <command>
  parse [--now ISO] [--tz Europe/London] [--roster FILE.csv]
                                                  read a chat message on stdin, print the draft
                                                  (--roster: colleagues named without @, as the bot reads them)
  export NOTE --as HANDLE [--format text|child|json|csv]
  export --case REF --as HANDLE [--format …]       every note on a case HANDLE may see
  db migrate                                      apply the migrations this build ships (a release step; the bot also does at start-up)
  roster import FILE.csv                          import or update people
  cases import FILE.csv                           import or update the case register from the case system's export
  cases list [--team T]                           the cases on the register
  cases history REF                               every change to a case
  audit verify [--checkpoint FILE]                check the audit trail's hash chain and every note against it
                                                  (FILE: signed checkpoints, one a line, that the trail must still hold)
  audit checkpoint                                write a signed checkpoint of the trail's end now, and print it
  compliance --team T --month YYYY-MM --as HANDLE [--format json|csv] [--now ISO]
                                                  a team's compliance summary for a London month
  dashboard-link --as HANDLE [--team T]           a private link to a team's compliance dashboard on the running bot
                                                  (same environment as npm start): { url, expires }
  inspector-pack --team T --from YYYY-MM --to YYYY-MM --as HANDLE --out DIR
                                                  for an inspection: each month's compliance (HTML with charts, CSV), every
                                                  note in the period (text, JSON), an audit extract and how to verify it
  leave add HANDLE FROM [TO] | list HANDLE | remove HANDLE ID
                                                  who is away (YYYY-MM-DD): reminders wait, escalations go round
  retention run [--dry-run] [--now ISO]          remove the bot's copy of case content the profile's retention
                                                  rules let go (--dry-run first: what would go, and why)
  due --profile ID --rule RULE --from ISO         when a timescale rule falls due, and why
  discussion-due --profile ID --category CAT --from ISO
                                                  when a case discussed at FROM must next be discussed, and why
  profiles                                        the shipped policy profiles and their rules
  profile check FILE                              validate a policy profile file (.yaml/.json)
  rotate --input FILE.json                        plan group supervision roles fairly`;

export async function runCli(argv: string[], io: { stdin: () => string; out: (s: string) => void }): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "--help":
    case "-h":
    case "help":
      // Asked for: plain text on stdout, not an error.
      io.out(USAGE);
      return 0;
    case "parse":
      return parseCommand(rest, io);
    case "export":
      return withCore((core) => exportCommand(core, rest, io));
    case "db":
      if (rest[0] !== "migrate") throw new CliError("CLI.USAGE", "usage: db migrate");
      return migrateCommand(io);
    case "roster":
      if (rest[0] !== "import" || !rest[1]) throw new CliError("CLI.USAGE", "usage: roster import FILE.csv");
      return withCore((core) => rosterImport(core, rest[1]!, io));
    case "cases":
      return withCore(async (core) => (await import("./cases-command.ts")).casesCommand(core, rest, io));
    case "audit":
      return (await import("./audit-commands.ts")).auditCommand(rest, io);
    case "compliance":
      return withCore(async (core) => (await import("./compliance-command.ts")).complianceCommand(core, rest, io));
    case "dashboard-link": {
      const { loadConfig } = await import("../config/env.ts");
      const config = loadConfig();
      return withCore(async (core) => (await import("./dashboard-command.ts")).dashboardLinkCommand(core, config, rest, io), config);
    }
    case "inspector-pack":
      return withCore(async (core) => (await import("./inspector-pack-command.ts")).inspectorPackCommand(core, rest, io));
    case "leave":
      return withCore(async (core) => (await import("./leave-command.ts")).leaveCommand(core, rest, io));
    case "retention":
      return withCore(async (core) => (await import("./retention-command.ts")).retentionCommand(core, rest, io));
    case "due":
      return (await import("./policy-commands.ts")).dueCommand(rest, io);
    case "discussion-due":
      return (await import("./policy-commands.ts")).discussionDueCommand(rest, io);
    case "profiles":
      return (await import("./policy-commands.ts")).profilesCommand(io);
    case "profile":
      if (rest[0] !== "check" || !rest[1]) throw new CliError("CLI.USAGE", "usage: profile check FILE");
      return (await import("./policy-commands.ts")).profileCheckCommand(rest[1], io);
    case "rotate":
      return (await import("./rotate-command.ts")).rotateCommand(rest, io);
    default:
      throw new CliError("CLI.USAGE", USAGE);
  }
}

async function parseCommand(args: string[], io: { stdin: () => string; out: (s: string) => void }): Promise<number> {
  const [{ parseMessage }, { loadConfig }, { systemClock }] = await Promise.all([import("../capture/parse-message.ts"), import("../config/env.ts"), import("../domain/clock.ts")]);
  const { values } = parseArgs({ args, options: { now: { type: "string" }, tz: { type: "string" }, roster: { type: "string" } } });
  if (values.tz && values.tz !== LONDON) throw new CliError("CLI.TZ", `Only ${LONDON} is supported, not ${values.tz}`);
  const now = values.now !== undefined ? instantFlag("--now", values.now) : systemClock.now();
  const team = values.roster !== undefined ? await rosterTeam(values.roster) : undefined;
  const draft = parseMessage(io.stdin(), { now, endOfDay: loadConfig().profile.workingHours.end, ...(team ? { team } : {}) });
  io.out(
    JSON.stringify({
      caseRef: draft.caseRef,
      kind: draft.kind,
      discussedAt: draft.discussedAt.toISOString(),
      participants: draft.participants,
      issue: draft.issue,
      options: draft.options,
      decision: draft.decision,
      rationale: draft.rationale,
      disagreements: draft.disagreements,
      actions: draft.actions.map((a) => ({ what: a.what, owner: a.owner, due: a.due?.toISOString() ?? null })),
      childViews: draft.childViews,
      missing: draft.missing,
      guessed: draft.guessed,
    }),
  );
  return 0;
}

/** The team in a roster CSV (the file `roster import` takes), for `parse --roster FILE`. */
async function rosterTeam(file: string) {
  const { teamFromRosterCsv } = await import("../services/import-roster.ts");
  let csv: string;
  try {
    csv = readFileSync(file, "utf8");
  } catch {
    throw new CliError("CLI.FILE", `Cannot read ${file}`);
  }
  const read = teamFromRosterCsv(csv);
  if (!read.ok) throw new CliError("ROSTER.INVALID", `${file}: ${read.problems.length} problem(s)`, { problems: read.problems });
  return read.team;
}

async function exportCommand(core: Core, args: string[], io: { out: (s: string) => void }): Promise<number> {
  const [{ EXPORT_FORMATS, exportNote }, { listCaseNotes }] = await Promise.all([import("../export/export-note.ts"), import("../services/list-case-notes.ts")]);
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { as: { type: "string" }, format: { type: "string" }, case: { type: "string" } } });
  const format = (values.format ?? "text") as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new CliError("CLI.FORMAT", `--format must be one of ${EXPORT_FORMATS.join(", ")}`);
  if (!values.as) throw new CliError("CLI.USAGE", "export needs --as HANDLE: access rules apply to whoever exports");
  const actor = await core.storage.people.findByHandle(values.as);
  if (!actor) throw new CliError("CLI.UNKNOWN_PERSON", `No rostered person with handle ${values.as}`);
  const listed = values.case ? await listCaseNotes(core, actor, values.case) : null;
  const ids = listed ? listed.notes.map((n) => n.id) : positionals.slice(0, 1);
  if (listed && ids.length === 0) throw new CliError("NOTE.NOT_FOUND", `No notes on ${listed.caseRef} that you may see`);
  if (ids.length === 0) throw new CliError("CLI.USAGE", "export needs a note id or --case REF");
  const exported = [];
  for (const id of ids) exported.push({ noteId: id, format, content: await exportNote(core, actor, id, format) });
  io.out(JSON.stringify(listed ? { caseRef: listed.caseRef, notes: exported } : exported[0]));
  return 0;
}

async function rosterImport(core: Core, file: string, io: { out: (s: string) => void }): Promise<number> {
  const { importRoster } = await import("../services/import-roster.ts");
  let csv: string;
  try {
    csv = readFileSync(file, "utf8");
  } catch {
    throw new CliError("CLI.FILE", `Cannot read ${file}`);
  }
  const result = await importRoster(core, null, csv);
  if (!result.ok) throw new CliError("ROSTER.INVALID", `${file}: ${result.problems.length} problem(s); nothing was imported`, { problems: result.problems });
  io.out(JSON.stringify(result));
  return 0;
}

/**
 * Applies the shipped migrations to DATABASE_URL (opening the storage does: under a lock on
 * PostgreSQL, so replicas starting meanwhile wait) and says where the database stands.
 */
async function migrateCommand(io: { out: (s: string) => void }): Promise<number> {
  const [{ composeStorage }, { loadConfig }] = await Promise.all([import("../compose.ts"), import("../config/env.ts")]);
  const config = loadConfig();
  const storage = await composeStorage(config);
  try {
    const { migrations } = await storage.readiness();
    const database = config.databaseUrl.startsWith("file:") ? "sqlite" : "postgresql";
    io.out(JSON.stringify({ ok: migrations.current, database, shipped: migrations.shipped.length, applied: migrations.applied.length, latest: migrations.applied.at(-1) ?? null }));
    return migrations.current ? 0 : 1;
  } finally {
    await storage.close();
  }
}

async function withCore(work: (core: Core) => Promise<number>, config?: Config): Promise<number> {
  const [{ composeCore }, { loadConfig }] = await Promise.all([import("../compose.ts"), import("../config/env.ts")]);
  const core = await composeCore(config ?? loadConfig());
  try {
    return await work(core);
  } finally {
    await core.storage.close();
  }
}

/** Errors as one JSON object on stderr: { error: { code, message, … } }. */
export function cliErrorJson(error: unknown): string {
  if (error instanceof CliError) return JSON.stringify({ error: { code: error.code, message: error.message, ...error.details } });
  if (error instanceof AppError) return JSON.stringify({ error: { code: error.code, message: error.message, ...error.params } });
  if (error instanceof ConfigError) return JSON.stringify({ error: { code: "CONFIG.INVALID", message: error.message } });
  if (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS")) {
    return JSON.stringify({ error: { code: "CLI.USAGE", message: error.message } });
  }
  return JSON.stringify({ error: { code: "UNEXPECTED", message: (error as Error)?.message ?? String(error) } });
}
