import { AUDITOR_ROLE, managersOf, type Person } from "./people.ts";

/**
 * Who may list, view or export a note: its participants, their line managers up the
 * chain, and auditors (DESIGN.md §9). Everyone else is refused.
 */
export function canSeeNote(viewer: Person, participantIds: readonly string[], people: ReadonlyMap<string, Person>): boolean {
  if (viewer.role === AUDITOR_ROLE) return true;
  if (participantIds.includes(viewer.id)) return true;
  return participantIds.some((id) => {
    const participant = people.get(id);
    return participant ? managersOf(participant, people).some((m) => m.id === viewer.id) : false;
  });
}
