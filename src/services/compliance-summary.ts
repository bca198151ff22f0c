import { maySeeTeamCompliance } from "../domain/access.ts";
import type { Deadline, DeadlineRule } from "../domain/deadline.ts";
import { AppError } from "../domain/errors.ts";
import { londonParts, londonToInstant } from "../domain/london-time.ts";
import type { NoteStatus, OversightNote } from "../domain/note.ts";
import { GROUP_OUTCOME, type NoteKind } from "../domain/note-kinds.ts";
import { SERIES_CHANGED, type GroupSessionStatus } from "../domain/group-supervision.ts";
import type { Person } from "../domain/people.ts";
import { planNoteDeadlines, type PlannedDeadline } from "./plan-deadlines.ts";
import { audit, auditedRefusal } from "./audit-trail.ts";
import type { Core } from "./core.ts";
import { Directory } from "./directory.ts";
import { discussionTally, type CaseDiscussionTally } from "./discussion-compliance.ts";
import { supervisionCompliance, type SupervisionCompliance } from "./my-supervision.ts";
import { judge, tally, type DeadlineAt, type TimescaleTally } from "./timescale-tally.ts";

export type { DeadlineAt, DeadlineOutcome, TimescaleTally } from "./timescale-tally.ts";


/**
 * What the percentages are of: notes whose deadline has been met (on time or late) or has
 * passed unmet. A note whose deadline is still ahead and unmet (discussed an hour ago) is
 * neither a success nor a failure yet, so it is left out rather than counted against the team.
 */
export const PERCENT_BASIS = "notes whose deadline has been met or has passed; notes not yet due are not counted";



/**
 * A note in the summary: ids, case reference, timings and the reason given for lateness (which
 * the names guard checked when it was typed), never what was discussed.
 */
export interface ComplianceNoteRow {
  noteId: string;
  caseRef: string | null;
  kind: NoteKind;
  status: NoteStatus;
  discussedAt: Date;
  /** Handle of the recorder (of the note's creator for a draft with none): "mo". */
  recorder: string;
  completion: DeadlineAt;
  onCaseRecord: DeadlineAt;
  lateReason: string | null;
}

/** An open deadline past due: case reference and who must act, nothing of the note's content. */
export interface OverdueItem {
  caseRef: string | null;
  noteId: string;
  rule: DeadlineRule;
  dueAt: Date;
  /** Whole days (24 h) since it fell due: 0 for a deadline missed a few hours ago. */
  daysOverdue: number;
  /** Roster handles of whoever has to act on it: ["sam"]. */
  who: string[];
}

/** A note completed late and the reason its recorder gave (auditors look for it, docs/design.md#the-note). */
export interface LateReason {
  caseRef: string | null;
  noteId: string;
  dueAt: Date;
  recordedAt: Date;
  reason: string;
}

export interface ComplianceSummary {
  team: string;
  /** "2026-11" */
  month: string;
  /** The month's London boundaries: [from, to). */
  from: Date;
  to: Date;
  /** The instant the deadlines are judged at (now, unless asked for another). */
  asAt: Date;
  /** The active policy profile's id. */
  profile: string;
  /** Notes discussed in the month whose recorder (a draft's creator when it has none) is in the team. */
  notes: number;
  /** Completed (recorded) within the note.complete / allocation.oversight deadline. */
  completion: TimescaleTally;
  /** On the child's case record within the note.on-case-record deadline. */
  onCaseRecord: TimescaleTally;
  percentBasis: typeof PERCENT_BASIS;
  /** Every open deadline of those notes past due (completion, case record, actions), most overdue first. */
  overdue: OverdueItem[];
  lateReasons: LateReason[];
  /** One row per note, oldest discussion first. */
  byNote: ComplianceNoteRow[];
  /** The team's group supervision sessions in the month against its cadence; null with no series. */
  groupSupervision: GroupSupervisionTally | null;
  /** The team's cases on the register against their discussion frequency; null with none on the register. */
  caseDiscussion: CaseDiscussionTally | null;
  /** The team's one-to-one supervision against its cadence, and its agreements; null when nobody in it has a line manager. */
  formalSupervision: SupervisionCompliance | null;
}

