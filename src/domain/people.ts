import { AppError } from "./errors.ts";

/** Someone on the roster. `handle` is the short name people type (`sam` for @sam). */
export interface Person {
  id: string;
  handle: string;
  name: string;
  role: string;
  team: string | null;
  lineManagerId: string | null;
  /** Who takes escalations while this person's line manager is away. */
  deputyId: string | null;
  email: string | null;
  active: boolean;
  /** Their own working hours as written in the roster ("Mon-Thu 08:00-18:00"); null: the profile's. */
  workingHours: string | null;
  /** When they left the authority (roster `left_on`): retention periods may run from it [003 8.12]. */
  leftAt: Date | null;
  /** The London day they started (roster `started_on`, "2026-09-01"): supervision cadences count from it. */
  startedOn: string | null;
  /** A newly qualified social worker in their assessed year (roster `newly_qualified`): supervised more often [001 8.1, 004 §10]. */
  newlyQualified: boolean;
  identities: PlatformIdentity[];
}

export type Platform = "slack" | "teams" | "console";

export interface PlatformIdentity {
  platform: Platform;
  externalId: string;
}

export const AUDITOR_ROLE = "auditor";

/** Seniority by role, highest decides who records a note; configurable (ROLE_RANKS). */
export type RoleRanks = Readonly<Record<string, number>>;

export const DEFAULT_ROLE_RANKS: RoleRanks = {
  practitioner: 10,
  "senior-practitioner": 20,
  "team-manager": 30,
  "service-manager": 40,
  "head-of-service": 50,
  [AUDITOR_ROLE]: 0,
};

export function rankOf(person: Person, ranks: RoleRanks): number {
  return ranks[person.role] ?? 0;
}

/**
 * The recorder is "the most senior person in the discussion" [000 Standard Four].
 * Ties go to the person who captured the note when they are among the most senior,
 * otherwise to the first most senior participant in the order given.
 */
export function chooseRecorder(participants: readonly Person[], ranks: RoleRanks, capturedById?: string): Person {
  if (participants.length === 0) throw new AppError("NOTE.NO_PARTICIPANTS", "A note needs at least one participant.");
  const top = Math.max(...participants.map((p) => rankOf(p, ranks)));
  const seniors = participants.filter((p) => rankOf(p, ranks) === top);
  return seniors.find((p) => p.id === capturedById) ?? seniors[0]!;
}

/** The person's line managers, nearest first, stopping at a loop. */
export function managersOf(person: Person, byId: ReadonlyMap<string, Person>): Person[] {
  const chain: Person[] = [];
  const seen = new Set([person.id]);
  let next = person.lineManagerId;
  while (next && !seen.has(next)) {
    const manager = byId.get(next);
    if (!manager) break;
    chain.push(manager);
    seen.add(manager.id);
    next = manager.lineManagerId;
  }
  return chain;
}

export function parseRoleRanks(spec: string): RoleRanks {
  const ranks: Record<string, number> = {};
  for (const part of spec.split(",").map((s) => s.trim()).filter(Boolean)) {
    const match = /^([a-z][a-z0-9-]*)\s*=\s*(\d+)$/.exec(part);
    if (!match) throw new AppError("CONFIG.ROLE_RANKS", `"${part}" is not role=number`);
    ranks[match[1]!] = Number(match[2]);
  }
  return { [AUDITOR_ROLE]: 0, ...ranks };
}

/** The roster frozen, people and their identities too: one copy handed to every caller, none of whom may change it. */
export function frozenRoster(people: Person[]): readonly Person[] {
  for (const person of people) {
    person.identities.forEach((identity) => Object.freeze(identity));
    Object.freeze(person.identities);
    Object.freeze(person);
  }
  return Object.freeze(people);
}
