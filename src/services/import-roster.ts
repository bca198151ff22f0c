import type { TeamMember } from "../capture/parse-message.ts";
import { z } from "zod";
import type { Person, PlatformIdentity } from "../domain/people.ts";
import { parseWorkingHours } from "../domain/working-hours.ts";
import { parseLondonDate } from "../calendar/london-date.ts";
import { londonToInstant } from "../domain/london-time.ts";
import { audit } from "./audit-trail.ts";
import { parseCsv, readCsv, type CsvProblem } from "./csv-import.ts";
import type { Core } from "./core.ts";
import { syncSupervisionWithRoster } from "./supervision-roster.ts";

/** Columns of a roster CSV (header row required; order free; extra columns refused). */
export const ROSTER_COLUMNS = ["handle", "name", "role", "line_manager", "team", "slack_user_id", "teams_user_id", "email", "deputy", "active", "working_hours", "left_on", "started_on", "newly_qualified"] as const;
const REQUIRED_COLUMNS = ["handle", "name", "role"];

export type RosterProblem = CsvProblem;

export type RosterImport = { ok: true; imported: number; created: number; updated: number } | { ok: false; problems: RosterProblem[] };

const optional = z.string().trim().transform((v) => v || null);
const rowSchema = (knownRoles: string[]) => z.object({
  handle: z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9._-]{1,39}$/, "must be 2–40 letters, digits, . _ or -, starting with a letter"),
  name: z.string().trim().min(2, "is empty"),
  role: z
    .string()
    .trim()
    .toLowerCase()
    .superRefine((role, ctx) => {
      if (!knownRoles.includes(role)) ctx.addIssue({ code: "custom", message: `"${role}" is not one of ${knownRoles.join(", ")}` });
    }),
  line_manager: optional.optional(),
  team: optional.optional(),
  slack_user_id: optional.refine((v) => v === null || /^[UW][A-Z0-9]{2,}$/.test(v), "is not a Slack user id (U…)").optional(),
  teams_user_id: optional.optional(),
  email: optional.refine((v) => v === null || /^[^@\s]+@[^@\s]+$/.test(v), "is not an email address").optional(),
  deputy: optional.optional(),
  // A person's own hours, when not the profile's: reminders wait for them.
  working_hours: optional
    .superRefine((v, ctx) => {
      const read = v === null ? null : parseWorkingHours(v);
      if (read && "problem" in read) ctx.addIssue({ code: "custom", message: read.problem });
    })
    .optional(),
  // The London day someone left the authority (YYYY-MM-DD): retention periods may run from it [003 8.12].
  left_on: optional
    .transform((v, ctx) => {
      if (v === null) return null;
      try {
        const day = parseLondonDate(v);
        return londonToInstant({ ...day, hour: 0, minute: 0 });
      } catch {
        ctx.addIssue({ code: "custom", message: `"${v}" is not a date: write it as YYYY-MM-DD, e.g. 2026-03-31` });
        return z.NEVER;
      }
    })
    .optional(),
  // The London day they started (YYYY-MM-DD): formal supervision cadences count from it.
  started_on: optional
    .superRefine((v, ctx) => {
      if (v === null) return;
      try {
        parseLondonDate(v);
      } catch {
        ctx.addIssue({ code: "custom", message: `"${v}" is not a date: write it as YYYY-MM-DD, e.g. 2026-09-01` });
      }
    })
    .optional(),
  // "yes" for a newly qualified social worker in their assessed year: supervised more often [001 8.1, 004 §10].
  newly_qualified: yesNo("must be yes or no (yes for a newly qualified social worker in their first year)"),
  // "no" for someone who has left: they keep their history but lose access.
  active: z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => ["", "yes", "no", "true", "false", "1", "0"].includes(v), "must be yes or no")
    .transform((v) => !["no", "false", "0"].includes(v))
    .optional(),
});

/** A yes/no column where empty means no. */
function yesNo(problem: string) {
  return z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => ["", "yes", "no", "true", "false", "1", "0", "y", "n"].includes(v), problem)
    .transform((v) => ["yes", "true", "1", "y"].includes(v))
    .optional();
}

/**
 * Imports a roster CSV: every row is checked and every problem reported with its line
 * number; nothing is saved unless the whole file is good. Line managers and deputies are
 * handles, of this file or of people already on the roster.
 */
