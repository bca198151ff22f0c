// After a roster import (docs/design.md#formal-supervision): someone new with a
// line manager, or with a new line manager, gets a supervision agreement to sign [004 5.1]; every
// supervisee's sessions are planned ahead with their line manager, and someone who has left
// has theirs called off.
import type { Person } from "../domain/people.ts";
import { isSupervisee } from "../domain/supervision.ts";
import type { Core } from "./core.ts";
import { planSupervision } from "./plan-supervision.ts";
import { ensureAgreement } from "./supervision-agreements.ts";

/** What changed for supervision, as counts (for the import's reply and log). */
export interface SupervisionRosterChanges {
  agreements: number;
  planned: number;
}

/** Brings agreements and planned sessions in line with the roster as now saved; `before` is the roster before the import. */
export async function syncSupervisionWithRoster(core: Core, actorId: string | null, before: readonly Person[]): Promise<SupervisionRosterChanges> {
  const was = new Map(before.map((p) => [p.id, p]));
  const changes: SupervisionRosterChanges = { agreements: 0, planned: 0 };
  for (const person of await core.storage.people.list()) {
    const previous = was.get(person.id);
    const now = isSupervisee(person);
    const then = previous ? isSupervisee(previous) : false;
    if (!now && !then) continue;
    // Nothing that matters to supervision changed: leave them be (an import of 2,000 unchanged rows writes nothing).
    if (previous && now === then && previous.lineManagerId === person.lineManagerId && previous.startedOn === person.startedOn && previous.newlyQualified === person.newlyQualified && (await hasPlan(core, person))) continue;
    if (await ensureAgreement(core, person, actorId)) changes.agreements++;
    const before = (await core.storage.supervision.sessions({ superviseeId: person.id, status: "planned" })).length;
    const after = (await planSupervision(core, person, actorId)).length;
    changes.planned += Math.max(0, after - before);
  }
  return changes;
}

async function hasPlan(core: Core, person: Person): Promise<boolean> {
  return (await core.storage.supervision.sessions({ superviseeId: person.id, status: "planned" })).length > 0;
}
