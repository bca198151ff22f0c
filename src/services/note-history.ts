import { changedFields, type NoteComment, type NoteRevision, type OversightNote } from "../domain/note.ts";

/** One thing that happened to a note, for the history an inspector reads. */
export type HistoryEvent =
  | { at: Date; byId: string; kind: "created" }
  | { at: Date; byId: string; kind: "recorded"; version: number; lateReason: string | null }
  | { at: Date; byId: string; kind: "amended"; version: number; reason: string | null; fields: string[] }
  | { at: Date; byId: string; kind: "comment" | "disagreement"; text: string }
  | { at: Date; byId: string; kind: "on-case-record"; caseRecordRef: string | null }
  | { at: Date; byId: string; kind: "discarded" }
  | { at: Date; byId: string; kind: "action-done"; what: string; outcome: string };

/** Everything that happened to a note, in time order; nothing is left out or merged. */
export function noteHistory(note: OversightNote, revisions: readonly NoteRevision[], comments: readonly NoteComment[]): HistoryEvent[] {
  const events: HistoryEvent[] = [{ at: note.createdAt, byId: note.createdById, kind: "created" }];
  revisions.forEach((revision, i) => {
    if (revision.kind === "recorded") {
      events.push({ at: revision.at, byId: revision.byId, kind: "recorded", version: revision.version, lateReason: note.lateReason });
    } else {
      const before = revisions[i - 1];
      const fields = before ? changedFields(before.fields, revision.fields) : [];
      events.push({ at: revision.at, byId: revision.byId, kind: "amended", version: revision.version, reason: revision.reason, fields });
    }
  });
  for (const comment of comments) events.push({ at: comment.at, byId: comment.byId, kind: comment.kind, text: comment.text });
  if (note.onCaseRecordAt && note.onCaseRecordById) {
    events.push({ at: note.onCaseRecordAt, byId: note.onCaseRecordById, kind: "on-case-record", caseRecordRef: note.caseRecordRef });
  }
  if (note.discardedAt && note.discardedById) events.push({ at: note.discardedAt, byId: note.discardedById, kind: "discarded" });
  for (const action of note.actions) {
    if (action.doneAt && action.doneById) events.push({ at: action.doneAt, byId: action.doneById, kind: "action-done", what: action.what, outcome: action.outcome ?? "" });
  }
  return events.sort((a, b) => a.at.getTime() - b.at.getTime());
}
