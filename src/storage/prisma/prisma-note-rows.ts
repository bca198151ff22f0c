// Notes' rows and the domain's notes, both ways: what PrismaNoteRepository writes and reads back.
import type { ActionStatus, NoteAction, NoteComment, NoteFields, NoteRevision, NoteStatus, OversightNote } from "../../domain/note.ts";
import { fieldsFromJson } from "../../domain/note-json.ts";
import type { Prisma } from "./generated/client.ts";

export type NoteColumns = Prisma.NoteGetPayload<object>;
export type NoteRow = Prisma.NoteGetPayload<{ include: { actions: true } }>;
export type ActionRow = Prisma.NoteActionGetPayload<object>;
export type RevisionRow = Prisma.NoteRevisionGetPayload<object>;
export type CommentRow = Prisma.NoteCommentGetPayload<object>;

/** The columns that mirror a note's fields for queries. */
export function mirrors(fields: NoteFields) {
  return { caseRef: fields.caseRef, kind: fields.kind, discussedAt: fields.discussedAt };
}

/** Notes with their actions (each note's in position order). */
export function withTheirActions(rows: readonly NoteColumns[], actions: readonly ActionRow[]): OversightNote[] {
  const byNote = new Map<string, ActionRow[]>();
  for (const action of actions) byNote.set(action.noteId, [...(byNote.get(action.noteId) ?? []), action]);
  return rows.map((row) => toNote({ ...row, actions: byNote.get(row.id) ?? [] }));
}

/** One row per person even if the form named someone twice. */
export function participantRows(fields: NoteFields) {
  return [...new Set(fields.participantIds)].map((personId) => ({ personId }));
}

/** An action as its row reads back. */
export function actionRow(action: NoteAction): ActionRow {
  return { noteId: action.noteId, ...actionColumns(action) };
}

/** The stored columns of an action, named one by one so no stray property reaches the query. */
export function actionColumns(action: Omit<NoteAction, "noteId">) {
  const { id, position, what, ownerId, ownerText, dueAt, status, outcome, doneAt, doneById } = action;
  return { id, position, what, ownerId, ownerText, dueAt, status, outcome, doneAt, doneById };
}

export function toNote(row: NoteRow): OversightNote {
  return {
    id: row.id,
    sourceKey: row.sourceKey,
    status: row.status as NoteStatus,
    version: row.version,
    fields: fieldsFromJson(row.content),
    actions: row.actions.map(toAction),
    createdAt: row.createdAt,
    createdById: row.createdById,
    recorderId: row.recorderId,
    recordedAt: row.recordedAt,
    recordedById: row.recordedById,
    onCaseRecordAt: row.onCaseRecordAt,
    onCaseRecordById: row.onCaseRecordById,
    caseRecordRef: row.caseRecordRef,
    lateReason: row.lateReason,
    discardedAt: row.discardedAt,
    discardedById: row.discardedById,
    purgedAt: row.purgedAt,
    purgedById: row.purgedById,
    purgedRule: row.purgedRule,
    updatedAt: row.updatedAt,
  };
}

export function toRevision(row: RevisionRow): NoteRevision {
  return { noteId: row.noteId, version: row.version, at: row.at, byId: row.byId, kind: row.kind as NoteRevision["kind"], reason: row.reason, fields: fieldsFromJson(row.content) };
}

export function toComment(row: CommentRow): NoteComment {
  return { id: row.id, noteId: row.noteId, at: row.at, byId: row.byId, kind: row.kind as NoteComment["kind"], text: row.text };
}

export function toAction(row: ActionRow): NoteAction {
  return {
    id: row.id,
    noteId: row.noteId,
    position: row.position,
    what: row.what,
    ownerId: row.ownerId,
    ownerText: row.ownerText,
    dueAt: row.dueAt,
    status: row.status as ActionStatus,
    outcome: row.outcome,
    doneAt: row.doneAt,
    doneById: row.doneById,
  };
}

/** The in-memory order exactly: by discussion time, then id (locale order, as the memory store sorts). */
export function byDiscussion(notes: OversightNote[], direction: 1 | -1): OversightNote[] {
  return notes.sort((a, b) => direction * (a.fields.discussedAt.getTime() - b.fields.discussedAt.getTime()) || a.id.localeCompare(b.id));
}
