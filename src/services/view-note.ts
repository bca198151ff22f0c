import type { Deadline } from "../domain/deadline.ts";
import type { NoteComment, NoteRevision, OversightNote } from "../domain/note.ts";
import type { Person } from "../domain/people.ts";
import { audit } from "./audit-trail.ts";
import type { Core } from "./core.ts";
import type { Directory } from "./directory.ts";
import { noteForViewer } from "./note-access.ts";
import { noteHistory, type HistoryEvent } from "./note-history.ts";
import { outcomesOf } from "./group-outcomes.ts";
import { GROUP_SUPERVISION } from "../domain/note-kinds.ts";

/** A note with everything needed to show or export it: versions, comments and history. */
export interface NoteRecord {
  note: OversightNote;
  revisions: NoteRevision[];
  comments: NoteComment[];
  history: HistoryEvent[];
  /** Its timescales and its actions', with how each was derived and whether it was met. */
  deadlines: Deadline[];
  directory: Directory;
  /** A group note's children's outcomes by case reference (made when it was recorded); empty for any other note. */
  outcomes: Map<string, OversightNote>;
}

/** Loads a note for someone allowed to see it, auditing the view (or the refusal). */
export async function viewNote(core: Core, actor: Person, noteId: string, purpose: "view" | "export" = "view"): Promise<NoteRecord> {
  const { note, directory } = await noteForViewer(core, actor, noteId, undefined, purpose);
  const [revisions, comments, deadlines] = await Promise.all([
    core.storage.notes.revisions(note.id),
    core.storage.notes.comments(note.id),
    core.storage.schedule.deadlinesForNote(note.id),
  ]);
  if (purpose === "view") await audit(core, actor.id, "note.view", "note", note.id, { version: note.version });
  const outcomes = note.fields.kind === GROUP_SUPERVISION ? await outcomesOf(core, note) : new Map<string, OversightNote>();
  return { note, revisions, comments, history: noteHistory(note, revisions, comments), deadlines, directory, outcomes };
}
