import type { NoteAction, NoteFields } from "./note.ts";

/**
 * The action rows for a version of a note's fields. An action left unchanged by an
 * amendment (same position, text and owner) keeps its id and status; a new or changed
 * one gets a fresh id `<noteId>.<version>.<position>` and starts open.
 */
export function actionsFor(noteId: string, version: number, fields: NoteFields, previous: readonly NoteAction[]): NoteAction[] {
  return fields.actions.map((plan, position) => {
    const before = previous.find((a) => a.position === position);
    const same = before !== undefined && before.what === plan.what && before.ownerId === plan.ownerId;
    return {
      ...plan,
      id: same ? before.id : `${noteId}.${version}.${position + 1}`,
      noteId,
      position,
      status: same ? before.status : "open",
      outcome: same ? before.outcome : null,
      doneAt: same ? before.doneAt : null,
      doneById: same ? before.doneById : null,
    };
  });
}