/**
 * Sessions held against the cadence [000 group Standard One]: `due` counts the series'
 * regular sessions in the month up to the summary's instant; `held` every session held
 * (a re-scheduled one included); `cancelled` those called off.
 */
export interface GroupSupervisionTally {
  cadenceWeeks: number;
  due: number;
  held: number;
  cancelled: number;
  sessions: { sessionId: string; date: string; status: GroupSessionStatus; replaces: string | null }[];
}

export interface ComplianceQuery {
  /** A team name as on the roster (any case). */
  team: string;
  /** A London calendar month, YYYY-MM. */
  month: string;
  /** Judge deadlines as they stood at this instant (a reproducible report); default: now. */
  asAt?: Date;
}

const DAY_MS = 86_400_000;

/**
 * A team's compliance with the recording timescales for one London calendar month
 * (docs/design.md#exports-and-compliance): counts, % within deadline, overdue list and late reasons.
 * Only auditors and the line managers (up the chain) of someone in the team may see it;
 * a view and a refusal are both audited.
 */
export async function complianceSummary(core: Core, actor: Person, query: ComplianceQuery): Promise<ComplianceSummary> {
  const month = query.month.trim();
  const { directory, team } = await teamInView(core, actor, query.team, "compliance.view", { month });
  const summary = await summariseMonth(core, directory, team, month, query.asAt ?? core.clock.now());
  await audit(core, actor.id, "compliance.view", "team", team, { month, outcome: "shown", notes: summary.notes });
  return summary;
}

/** Months of a team's compliance, oldest first: the dashboard's trend, the inspector pack's period. */
export interface ComplianceMonths {
  team: string;
  months: ComplianceSummary[];
}

/**
 * A team's compliance for each London month from `from` to `to` (YYYY-MM, both included), with
 * the same access rule as one month's summary, checked once and audited once as `action`.
 */
export async function complianceMonths(
  core: Core,
  actor: Person,
  query: { team: string; from: string; to: string; asAt?: Date },
  action: "dashboard.view" | "inspector-pack.export",
): Promise<ComplianceMonths> {
  const months = monthsBetween(query.from, query.to);
  const period = { from: months[0]!, to: months.at(-1)! };
  const { directory, team } = await teamInView(core, actor, query.team, action, period);
  const asAt = query.asAt ?? core.clock.now();
  const summaries: ComplianceSummary[] = [];
  for (const month of months) summaries.push(await summariseMonth(core, directory, team, month, asAt));
  await audit(core, actor.id, action, "team", team, { ...period, outcome: "shown", notes: summaries.reduce((n, s) => n + s.notes, 0) });
  return { team, months: summaries };
}

/** The longest period asked for at once: ten years of months. */
const MAX_MONTHS = 120;

/** "2026-01".."2026-03" → ["2026-01", "2026-02", "2026-03"]; COMPLIANCE.BAD_PERIOD when `to` comes first or it is too long. */
export function monthsBetween(from: string, to: string): string[] {
  const index = (month: string) => {
    const { from: start } = londonMonthRange(month);
    const { year, month: m } = londonParts(start);
    return year * 12 + m - 1;
  };
  const [first, last] = [index(from), index(to)];
  if (last < first || last - first >= MAX_MONTHS) {
    throw new AppError("COMPLIANCE.BAD_PERIOD", `The period must run forwards from ${from.trim()} to ${to.trim()}, at most ${MAX_MONTHS} months.`, { from: from.trim(), to: to.trim() });
  }
  return Array.from({ length: last - first + 1 }, (_, i) => `${Math.floor((first + i) / 12)}-${String(((first + i) % 12) + 1).padStart(2, "0")}`);
}

/** The month `count - 1` months before `month`: the first of a trend of `count` months ending there. */
export function monthsBefore(month: string, count: number): string {
  return shiftMonth(month, 1 - count);
}

