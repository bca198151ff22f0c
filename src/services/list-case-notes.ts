import { notesVisibleTo } from "../domain/access.ts";
import { AppError } from "../domain/errors.ts";
import type { OversightNote } from "../domain/note.ts";
import type { Person } from "../domain/people.ts";
import { audit } from "./audit-trail.ts";
import type { Core } from "./core.ts";
import { Directory } from "./directory.ts";

/**
 * The notes on a case the actor may see, oldest first. When notes exist but none is
 * theirs to see, the refusal is audited and thrown as NOTE.NO_ACCESS.
 */
export async function listCaseNotes(core: Core, actor: Person, caseRef: string): Promise<{ notes: OversightNote[]; directory: Directory }> {
  const directory = await Directory.load(core.storage.people);
  const all = await core.storage.notes.listByCase(caseRef.trim());
  const visible = notesVisibleTo(actor, all, directory.byId);
  if (all.length > 0 && visible.length === 0) {
    await audit(core, actor.id, "note.access-denied", "note", caseRef.trim(), { listing: true });
    throw new AppError("NOTE.NO_ACCESS", "No access to the notes on this case.", {});
  }
  await audit(core, actor.id, "note.list", "note", caseRef.trim(), { count: visible.length });
  return { notes: visible, directory };
}

/** The actor's own notes (as a participant), newest first: drafts to finish and recent notes. */
export async function listMyNotes(core: Core, actor: Person): Promise<OversightNote[]> {
  return core.storage.notes.listByParticipant(actor.id);
}
