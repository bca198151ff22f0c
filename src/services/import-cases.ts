// The case register from the case system's CSV export (docs/design.md#the-case-register): every
// row checked, every problem reported with its line and column, nothing stored unless the whole
// file is good. Case references only: a cell that looks like a child's name is refused.
import { readCsv, type CsvProblem } from "./csv-import.ts";
import { z } from "zod";
import { isoDate, londonDateOf, parseLondonDate } from "../calendar/london-date.ts";
import type { AuditRecord } from "../domain/audit.ts";
import { caseChanges, type CaseChange, type RegisteredCase } from "../domain/case-register.ts";
import { allowedWordsFrom, findNameInCaseRef } from "../domain/names-guard.ts";
import type { Person } from "../domain/people.ts";
import { canonicalCaseRef, isCaseRef } from "../domain/vocabulary.ts";
import { auditRecord } from "./audit-trail.ts";
import type { Core } from "./core.ts";
import { syncCaseDeadlines } from "./sync-case-deadlines.ts";

/** Columns of a case CSV (header row required; order free; any other column, e.g. `child_name`, refused). */
export const CASE_COLUMNS = ["case_ref", "category", "worker", "team", "opened_on", "category_since", "closed_on"] as const;
const REQUIRED_COLUMNS = ["case_ref", "category", "worker", "opened_on"];

export type CaseProblem = CsvProblem;

export type CaseImport =
  | { ok: true; imported: number; created: number; updated: number; unchanged: number }
  | { ok: false; problems: CaseProblem[] };

/** What a row says, checked: references canonical, the worker a person id, dates London days. */
interface CaseRow {
  line: number;
  caseRef: string;
  category: string;
  worker: Person;
  team: string | null;
  openedOn: string;
  /** null: not given (a new case: its opening; a case already held in the same category: as stored). */
  categorySince: string | null;
  closedOn: string | null;
}

export const NAME_IN_CASE_REF = "looks like a name: give the case system's reference (letters and digits), never a child's name";

/**
 * Imports cases from a CSV export. A case already on the register is updated from its row (a
 * change of category, worker, team, opening or closing recorded as a `CaseChange` with its day);
 * a case the file leaves out is left as it is (an export may be partial); a row that changes
 * nothing changes nothing. All of it is one transaction, with its audit entries and the
 * discussion deadlines of the cases it created or changed.
 */
export async function importCases(core: Core, actorId: string | null, csv: string): Promise<CaseImport> {
  const read = readCsv(csv, { columns: CASE_COLUMNS, required: REQUIRED_COLUMNS, unknownColumn: `is not a case register column (${CASE_COLUMNS.join(", ")}); nothing about a child but the case reference is imported`, empty: "the file has no cases in it" });
  if (!read.ok) return read;
  const records = read.records;
  const problems: CaseProblem[] = [];

  const people = await core.storage.people.list();
  const today = isoDate(londonDateOf(core.clock.now()));
  const Row = rowSchema(core, people, today);
  const rows: CaseRow[] = [];
  const seen = new Map<string, number>();
  for (const { record, line } of records) {
    const parsed = Row.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push({ line, column: String(issue.path[0] ?? ""), problem: issue.message });
      continue;
    }
    const { case_ref, category, worker, team, opened_on, category_since, closed_on } = parsed.data;
    const row: CaseRow = { line, caseRef: case_ref, category, worker, team: team ?? null, openedOn: opened_on, categorySince: category_since ?? null, closedOn: closed_on ?? null };
    const earlier = seen.get(row.caseRef);
    if (earlier) problems.push({ line, column: "case_ref", problem: `"${row.caseRef}" is already on line ${earlier}` });
    seen.set(row.caseRef, line);
    problems.push(...dateOrder(row));
    rows.push(row);
  }
  if (problems.length) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };

  return core.storage.transaction(async (storage) => {
    const now = core.clock.now();
    const saved: RegisteredCase[] = [];
    const changes: CaseChange[] = [];
    const audit: AuditRecord[] = [];
    let created = 0;
    for (const row of rows) {
      const before = await storage.cases.find(row.caseRef);
      const after = caseFromRow(row, before, today, now);
      const made = caseChanges(before, after, today);
      if (before && made.length === 0) continue;
      if (!before) created++;
      saved.push(after);
      changes.push(...made.map((c) => ({ ...c, id: core.newId(), caseRef: row.caseRef, at: now, byId: actorId, reason: "import" })));
      audit.push(auditRecord(core, actorId, before ? "case.change" : "case.create", "case", row.caseRef, { fields: [...new Set(made.map((c) => c.field))], via: "import" }));
    }
    const updated = saved.length - created;
    const counts = { imported: rows.length, created, updated, unchanged: rows.length - saved.length };
    audit.push(auditRecord(core, actorId, "case.import", "case", "import", counts));
    await storage.cases.save(saved, changes, audit);
    // Each case's discussion deadline follows it: set, moved by a new category, stopped by closing.
    const tx: Core = { ...core, storage };
    for (const kase of saved) await syncCaseDeadlines(tx, kase.caseRef, actorId);
    return { ok: true as const, ...counts };
  });
}