/** "2026-01" shifted by -1 → "2025-12"; by 1 → "2026-02". */
export function shiftMonth(month: string, by: number): string {
  const { from } = londonMonthRange(month);
  const { year, month: m } = londonParts(from);
  const index = year * 12 + m - 1 + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/**
 * The roster's team for what was typed, once the actor is known to be allowed to see its
 * compliance: auditors and the line managers (up the chain) of someone in it. A refusal is
 * audited under the action asked for.
 */
async function teamInView(core: Core, actor: Person, typed: string, action: "compliance.view" | "dashboard.view" | "inspector-pack.export", detail: Record<string, string>): Promise<{ directory: Directory; team: string }> {
  const directory = await Directory.load(core.storage.people);
  const team = knownTeam(directory, typed);
  if (!maySeeTeamCompliance(actor, team, directory.byId)) {
    const refusal = new AppError("COMPLIANCE.NO_ACCESS", "Only auditors and the team's line managers may see its compliance summary.", { team });
    throw await auditedRefusal(core, refusal, actor.id, action, "team", team, { ...detail, outcome: "refused" });
  }
  return { directory, team };
}

/** One month's summary for a team the caller has already been allowed to see (unaudited: the caller audits). */
async function summariseMonth(core: Core, directory: Directory, team: string, month: string, asAt: Date): Promise<ComplianceSummary> {
  const { from, to } = londonMonthRange(month);
  const notes = (await core.storage.notes.listDiscussedBetween(from, to)).filter(
    // A report as at an instant knows nothing discussed after it.
    (note) => directory.get(note.recorderId ?? note.createdById)?.team === team && note.fields.discussedAt.getTime() <= asAt.getTime(),
  );

  const handleOf = (id: string) => directory.get(id)?.handle ?? id;
  const byNote: ComplianceNoteRow[] = [];
  const overdue: OverdueItem[] = [];
  const lateReasons: LateReason[] = [];
  for (const note of notes) {
    const deadlines = await deadlinesAt(core, note, asAt);
    const [completion, onCaseRecord] = deadlines;
    byNote.push({
      noteId: note.id,
      caseRef: note.fields.caseRef,
      kind: note.fields.kind,
      status: note.status,
      discussedAt: note.fields.discussedAt,
      recorder: handleOf(note.recorderId ?? note.createdById),
      completion: completion!.at,
      onCaseRecord: onCaseRecord!.at,
      lateReason: note.lateReason,
    });
    for (const { at, responsibleIds } of deadlines) {
      if (at.state !== "overdue") continue;
      overdue.push({
        caseRef: note.fields.caseRef,
        noteId: note.id,
        rule: at.rule,
        dueAt: at.dueAt,
        daysOverdue: Math.floor((asAt.getTime() - at.dueAt.getTime()) / DAY_MS),
        who: responsibleIds.map(handleOf),
      });
    }
    if (note.lateReason && note.recordedAt && note.recordedAt.getTime() <= asAt.getTime()) {
      lateReasons.push({ caseRef: note.fields.caseRef, noteId: note.id, dueAt: completion!.at.dueAt, recordedAt: note.recordedAt, reason: note.lateReason });
    }
  }
  overdue.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.noteId.localeCompare(b.noteId) || a.rule.localeCompare(b.rule));

  return {
    team,
    month,
    from,
    to,
    asAt,
    profile: core.settings.profile.id,
    notes: notes.length,
    // A child's outcome from a group note is complete when the group note is: counted once, there.
    completion: tally(byNote.filter((row) => row.kind !== GROUP_OUTCOME).map((row) => row.completion.state)),
    onCaseRecord: tally(byNote.map((row) => row.onCaseRecord.state)),
    percentBasis: PERCENT_BASIS,
    overdue,
    lateReasons,
    byNote,
    groupSupervision: await groupTally(core, team, from, to, asAt),
    caseDiscussion: await discussionTally(core, directory, team, { from, to, asAt }, `${month}-01`, nextMonthDay(month)),
    formalSupervision: await formalSupervisionOf(core, directory, team, month),
  };
}

