import type { Person } from "../domain/people.ts";
import type { Core } from "../services/core.ts";

import { availabilityFor, isAway } from "../services/availability.ts";

/**
 * Who hears that `person` missed a deadline (docs/design.md#reminders-and-escalation): their line manager; when the
 * line manager is away that day, the person's named deputy, else the next manager up the
 * chain who is in. `preferred` (an action's recorder) comes first when given and in;
 * `passOver` (someone who could not be reached) is skipped.
 * Null when there is no one to tell.
 */
export async function escalationTarget(core: Core, person: Person, now: Date, preferred: Person | null = null, passOver: string | null = null): Promise<Person | null> {
  const candidates: (string | null)[] = [preferred?.id ?? null];
  const manager = person.lineManagerId ? await core.storage.people.findById(person.lineManagerId) : null;
  candidates.push(person.lineManagerId, person.deputyId);
  const seen = new Set([person.id]);
  for (let next = manager?.lineManagerId ?? null; next && !seen.has(next); ) {
    seen.add(next);
    candidates.push(next);
    next = (await core.storage.people.findById(next))?.lineManagerId ?? null;
  }
  for (const id of candidates) {
    if (!id || id === person.id || id === passOver) continue;
    const candidate = await core.storage.people.findById(id);
    if (candidate?.active && !isAway(await availabilityFor(core, candidate, now), now)) return candidate;
  }
  return null;
}