export async function importRoster(core: Core, actorId: string | null, csv: string): Promise<RosterImport> {
  const read = readCsv(csv, { columns: ROSTER_COLUMNS, required: REQUIRED_COLUMNS, unknownColumn: `is not a roster column (${ROSTER_COLUMNS.join(", ")})`, empty: "the file has no people in it" });
  if (!read.ok) return read;
  const records = read.records;
  const problems: RosterProblem[] = [];

  const existing = await core.storage.people.list();
  const byHandle = new Map(existing.map((p) => [p.handle, p]));
  const knownRoles = Object.keys(core.settings.roleRanks);
  const Row = rowSchema(knownRoles);
  const rows: { line: number; row: z.infer<typeof Row> }[] = [];
  const seen = new Map<string, number>();
  for (const { record, line } of records) {
    const parsed = Row.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ line, column: String(issue.path[0] ?? ""), problem: issue.message });
      continue;
    }
    const row = parsed.data;
    // The newly qualified steps count from the start: without it there is nothing to count from.
    if (row.newly_qualified && !row.started_on) problems.push({ line, column: "newly_qualified", problem: "needs started_on: the newly qualified supervision steps count from the day they started" });
    const earlier = seen.get(row.handle);
    if (earlier) problems.push({ line, column: "handle", problem: `"${row.handle}" is already on line ${earlier}` });
    seen.set(row.handle, line);
    rows.push({ line, row });
  }
  const inFile = new Set(rows.map((r) => r.row.handle));
  for (const { line, row } of rows) {
    for (const column of ["line_manager", "deputy"] as const) {
      const handle = row[column]?.replace(/^@/, "").toLowerCase();
      if (!handle) continue;
      if (handle === row.handle) problems.push({ line, column, problem: "cannot be the person themselves" });
      else if (!inFile.has(handle) && !byHandle.has(handle)) problems.push({ line, column, problem: `"${handle}" is not on the roster` });
    }
  }
  const handleOfId = new Map(existing.map((p) => [p.id, p.handle]));
  const managerOf = new Map<string, string | undefined>([...byHandle].map(([handle, p]) => [handle, p.lineManagerId ? handleOfId.get(p.lineManagerId) : undefined]));
  for (const { row } of rows) managerOf.set(row.handle, row.line_manager?.replace(/^@/, "").toLowerCase());
  for (const { line, row } of rows) {
    const loop = managementLoop(row.handle, managerOf);
    if (loop) problems.push({ line, column: "line_manager", problem: `makes a loop: ${loop.join(" → ")}` });
  }
  if (problems.length) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };

  const ids = new Map<string, string>([...byHandle].map(([handle, p]) => [handle, p.id]));
  for (const { row } of rows) if (!ids.has(row.handle)) ids.set(row.handle, core.newId());
  const idOf = (handle: string | null | undefined) => (handle ? (ids.get(handle.replace(/^@/, "").toLowerCase()) ?? null) : null);
  const people: Person[] = rows.map(({ row }) => {
    const identities: PlatformIdentity[] = [];
    if (row.slack_user_id) identities.push({ platform: "slack", externalId: row.slack_user_id });
    if (row.teams_user_id) identities.push({ platform: "teams", externalId: row.teams_user_id });
    identities.push({ platform: "console", externalId: row.handle });
    return {
      id: ids.get(row.handle)!,
      handle: row.handle,
      name: row.name,
      role: row.role,
      team: row.team ?? null,
      lineManagerId: idOf(row.line_manager),
      deputyId: idOf(row.deputy),
      email: row.email ?? null,
      active: row.active ?? true,
      workingHours: row.working_hours ?? null,
      leftAt: row.left_on ?? null,
      startedOn: row.started_on ?? null,
      newlyQualified: row.newly_qualified ?? false,
      identities,
    };
  });
  await core.storage.people.saveAll(people, core.clock.now());
  const created = rows.filter((r) => !byHandle.has(r.row.handle)).length;
  await audit(core, actorId, "roster.import", "roster", "roster", { imported: people.length, created });
  // New people with a line manager, and changed line managers, need a supervision agreement and sessions.
  await syncSupervisionWithRoster(core, actorId, existing);
  return { ok: true, imported: people.length, created, updated: people.length - created };
}

/**
 * The team a roster CSV names, for reading a message as the bot would (`cli parse --roster`):
 * each active row's handle and name, checked as an import checks them (role and managers aside).
 */
export function teamFromRosterCsv(csv: string): { ok: true; team: TeamMember[] } | { ok: false; problems: RosterProblem[] } {
  const read = parseCsv(csv);
  if (!read.ok) return read;
  const records = read.records;
  const Row = rowSchema([]).pick({ handle: true, name: true, active: true });
  const problems: RosterProblem[] = [];
  const team: TeamMember[] = [];
  for (const { record, line } of records) {
    const parsed = Row.safeParse(record);
    if (!parsed.success) for (const issue of parsed.error.issues) problems.push({ line, column: String(issue.path[0] ?? ""), problem: issue.message });
    else if (parsed.data.active !== false) team.push({ handle: parsed.data.handle, name: parsed.data.name });
  }
  if (records.length === 0) problems.push({ line: 1, column: null, problem: "the file has no people in it" });
  return problems.length ? { ok: false, problems } : { ok: true, team };
}

/** The chain from a person back to themselves through line managers, if there is one. */
function managementLoop(handle: string, managerOf: ReadonlyMap<string, string | undefined>): string[] | null {
  const chain = [handle];
  for (let next = managerOf.get(handle); next; next = managerOf.get(next)) {
    chain.push(next);
    if (next === handle) return chain.length > 2 ? chain : null; // managing oneself is reported on its own
    if (chain.length > managerOf.size + 1) return null;
  }
  return null;
}