async function groupTally(core: Core, team: string, from: Date, to: Date, asAt: Date): Promise<GroupSupervisionTally | null> {
  const series = await core.storage.groups.seriesOfTeam(team);
  if (!series) return null;
  const inMonth = (await core.storage.groups.sessionsOf(series.id)).filter((s) => s.startsAt.getTime() >= from.getTime() && s.startsAt.getTime() < to.getTime() && s.startsAt.getTime() <= asAt.getTime());
  return {
    cadenceWeeks: series.cadenceWeeks,
    // A session called off because the series itself changed was never due.
    due: inMonth.filter((s) => !s.replacesId && s.cancelReason !== SERIES_CHANGED).length,
    held: inMonth.filter((s) => s.status === "held").length,
    cancelled: inMonth.filter((s) => s.status === "cancelled" && s.cancelReason !== SERIES_CHANGED).length,
    sessions: inMonth.map((s) => ({ sessionId: s.id, date: s.date, status: s.status, replaces: s.replacesId })),
  };
}

/** "2026-11" → 1 Nov 00:00 to 1 Dec 00:00 Europe/London (GMT or BST as the date has it). */
export function londonMonthRange(month: string): { from: Date; to: Date } {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month.trim());
  if (!match) throw new AppError("COMPLIANCE.BAD_MONTH", `"${month}" is not a month as YYYY-MM, e.g. 2026-11.`, { month });
  const year = Number(match[1]);
  const m = Number(match[2]);
  const from = londonToInstant({ year, month: m, day: 1, hour: 0, minute: 0 });
  const to = m === 12 ? londonToInstant({ year: year + 1, month: 1, day: 1, hour: 0, minute: 0 }) : londonToInstant({ year, month: m + 1, day: 1, hour: 0, minute: 0 });
  return { from, to };
}

/** The London calendar month an instant falls in: "2026-11". */
export function londonMonthOf(instant: Date): string {
  const { year, month } = londonParts(instant);
  return `${year}-${String(month).padStart(2, "0")}`;
}

/**
 * The team's formal supervision in the month, people past the longest gap by handle; null when
 * there is nothing to count (no one supervised, or none of their sessions and agreements on record
 * touch the month: a roster loaded without the bot planning supervision).
 */
async function formalSupervisionOf(core: Core, directory: Directory, team: string, month: string): Promise<SupervisionCompliance | null> {
  const tally = await supervisionCompliance(core, team, month);
  const counted = tally.due + tally.moved + tally.agreementsUnsigned + tally.reviewsOverdue + tally.beyondMaxGap.length;
  return tally.supervisees && counted ? { ...tally, beyondMaxGap: tally.beyondMaxGap.map((id) => directory.get(id)?.handle ?? id) } : null;
}

/** "2026-11" → "2026-12-01": the London day after the month (dates compare as text). */
function nextMonthDay(month: string): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, "0")}-01`;
}

/** Team names on the roster, sorted. */
export function teamsOf(directory: Directory): string[] {
  return [...new Set(directory.people.map((p) => p.team).filter((t): t is string => !!t))].sort((a, b) => a.localeCompare(b));
}

/** The roster's spelling of a team typed in any case; COMPLIANCE.UNKNOWN_TEAM naming the known ones otherwise. */
export function knownTeam(directory: Directory, typed: string): string {
  const teams = teamsOf(directory);
  const found = teams.find((t) => t.toLowerCase() === typed.trim().toLowerCase());
  if (!found) throw new AppError("COMPLIANCE.UNKNOWN_TEAM", `No team "${typed}"; teams: ${teams.join(", ") || "none"}.`, { team: typed.trim(), known: teams.join(", ") || "-" });
  return found;
}

/**
 * The note's deadlines at `asAt`: completion first, then on the case record, then actions.
 * The stored deadline is the record (it keeps the timescale that applied); one not stored
 * (a note from before deadlines were kept) is judged by the plan from the active profile.
 */
async function deadlinesAt(core: Core, note: OversightNote, asAt: Date): Promise<{ at: DeadlineAt; responsibleIds: string[] }[]> {
  const stored = new Map((await core.storage.schedule.deadlinesForNote(note.id)).map((d) => [d.id, d]));
  return planNoteDeadlines(note, core.settings.profile).map((plan) => ({
    at: judge(stored.get(plan.id) ?? fromPlan(plan), asAt),
    responsibleIds: plan.responsibleIds,
  }));
}

function fromPlan(plan: PlannedDeadline): Pick<Deadline, "rule" | "dueAt" | "status" | "metAt"> {
  return { rule: plan.rule, dueAt: plan.dueAt, status: plan.metAt ? "met" : "open", metAt: plan.metAt };
}


