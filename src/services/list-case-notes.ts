import { notesVisibleTo } from "../domain/access.ts";
import type { OversightNote } from "../domain/note.ts";
import type { Person } from "../domain/people.ts";
import { canonicalCaseRef } from "../domain/vocabulary.ts";
import { audit } from "./audit-trail.ts";
import type { Core } from "./core.ts";
import { Directory } from "./directory.ts";

/**
 * The notes on a case the actor may see, oldest first, however the reference is typed
 * ("4471 jb" finds 4471-JB; the canonical spelling is returned for the heading). A case with notes they may not see
 * answers exactly as a case with none (whether it exists is not theirs to learn); either way
 * the empty listing is audited as a refusal.
 */
export async function listCaseNotes(core: Core, actor: Person, caseRef: string): Promise<{ caseRef: string; notes: OversightNote[]; directory: Directory }> {
  const directory = await Directory.load(core.storage.people);
  const ref = canonicalCaseRef(caseRef);
  const visible = notesVisibleTo(actor, await core.storage.notes.listByCase(ref), directory.byId);
  if (visible.length === 0) await audit(core, actor.id, "note.access-denied", "note", ref, { listing: true });
  else await audit(core, actor.id, "note.list", "note", ref, { count: visible.length });
  return { caseRef: ref, notes: visible, directory };
}

/** The actor's own notes (as a participant) that they may still see, newest first: drafts to finish and recent notes. */
export async function listMyNotes(core: Core, actor: Person): Promise<OversightNote[]> {
  const directory = await Directory.load(core.storage.people);
  return notesVisibleTo(actor, await core.storage.notes.listByParticipant(actor.id), directory.byId);
}
