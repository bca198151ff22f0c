import type { NoteAction, NoteFields } from "./note.ts";

/**
 * The action rows for a version of a note's fields. An action an amendment leaves in the
 * note (same text and owner, wherever it now stands in the list) keeps its id, status and
 * outcome; a new or changed one gets a fresh id `<noteId>.<version>.<position>` and starts
 * open. So adding, removing or reordering actions never reopens one that was done.
 */
export function actionsFor(noteId: string, version: number, fields: NoteFields, previous: readonly NoteAction[]): NoteAction[] {
  const unclaimed = [...previous];
  return fields.actions.map((plan, position) => {
    const index = unclaimed.findIndex((a) => a.what === plan.what && a.ownerId === plan.ownerId && a.ownerText === plan.ownerText);
    const before = index >= 0 ? unclaimed.splice(index, 1)[0] : undefined;
    return {
      ...plan,
      id: before ? before.id : `${noteId}.${version}.${position + 1}`,
      noteId,
      position,
      status: before ? before.status : "open",
      outcome: before ? before.outcome : null,
      doneAt: before ? before.doneAt : null,
      doneById: before ? before.doneById : null,
    };
  });
}
