// Fair rotation of group supervision roles (docs/design.md#group-supervision): the person with fewest turns in
// a role goes next, ties broken by longest since their last turn in it, then by the team's
// own order; three different people a session; people unavailable that day are skipped
// and keep their place; managers take turns like everyone else [000 group Standard Two].
// Pure: the same inputs always give the same roles.
//
// The window turns are counted over is the series' whole history. A shorter sliding window
// was tried: as old sessions slide out of it, the counts it sees stop matching the turns
// people actually had, and over long runs someone drifts two turns ahead; and an absence
// older than the window is never made up. The whole history keeps every role within one
// turn for everyone over any run and makes up every missed turn (tests/domain/rotation.test.ts).

export const ROLES = ["presenter", "facilitator", "advisor"] as const;
export type Role = (typeof ROLES)[number];

export interface RotationMember {
  id: string;
  manager?: boolean;
  /** London calendar days ("2026-12-01") they cannot take part. */
  unavailable?: readonly string[];
}

/** One session's roles, held or planned. `date` is its London calendar day. */
export interface RoleAssignment {
  date: string;
  presenter: string;
  facilitator: string;
  advisor: string;
}

/** A member's standing in one role: the numbers "why me?" answers with. */
export interface RoleStanding {
  id: string;
  turns: number;
  /** The date of their last turn in the role, or null for never. */
  lastTurn: string | null;
}

export interface PlannedRoles extends RoleAssignment {
  /** For each role, the chosen person's standing and the range across those available. */
  why: Record<Role, { chosen: RoleStanding; fewest: number; most: number; window: number }>;
}

/**
 * The roles for a session on `date`, given the sessions before it (oldest first), or null
 * when fewer than three members are available that day.
 *
 * The three roles are chosen together: of every way to give them to three different
 * available people, the one where each role goes to someone with as few turns in it as
 * anyone available (fewest excess turns over all three roles), then where nobody has the
 * role they had last session (after a swap or a manager's change, the turns alone may not
 * prevent it), then with fewest turns in any role, then with the longest since their last
 * turns, then the earliest in the team's order. Choosing together keeps every role fair at once, where
 * filling the roles one after another can leave the last role to someone who just had it.
 */
export function planRoles(members: readonly RotationMember[], history: readonly RoleAssignment[], date: string): PlannedRoles | null {
  const available = members.filter((m) => !m.unavailable?.includes(date)).map((m) => m.id);
  if (available.length < 3) return null;
  const window = history;
  const previous = history.at(-1);
  const standing = (role: Role, id: string): Standing => {
    const turns = window.filter((session) => session[role] === id).length;
    // A turn before the window still counts for how long ago the last one was.
    let lastIndex = history.length - 1;
    while (lastIndex >= 0 && history[lastIndex]![role] !== id) lastIndex--;
    return { id, turns, lastTurn: lastIndex >= 0 ? history[lastIndex]!.date : null, lastIndex };
  };
  const table = Object.fromEntries(ROLES.map((role) => [role, new Map(available.map((id) => [id, standing(role, id)]))])) as Record<Role, Map<string, Standing>>;
  const fewest = Object.fromEntries(ROLES.map((role) => [role, Math.min(...[...table[role].values()].map((s) => s.turns))])) as Record<Role, number>;
  const order = new Map(members.map((m, i) => [m.id, i]));

  let best: { ids: [string, string, string]; key: number[] } | null = null;
  for (const p of available) {
    for (const f of available) {
      if (f === p) continue;
      for (const a of available) {
        if (a === p || a === f) continue;
        const ids: [string, string, string] = [p, f, a];
        const key = costOf(ids, table, fewest, previous, order);
        if (!best || compareKeys(key, best.key) < 0) best = { ids, key };
      }
    }
  }
  const [presenter, facilitator, advisor] = best!.ids;
  const why = Object.fromEntries(
    ROLES.map((role, i) => {
      const turns = [...table[role].values()].map((s) => s.turns);
      const { id, turns: chosenTurns, lastTurn } = table[role].get(best!.ids[i]!)!;
      return [role, { chosen: { id, turns: chosenTurns, lastTurn }, fewest: Math.min(...turns), most: Math.max(...turns), window: window.length }];
    }),
  ) as PlannedRoles["why"];
  return { date, presenter, facilitator, advisor, why };
}

/**
 * Plans several sessions in turn, each counting as history for the next (docs/design.md#command-line,
 * `rotate`). A date with fewer than three available gets null and adds nothing to history.
 */
export function planRotation(members: readonly RotationMember[], history: readonly RoleAssignment[], dates: readonly string[]): { date: string; roles: PlannedRoles | null }[] {
  const past = [...history].sort((a, b) => a.date.localeCompare(b.date));
  return dates.map((date) => {
    const roles = planRoles(members, past, date);
    if (roles) past.push(roles);
    return { date, roles };
  });
}

interface Standing extends RoleStanding {
  /** Where their last turn in the role is in the history (-1: never). */
  lastIndex: number;
}

/**
 * Lower is better, compared in order: turns beyond the fewest, summed over the roles; the
 * same person in the same role as last session; the three people's turns in all roles (so
 * the work is spread: without it, some team sizes drift two turns apart, as
 * tests/domain/rotation.test.ts shows); how recent their last turns were (a never-had turn
 * is oldest of all); the team's order.
 */
function costOf(ids: [string, string, string], table: Record<Role, Map<string, Standing>>, fewest: Record<Role, number>, previous: RoleAssignment | undefined, order: Map<string, number>): number[] {
  let excess = 0;
  let load = 0;
  let recency = 0;
  let repeats = 0;
  ROLES.forEach((role, i) => {
    const s = table[role].get(ids[i]!)!;
    excess += s.turns - fewest[role];
    for (const any of ROLES) load += table[any].get(ids[i]!)!.turns;
    recency += s.lastIndex + 1;
    if (previous?.[role] === ids[i]) repeats++;
  });
  return [excess, repeats, load, recency, ...ids.map((id) => order.get(id) ?? 0)];
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}

/**
 * "Why me?" in one sentence: each role's person with their turns in it over the window,
 * the range across those available, and their last turn. Example: "presenter sam: 1 turn
 * in the last 12 sessions (fewest 1, most 2), last on 2026-10-05; facilitator …".
 */
export function explainRoles(roles: PlannedRoles): string {
  return ROLES.map((role) => {
    const { chosen, fewest, most, window } = roles.why[role];
    const last = chosen.lastTurn ? `last on ${chosen.lastTurn}` : "never before";
    return `${role} ${chosen.id}: ${chosen.turns} turn${chosen.turns === 1 ? "" : "s"} in the last ${window} session${window === 1 ? "" : "s"} (fewest ${fewest}, most ${most}), ${last}`;
  }).join("; ");
}
