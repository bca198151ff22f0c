import type { NoteRecord } from "../services/view-note.ts";

/** The note for audit tools: every field, version, comment and event, instants in ISO UTC. */
export function noteAsJson(record: NoteRecord): object {
  const { note, directory } = record;
  const person = (id: string | null) => (id ? { id, handle: directory.get(id)?.handle ?? null, name: directory.get(id)?.name ?? id } : null);
  return {
    id: note.id,
    status: note.status,
    version: note.version,
    ...note.fields,
    participants: note.fields.participantIds.map(person),
    recorder: person(note.recorderId),
    createdAt: note.createdAt,
    createdBy: person(note.createdById),
    recordedAt: note.recordedAt,
    onCaseRecordAt: note.onCaseRecordAt,
    caseRecordRef: note.caseRecordRef,
    lateReason: note.lateReason,
    discardedAt: note.discardedAt,
    discardedBy: person(note.discardedById),
    // Set when the retention rule removed the content: the blank fields above are why, not a gap.
    purgedAt: note.purgedAt,
    purgedBy: person(note.purgedById),
    purgedRule: note.purgedRule,
    actions: note.actions,
    revisions: record.revisions,
    comments: record.comments,
    history: record.history,
    // A group note's children's outcomes, by case reference: the ids to find each on its child's case.
    ...(record.outcomes.size > 0 && { outcomes: [...record.outcomes].map(([caseRef, entry]) => ({ caseRef, id: entry.id })) }),
  };
}

export const CSV_COLUMNS = [
  "id", "caseRef", "kind", "status", "version", "discussedAt", "participants", "recorder", "recordedAt", "onCaseRecordAt",
  "caseRecordRef", "lateReason", "issue", "review", "reviewDoesNotApply", "options", "chosen", "decision", "decisionNotToAct", "rationale",
  "disagreements", "actions", "childViews", "childViewsDoesNotApply", "questions", "insights", "comments", "purgedAt",
] as const;

/** Notes as CSV rows (RFC 4180: quoted where needed, CRLF), one row per note. */
export function notesAsCsv(records: readonly NoteRecord[]): string {
  const rows = records.map(({ note, directory, comments }) => {
    const f = note.fields;
    const handle = (id: string) => directory.handleOf(id);
    const iso = (d: Date | null) => d?.toISOString() ?? "";
    const row: Record<(typeof CSV_COLUMNS)[number], string> = {
      id: note.id,
      caseRef: f.caseRef ?? "",
      kind: f.kind,
      status: note.status,
      version: String(note.version),
      discussedAt: iso(f.discussedAt),
      participants: f.participantIds.map(handle).join(" "),
      recorder: note.recorderId ? handle(note.recorderId) : "",
      recordedAt: iso(note.recordedAt),
      onCaseRecordAt: iso(note.onCaseRecordAt),
      caseRecordRef: note.caseRecordRef ?? "",
      lateReason: note.lateReason ?? "",
      issue: f.issue ?? "",
      review: f.review ?? "",
      reviewDoesNotApply: f.reviewDoesNotApply ?? "",
      options: f.options.map((o) => o.text).join(" | "),
      chosen: f.options.filter((o) => o.chosen).map((o) => o.text).join(" | "),
      decision: f.decision ?? "",
      decisionNotToAct: String(f.decisionNotToAct),
      rationale: f.rationale ?? "",
      disagreements: f.noDisagreement ? "none" : f.disagreements.map((d) => `${handle(d.who)}: ${d.view}`).join(" | "),
      actions: note.actions.map((a) => `${a.what} / ${a.ownerId ? handle(a.ownerId) : (a.ownerText ?? "")} / ${iso(a.dueAt)} / ${a.status}`).join(" | "),
      childViews: f.childViews ?? "",
      childViewsDoesNotApply: f.childViewsDoesNotApply ?? "",
      questions: f.questions ?? "",
      insights: f.insights ?? "",
      comments: comments.map((c) => `${handle(c.byId)} (${c.kind}): ${c.text}`).join(" | "),
      // Set when the retention rule removed the content (the empty cells are why).
      purgedAt: iso(note.purgedAt),
    };
    return CSV_COLUMNS.map((column) => csvCell(row[column])).join(",");
  });
  return [CSV_COLUMNS.join(","), ...rows].join("\r\n") + "\r\n";
}

/** A CSV cell: quoted when it holds a comma, quote or line break, and never a spreadsheet formula. */
export function csvCell(value: string): string {
  // A leading = + - @ would run as a formula in a spreadsheet: neutralise it.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
