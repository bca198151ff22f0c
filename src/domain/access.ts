import type { OversightNote } from "./note.ts";
import { AUDITOR_ROLE, managersOf, type Person } from "./people.ts";

/** Whoever a note is about, for access: its participants and its recorder. */
export function noteMembers(note: Pick<OversightNote, "fields" | "recorderId">): string[] {
  const ids = [...note.fields.participantIds];
  if (note.recorderId && !ids.includes(note.recorderId)) ids.push(note.recorderId);
  return ids;
}

/**
 * Who may work on a note (finish it, comment, disagree, mark it on the case record, close
 * its actions): its participants and recorder and their line managers up the chain.
 * People who have left (inactive) may not.
 */
export function canActOnNote(person: Person, memberIds: readonly string[], people: ReadonlyMap<string, Person>): boolean {
  if (!person.active || person.role === AUDITOR_ROLE) return false;
  if (memberIds.includes(person.id)) return true;
  return memberIds.some((id) => {
    const member = people.get(id);
    return member ? managersOf(member, people).some((m) => m.id === person.id) : false;
  });
}

/**
 * Who may list, view or export a note: those who may act on it, and auditors, who only
 * read (DESIGN.md §9). Everyone else is refused.
 */
export function canSeeNote(viewer: Person, memberIds: readonly string[], people: ReadonlyMap<string, Person>): boolean {
  if (!viewer.active) return false;
  return viewer.role === AUDITOR_ROLE || canActOnNote(viewer, memberIds, people);
}
