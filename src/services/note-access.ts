import { mayActOnNote, mayExportNote, maySeeNote } from "../domain/access.ts";
import { AppError } from "../domain/errors.ts";
import { formatLondon } from "../domain/london-time.ts";
import type { OversightNote } from "../domain/note.ts";
import type { Person } from "../domain/people.ts";
import { auditedRefusal } from "./audit-trail.ts";
import type { Core } from "./core.ts";
import { Directory } from "./directory.ts";

/**
 * The note, if the actor may see it (to view) or export it (domain/access.ts). A refusal is
 * audited and thrown as NOTE.NO_ACCESS.
 */
export async function noteForViewer(core: Core, actor: Person, noteId: string, directory?: Directory, purpose: "view" | "export" = "view"): Promise<{ note: OversightNote; directory: Directory }> {
  return noteFor(core, actor, noteId, purpose, directory);
}

/**
 * The note, if the actor may work on it (not auditors, who only read). A refusal is
 * audited and thrown as NOTE.NO_ACCESS, or NOTE.READ_ONLY for someone who may only read;
 * a discarded draft is worked on by nobody (NOTE.DISCARDED), nor a note whose content the
 * retention rule removed (NOTE.PURGED: nothing is left to amend or comment on).
 */
export async function noteForActor(core: Core, actor: Person, noteId: string, directory?: Directory): Promise<{ note: OversightNote; directory: Directory }> {
  return noteFor(core, actor, noteId, "act", directory);
}

async function noteFor(core: Core, actor: Person, noteId: string, purpose: "view" | "export" | "act", directory?: Directory) {
  const dir = directory ?? (await Directory.load(core.storage.people));
  const note = await core.storage.notes.findById(noteId.trim());
  if (!note) throw new AppError("NOTE.NOT_FOUND", "No note with that id.", { noteId });
  const mayRead = purpose === "export" ? mayExportNote : maySeeNote;
  if (!mayRead(actor, note, dir.byId)) {
    throw await auditedRefusal(core, new AppError("NOTE.NO_ACCESS", "No access to this note.", { noteId: note.id }), actor.id, "note.access-denied", "note", note.id, { purpose });
  }
  if (purpose === "act" && !mayActOnNote(actor, note, dir.byId)) {
    throw await auditedRefusal(core, new AppError("NOTE.READ_ONLY", "You may read this note but not change it.", { noteId: note.id }), actor.id, "note.access-denied", "note", note.id, { purpose });
  }
  if (purpose === "act" && note.status === "discarded") throw new AppError("NOTE.DISCARDED", "That draft was discarded.", { noteId: note.id });
  if (purpose === "act") refusePurged(note);
  return { note, directory: dir };
}

/** Refuses work on a note whose content the retention rule removed (NOTE.PURGED, with the date it went). */
export function refusePurged(note: OversightNote): void {
  if (note.purgedAt) {
    throw new AppError("NOTE.PURGED", "That note's content was removed under the retention rule.", { noteId: note.id, date: formatLondon(note.purgedAt, { withTime: false }) });
  }
}
