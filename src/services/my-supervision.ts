// Formal supervision as a person sees it (for `supervision`, `mine` and home) and as a team's
// monthly compliance counts it (docs/design.md#formal-supervision): typed
// data, worded by the bot's presenters.
import { isoDate, londonDateOf } from "../calendar/london-date.ts";
import type { Person } from "../domain/people.ts";
import { isSupervisee, type SupervisionAgreement, type SupervisionSession } from "../domain/supervision.ts";
import { latestAllowed } from "../policy/supervision-cadence.ts";
import type { Core } from "./core.ts";
import { heldDay, lastHeldDay } from "./plan-supervision.ts";
import { currentAgreement } from "./supervision-agreements.ts";

/** One supervisee's supervision as it stands. */
export interface SuperviseeSupervision {
  supervisee: Person;
  supervisorId: string | null;
  /** Planned sessions, earliest first; the first is the next. */
  planned: SupervisionSession[];
  /** Planned sessions whose day has passed without being held. */
  overdue: SupervisionSession[];
  /** Held sessions whose notes are not yet circulated. */
  toCirculate: SupervisionSession[];
  /** Held sessions whose circulated notes the supervisee has not signed. */
  toSign: SupervisionSession[];
  /** Held sessions whose case supervision reference is not yet on record (where the profile asks for one). */
  toRecord: SupervisionSession[];
  lastHeld: string | null;
  /** The latest day the next session may be, by the longest gap [003 4.2]; null before any is held. */
  latestNext: string | null;
  agreement: SupervisionAgreement | null;
  /** Whose signatures the agreement still needs. */
  agreementUnsignedBy: string[];
}

export interface MySupervision {
  /** The actor's own supervision, or null when they have no line manager. */
  own: SuperviseeSupervision | null;
  /** The people the actor supervises (their direct reports), by name. */
  supervisees: SuperviseeSupervision[];
}

/** What someone supervised has, as of now. */
export async function supervisionOf(core: Core, supervisee: Person): Promise<SuperviseeSupervision> {
  const today = isoDate(londonDateOf(core.clock.now()));
  const sessions = await core.storage.supervision.sessions({ superviseeId: supervisee.id });
  const held = sessions.filter((s) => s.status === "held");
  const planned = sessions.filter((s) => s.status === "planned");
  const lastHeld = lastHeldDay(sessions);
  const agreement = currentAgreement(await core.storage.supervision.agreementsOf(supervisee.id));
  const unsigned = agreement && agreement.status === "open" ? [agreement.supervisorSignedAt ? null : agreement.supervisorId, agreement.superviseeSignedAt ? null : agreement.superviseeId].filter((id): id is string => id !== null) : [];
  return {
    supervisee,
    supervisorId: isSupervisee(supervisee) ? supervisee.lineManagerId : null,
    planned,
    overdue: planned.filter((s) => s.date < today),
    toCirculate: held.filter((s) => !s.notesCirculatedAt),
    toSign: held.filter((s) => s.notesCirculatedAt && !s.notesSignedAt),
    toRecord: core.settings.profile.supervision.caseRecord.required ? held.filter((s) => !s.caseRecordAt) : [],
    lastHeld,
    latestNext: lastHeld ? latestAllowed(lastHeld, core.settings.profile.supervision) : null,
    agreement,
    agreementUnsignedBy: unsigned,
  };
}

/** The actor's own supervision and their direct reports'. For `supervision`, `mine` and home. */
export async function mySupervision(core: Core, actor: Person): Promise<MySupervision> {
  const people = await core.storage.people.list();
  const own = isSupervisee(actor) ? await supervisionOf(core, actor) : null;
  const supervisees = [];
  for (const person of people.filter((p) => p.lineManagerId === actor.id && isSupervisee(p)).sort((a, b) => a.name.localeCompare(b.name))) {
    supervisees.push(await supervisionOf(core, person));
  }
  return { own, supervisees };
}

/** A team's formal supervision in a month ("2026-12"), for the monthly summary. */
export interface SupervisionCompliance {
  team: string;
  month: string;
  /** People in the team with a line manager. */
  supervisees: number;
  /** Sessions due in the month (planned for a day in it, not moved or called off). */
  due: number;
  /** Of those, held; and held by their day. */
  held: number;
  heldOnTime: number;
  /** Sessions moved in the month (each with its reason on record). */
  moved: number;
  /** Due in the month and still not held (only once the day has passed). */
  overdue: number;
  /** People whose gap since their last session held passed the profile's longest gap during or before the month. */
  beyondMaxGap: string[];
  /** Agreements still waiting for a signature past their sign-by date. */
  agreementsUnsigned: number;
  /** Agreements in force whose review date has passed. */
  reviewsOverdue: number;
}

export async function supervisionCompliance(core: Core, team: string, month: string): Promise<SupervisionCompliance> {
  const now = core.clock.now();
  const today = isoDate(londonDateOf(now));
  const monthEnd = `${month}-31`;
  const endOfView = monthEnd < today ? monthEnd : today;
  const result: SupervisionCompliance = { team, month, supervisees: 0, due: 0, held: 0, heldOnTime: 0, moved: 0, overdue: 0, beyondMaxGap: [], agreementsUnsigned: 0, reviewsOverdue: 0 };
  for (const person of (await core.storage.people.list()).filter((p) => p.team === team && isSupervisee(p))) {
    result.supervisees++;
    const sessions = await core.storage.supervision.sessions({ superviseeId: person.id });
    for (const s of sessions.filter((x) => x.date.startsWith(month))) {
      if (s.status === "moved") result.moved++;
      if (s.status !== "held" && s.status !== "planned") continue;
      result.due++;
      if (s.status === "held") {
        result.held++;
        if (heldDay(s) <= s.date) result.heldOnTime++;
      } else if (s.date < today) result.overdue++;
    }
    const heldBefore = sessions.filter((s) => s.status === "held" && heldDay(s) <= endOfView);
    const last = lastHeldDay(heldBefore);
    if (last && latestAllowed(last, core.settings.profile.supervision) < endOfView) result.beyondMaxGap.push(person.id);
    const agreement = currentAgreement(await core.storage.supervision.agreementsOf(person.id));
    if (agreement?.status === "open" && agreement.signBy.getTime() < now.getTime()) result.agreementsUnsigned++;
    if (agreement?.status === "signed" && agreement.reviewBy && agreement.reviewBy.getTime() < now.getTime()) result.reviewsOverdue++;
  }
  return result;
}
