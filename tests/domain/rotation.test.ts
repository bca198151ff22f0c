import { describe, expect, it } from "vitest";
import { explainRoles, planRoles, planRotation, ROLES, type RoleAssignment, type RotationMember } from "../../src/domain/rotation.ts";

// Group supervision roles (docs/design.md#group-supervision): properties over long generated runs, and small
// tables where the rule that decides can be read off.

const fortnightly = (count: number, from = Date.UTC(2026, 0, 6)) => Array.from({ length: count }, (_, i) => new Date(from + i * 14 * 86_400_000).toISOString().slice(0, 10));
const team = (n: number, extra: (i: number) => Partial<RotationMember> = () => ({})): RotationMember[] => Array.from({ length: n }, (_, i) => ({ id: `m${i}`, ...extra(i) }));
const sessionsOf = (plan: ReturnType<typeof planRotation>) => plan.map((p) => p.roles).filter((r): r is NonNullable<typeof r> => r !== null);
const turns = (sessions: RoleAssignment[], members: RotationMember[], role: (typeof ROLES)[number]) => members.map((m) => sessions.filter((s) => s[role] === m.id).length);
const spread = (counts: number[]) => Math.max(...counts) - Math.min(...counts);

/** A small deterministic generator, so a failing run can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe("over long runs", () => {
  it.each(Array.from({ length: 13 }, (_, i) => i + 3))("%i members, 300 sessions: every role's turns differ by at most one at every point; three different people; nobody in a role twice running", (n) => {
    const members = team(n, (i) => ({ manager: i === 0 }));
    const sessions = sessionsOf(planRotation(members, [], fortnightly(300)));
    expect(sessions).toHaveLength(300);
    sessions.forEach((session, i) => {
      expect(new Set([session.presenter, session.facilitator, session.advisor]).size).toBe(3);
      const sofar = sessions.slice(0, i + 1);
      for (const role of ROLES) expect(spread(turns(sofar, members, role)), `${role} after session ${i + 1}`).toBeLessThanOrEqual(1);
      if (i > 0) for (const role of ROLES) expect(session[role], `${role} twice running at session ${i + 1}`).not.toBe(sessions[i - 1]![role]);
    });
  });

  it("managers take every role as often as anyone", () => {
    const members = team(6, (i) => ({ manager: i < 2 }));
    const sessions = sessionsOf(planRotation(members, [], fortnightly(60)));
    for (const role of ROLES) expect(turns(sessions, members, role)).toEqual([10, 10, 10, 10, 10, 10]);
  });

  it("skips people on their unavailable days and makes up their missed turns (100 random teams)", () => {
    const next = random(2026);
    for (let trial = 0; trial < 100; trial++) {
      const n = 4 + Math.floor(next() * 9);
      const dates = fortnightly(6 * n);
      // Absences in the first quarter only, so there is time to catch up.
      const members = team(n, () => ({ unavailable: dates.slice(0, dates.length / 4).filter(() => next() < 0.1) }));
      const plan = planRotation(members, [], dates);
      for (const { date, roles } of plan) {
        if (!roles) continue;
        for (const role of ROLES) expect(members.find((m) => m.id === roles[role])!.unavailable).not.toContain(date);
      }
      const sessions = sessionsOf(plan);
      for (const role of ROLES) expect(spread(turns(sessions, members, role)), `trial ${trial}, ${n} members, ${role}`).toBeLessThanOrEqual(1);
    }
  });

  it("is the same every time for the same inputs", () => {
    const members = team(7, (i) => ({ unavailable: i === 3 ? ["2026-02-03"] : [] }));
    expect(planRotation(members, [], fortnightly(20))).toEqual(planRotation(members, [], fortnightly(20)));
  });
});

describe("who goes next, and why", () => {
  const members = team(4);
  const history: RoleAssignment[] = [
    { date: "2026-01-06", presenter: "m0", facilitator: "m1", advisor: "m2" },
    { date: "2026-01-20", presenter: "m1", facilitator: "m2", advisor: "m3" },
    { date: "2026-02-03", presenter: "m2", facilitator: "m3", advisor: "m0" },
  ];

  it("gives each role to someone with fewest turns in it, longest since their last turn", () => {
    // Presenter: only m3 has never presented. Facilitator: m0 never has. Advisor: m1 never has.
    expect(planRoles(members, history, "2026-02-17")).toMatchObject({ presenter: "m3", facilitator: "m0", advisor: "m1" });
  });

  it("skips someone unavailable that day, who keeps their place for the next session", () => {
    const away = members.map((m) => (m.id === "m3" ? { ...m, unavailable: ["2026-02-17"] } : m));
    const [first, second] = planRotation(away, history, ["2026-02-17", "2026-03-03"]);
    expect(Object.values(first!.roles!).slice(1, 4)).not.toContain("m3");
    expect(second!.roles!.presenter).toBe("m3");
  });

  it("after a swap, does not give anyone the role they have just had when someone else as fair can take it", () => {
    // The last session was swapped: m3 presented there (out of turn), m1 facilitated for the second time.
    const swapped: RoleAssignment[] = [
      { date: "2026-01-06", presenter: "m0", facilitator: "m1", advisor: "m2" },
      { date: "2026-01-20", presenter: "m1", facilitator: "m0", advisor: "m3" },
      { date: "2026-02-03", presenter: "m2", facilitator: "m3", advisor: "m0" },
      { date: "2026-02-17", presenter: "m3", facilitator: "m1", advisor: "m0" },
    ];
    const roles = planRoles(members, swapped, "2026-03-03")!;
    for (const role of ROLES) expect(roles[role], role).not.toBe(swapped.at(-1)![role]);
    // Still each role to someone with fewest turns in it: the `why` answers stay true.
    for (const role of ROLES) expect(roles.why[role].chosen.turns, role).toBe(roles.why[role].fewest);
  });

  it("over random runs with swaps and overrides, gives each role to someone with fewest turns in it, and repeats a role only when every fair choice would", () => {
    const next = random(7);
    for (let trial = 0; trial < 300; trial++) {
      const n = 3 + Math.floor(next() * 6);
      const team: RotationMember[] = Array.from({ length: n }, (_, i) => ({ id: `m${i}` }));
      const ids = team.map((m) => m.id);
      const history: RoleAssignment[] = [];
      for (const date of fortnightly(2 + Math.floor(next() * 12))) {
        const r = planRoles(team, history, date)!;
        const held: RoleAssignment = { date, presenter: r.presenter, facilitator: r.facilitator, advisor: r.advisor };
        if (next() < 0.4) {
          // A swap between two role-holders.
          const [x, y] = [ROLES[Math.floor(next() * 3)]!, ROLES[Math.floor(next() * 3)]!];
          [held[x], held[y]] = [held[y], held[x]];
        }
        if (next() < 0.2) {
          // A manager gives a role to someone without one.
          const out = ids.find((id) => ![held.presenter, held.facilitator, held.advisor].includes(id));
          if (out) held[ROLES[Math.floor(next() * 3)]!] = out;
        }
        history.push(held);
      }
      const date = "2027-06-01";
      const roles = planRoles(team, history, date)!;
      const last = history.at(-1)!;
      const turns = (role: (typeof ROLES)[number], id: string) => history.filter((h) => h[role] === id).length;
      const fewest = Object.fromEntries(ROLES.map((role) => [role, Math.min(...ids.map((id) => turns(role, id)))])) as Record<(typeof ROLES)[number], number>;
      const excess = (a: string[]) => ROLES.reduce((sum, role, i) => sum + turns(role, a[i]!) - fewest[role], 0);
      const chosen = ROLES.map((role) => roles[role]);
      let fairest = Infinity;
      let fairestWithoutRepeat = Infinity;
      for (const p of ids) for (const f of ids) for (const a of ids) {
        if (new Set([p, f, a]).size < 3) continue;
        fairest = Math.min(fairest, excess([p, f, a]));
        if (!ROLES.some((role, i) => last[role] === [p, f, a][i])) fairestWithoutRepeat = Math.min(fairestWithoutRepeat, excess([p, f, a]));
      }
      expect(excess(chosen), `trial ${trial}`).toBe(fairest);
      if (fairestWithoutRepeat === fairest) for (const role of ROLES) expect(roles[role], `trial ${trial}: ${role} twice running`).not.toBe(last[role]);
    }
  });

  it("needs three people: a day with two available has no session", () => {
    const few = members.map((m) => (m.id === "m0" || m.id === "m1" ? { ...m, unavailable: ["2026-02-17"] } : m));
    expect(planRoles(few, history, "2026-02-17")).toBeNull();
  });

  it('answers "why me?" with the counts', () => {
    const roles = planRoles(members, history, "2026-02-17")!;
    expect(explainRoles(roles)).toBe(
      "presenter m3: 0 turns in the last 3 sessions (fewest 0, most 1), never before; " +
        "facilitator m0: 0 turns in the last 3 sessions (fewest 0, most 1), never before; " +
        "advisor m1: 0 turns in the last 3 sessions (fewest 0, most 1), never before",
    );
  });

  it("breaks a tie in turns by the longest since the last turn", () => {
    // Everyone has presented once; m1 longest ago.
    const evened: RoleAssignment[] = [
      { date: "2026-01-06", presenter: "m1", facilitator: "m0", advisor: "m2" },
      { date: "2026-01-20", presenter: "m3", facilitator: "m2", advisor: "m0" },
      { date: "2026-02-03", presenter: "m0", facilitator: "m3", advisor: "m1" },
      { date: "2026-02-17", presenter: "m2", facilitator: "m1", advisor: "m3" },
    ];
    expect(planRoles(members, evened, "2026-03-03")!.presenter).toBe("m1");
  });
});
