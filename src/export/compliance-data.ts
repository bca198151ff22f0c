import type { ComplianceSummary, DeadlineAt } from "../services/compliance-summary.ts";
import { csvCell } from "./note-data.ts";

const iso = (d: Date | null) => d?.toISOString() ?? null;
const deadlineJson = (d: DeadlineAt) => ({ rule: d.rule, dueAt: iso(d.dueAt), metAt: iso(d.metAt), state: d.state });

/** The summary for audit tools and the CLI: instants as ISO-8601 UTC, case references and ids only. */
export function complianceAsJson(summary: ComplianceSummary) {
  return {
    team: summary.team,
    month: summary.month,
    from: iso(summary.from),
    to: iso(summary.to),
    asAt: iso(summary.asAt),
    profile: summary.profile,
    notes: summary.notes,
    completion: summary.completion,
    onCaseRecord: summary.onCaseRecord,
    percentBasis: summary.percentBasis,
    overdue: summary.overdue.map((o) => ({ caseRef: o.caseRef, noteId: o.noteId, rule: o.rule, dueAt: iso(o.dueAt), daysOverdue: o.daysOverdue, who: o.who })),
    lateReasons: summary.lateReasons.map((l) => ({ caseRef: l.caseRef, noteId: l.noteId, dueAt: iso(l.dueAt), recordedAt: iso(l.recordedAt), reason: l.reason })),
    groupSupervision: summary.groupSupervision,
    formalSupervision: summary.formalSupervision,
    caseDiscussion: summary.caseDiscussion && {
      ...summary.caseDiscussion,
      overdueCases: summary.caseDiscussion.overdueCases.map((c) => ({ ...c, dueAt: iso(c.dueAt) })),
    },
    byNote: summary.byNote.map((row) => ({
      noteId: row.noteId,
      caseRef: row.caseRef,
      kind: row.kind,
      status: row.status,
      discussedAt: iso(row.discussedAt),
      recorder: row.recorder,
      completion: deadlineJson(row.completion),
      onCaseRecord: deadlineJson(row.onCaseRecord),
      lateReason: row.lateReason,
    })),
  };
}

export type ComplianceJson = ReturnType<typeof complianceAsJson>;

export const COMPLIANCE_CSV_COLUMNS = [
  "team", "month", "noteId", "caseRef", "kind", "status", "discussedAt", "recorder",
  "completionRule", "completionDue", "completionMet", "completionState",
  "onCaseRecordDue", "onCaseRecordMet", "onCaseRecordState", "overdueActions", "lateReason",
] as const;

/** One row per note of the summary (RFC 4180: quoted where needed, CRLF), instants in ISO UTC. */
export function complianceAsCsv(summary: ComplianceSummary): string {
  const text = (d: Date | null) => d?.toISOString() ?? "";
  const rows = summary.byNote.map((n) => {
    const row: Record<(typeof COMPLIANCE_CSV_COLUMNS)[number], string> = {
      team: summary.team,
      month: summary.month,
      noteId: n.noteId,
      caseRef: n.caseRef ?? "",
      kind: n.kind,
      status: n.status,
      discussedAt: text(n.discussedAt),
      recorder: n.recorder,
      completionRule: n.completion.rule,
      completionDue: text(n.completion.dueAt),
      completionMet: text(n.completion.metAt),
      completionState: n.completion.state,
      onCaseRecordDue: text(n.onCaseRecord.dueAt),
      onCaseRecordMet: text(n.onCaseRecord.metAt),
      onCaseRecordState: n.onCaseRecord.state,
      overdueActions: String(summary.overdue.filter((o) => o.noteId === n.noteId && o.rule === "action.due").length),
      lateReason: n.lateReason ?? "",
    };
    return COMPLIANCE_CSV_COLUMNS.map((column) => csvCell(row[column])).join(",");
  });
  return [COMPLIANCE_CSV_COLUMNS.join(","), ...rows].join("\r\n") + "\r\n";
}