/** The case as the row leaves it: what the row does not carry (an agreed extension, when it was created) is kept. */
function caseFromRow(row: CaseRow, before: RegisteredCase | null, today: string, now: Date): RegisteredCase {
  // A category_since left out: a new case entered its category when it opened; a case already
  // in this category stays as stored; one whose category the export changes entered it today.
  const categorySince = row.categorySince ?? (!before ? row.openedOn : before.category === row.category ? before.categorySince : today);
  const after: RegisteredCase = {
    caseRef: row.caseRef,
    category: row.category,
    categorySince,
    workerId: row.worker.id,
    team: row.team ?? row.worker.team,
    openedOn: row.openedOn,
    closedOn: row.closedOn,
    // Kept when the category changes: extensionInForce lets it lapse, and the record shows it was agreed.
    extension: before?.extension ?? null,
    createdAt: before?.createdAt ?? now,
    updatedAt: now,
  };
  return after;
}

/** The days of a row in order: nothing before the opening, and the category not entered after the closing. */
function dateOrder(row: CaseRow): CaseProblem[] {
  const problems: CaseProblem[] = [];
  const { line } = row;
  if (row.categorySince !== null && row.categorySince < row.openedOn) problems.push({ line, column: "category_since", problem: `${row.categorySince} is before the case opened (${row.openedOn})` });
  if (row.closedOn !== null && row.closedOn < row.openedOn) problems.push({ line, column: "closed_on", problem: `${row.closedOn} is before the case opened (${row.openedOn})` });
  if (row.closedOn !== null && row.categorySince !== null && row.categorySince > row.closedOn) problems.push({ line, column: "category_since", problem: `${row.categorySince} is after the case closed (${row.closedOn})` });
  return problems;
}

function rowSchema(core: Core, people: readonly Person[], today: string) {
  const profile = core.settings.profile;
  const categories = Object.keys(profile.caseDiscussion.categories);
  const byHandle = new Map(people.map((p) => [p.handle.toLowerCase(), p]));
  const teams = [...new Set(people.map((p) => p.team).filter((t): t is string => !!t))].sort();
  const staffWords = allowedWordsFrom(people);
  const day = (required: boolean) =>
    z.string().trim().transform((v, ctx): string | null => {
      if (!v) {
        if (required) ctx.addIssue({ code: "custom", message: "is empty: give the day as YYYY-MM-DD" });
        return null;
      }
      try {
        parseLondonDate(v);
      } catch {
        ctx.addIssue({ code: "custom", message: `"${v}" is not a date: write it as YYYY-MM-DD, e.g. 2026-03-31` });
        return z.NEVER;
      }
      if (v > today) ctx.addIssue({ code: "custom", message: `${v} is in the future (today is ${today})` });
      return v;
    });
  return z.object({
    case_ref: z.string().trim().transform((v, ctx) => {
      // The names guard first: "Jayden" is not a reference, and saying so would name the child.
      if (findNameInCaseRef(v, staffWords)) ctx.addIssue({ code: "custom", message: NAME_IN_CASE_REF });
      else if (!v) ctx.addIssue({ code: "custom", message: "is empty" });
      else if (!isCaseRef(v)) ctx.addIssue({ code: "custom", message: `"${v}" is not a case reference: the case system's id, letters, digits, - / . and at least one digit` });
      return canonicalCaseRef(v);
    }),
    category: z.string().trim().toLowerCase().superRefine((v, ctx) => {
      if (!categories.includes(v)) ctx.addIssue({ code: "custom", message: `"${v}" is not a case category of the ${profile.id} profile (${categories.join(", ")})` });
    }),
    worker: z.string().trim().transform((v, ctx): Person => {
      const handle = v.replace(/^@/, "").toLowerCase();
      const found = byHandle.get(handle);
      if (!handle) ctx.addIssue({ code: "custom", message: "is empty: every case needs its allocated worker's roster handle" });
      else if (!found) ctx.addIssue({ code: "custom", message: `"${handle}" is not on the roster` });
      else if (!found.active) ctx.addIssue({ code: "custom", message: `"${handle}" has left (inactive on the roster): allocate the case to someone still here` });
      return found ?? (z.NEVER as never);
    }),
    team: z.string().trim().superRefine((v, ctx) => {
      if (v && !teams.includes(v)) ctx.addIssue({ code: "custom", message: `"${v}" is not a team on the roster (${teams.join(", ")})` });
    }).transform((v) => v || null).optional(),
    opened_on: day(true).transform((v) => v!),
    category_since: day(false).optional(),
    closed_on: day(false).optional(),
  });
}
