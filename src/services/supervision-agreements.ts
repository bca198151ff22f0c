// Supervision agreements (docs/design.md#formal-supervision): written and signed
// by both on appointment and at any change of line manager [004 5.1, 001 §4], reviewed together
// at least annually [004 5.2, 001 §4, 003 5.0]. Each party confirms in chat; a signature is
// set once, and a review is a new agreement that follows the old one (nothing overwritten).
import { isoDate, londonDateOf, parseLondonDate } from "../calendar/london-date.ts";
import { atLondonTime } from "../calendar/working-hours.ts";
import { isSupervisionParty, maySupervise } from "../domain/access.ts";
import { AppError } from "../domain/errors.ts";
import type { Person } from "../domain/people.ts";
import { isSupervisee, type AgreementReason, type SupervisionAgreement } from "../domain/supervision.ts";
import type { Interval } from "../policy/profile.ts";
import { addInterval } from "../policy/supervision-cadence.ts";
import { auditRecord } from "./audit-trail.ts";
import type { Core } from "./core.ts";
import { syncAgreementDeadlines } from "./supervision-deadlines.ts";

/** The end of working hours `interval` after `from`'s London day. */
function endOfDayAfter(core: Core, from: Date, interval: Interval): Date {
  const day = addInterval(isoDate(londonDateOf(from)), interval);
  return atLondonTime(parseLondonDate(day), core.settings.profile.workingHours.end);
}

/** The agreement in force or being signed for a supervisee: the latest one not superseded. */
export function currentAgreement(agreements: readonly SupervisionAgreement[]): SupervisionAgreement | null {
  return agreements.filter((a) => a.status !== "superseded").at(-1) ?? null;
}

function newAgreement(core: Core, supervisee: Person, supervisorId: string, reason: AgreementReason, signBy: Date, previousId: string | null): SupervisionAgreement {
  const now = core.clock.now();
  return { id: core.newId(), superviseeId: supervisee.id, supervisorId, reason, status: "open", signBy, supervisorSignedAt: null, superviseeSignedAt: null, reviewBy: null, previousId, revision: 0, createdAt: now, updatedAt: now };
}

async function update(core: Core, actorId: string | null, agreement: SupervisionAgreement, action: "agreement.signed" | "agreement.superseded", detail: Record<string, string> = {}, reviewedAt: Date | null = null): Promise<SupervisionAgreement> {
  const changed = { ...agreement, updatedAt: core.clock.now() };
  const record = auditRecord(core, actorId, action, "supervision-agreement", agreement.id, { supervisee: agreement.superviseeId, ...detail });
  if (!(await core.storage.supervision.updateAgreement(changed, [record]))) throw new AppError("SUPERVISION.CHANGED", "That agreement was changed by someone else just now.", {});
  changed.revision++;
  await syncAgreementDeadlines(core, changed, actorId, reviewedAt);
  return changed;
}

/**
 * Makes sure a supervisee has an agreement with their line manager: a new one on appointment
 * or on a change of line manager (the previous one superseded), none for someone who has left.
 * Returns the agreement drawn up, or null when none was needed.
 */
export async function ensureAgreement(core: Core, supervisee: Person, actorId: string | null): Promise<SupervisionAgreement | null> {
  const agreements = await core.storage.supervision.agreementsOf(supervisee.id);
  const current = currentAgreement(agreements);
  const supervisorId = isSupervisee(supervisee) ? supervisee.lineManagerId : null;
  if (current && current.supervisorId === supervisorId) return null;
  if (current) await update(core, actorId, { ...current, status: "superseded" }, "agreement.superseded", { reason: supervisorId ? "line-manager-changed" : "supervisee-left" });
  if (!supervisorId) return null;
  const reason: AgreementReason = agreements.length ? "manager-change" : "appointment";
  const agreement = newAgreement(core, supervisee, supervisorId, reason, endOfDayAfter(core, core.clock.now(), core.settings.profile.supervision.agreement.signWithin), current?.id ?? null);
  await core.storage.supervision.addAgreement(agreement, [auditRecord(core, actorId, "agreement.created", "supervision-agreement", agreement.id, { supervisee: supervisee.id, supervisor: supervisorId, reason })]);
  await syncAgreementDeadlines(core, agreement, actorId);
  return agreement;
}

/**
 * The actor signs: their own agreement (no one named), or as line manager the named
 * supervisee's. With nothing open to sign, signing starts the review of the agreement in
 * force: a new agreement, signed by the actor, for the other to sign. Once both have signed
 * it is in force, its review falls due, and the one it follows is superseded (reviewed).
 */
export async function signAgreement(core: Core, actor: Person, who: Person | null): Promise<{ agreement: SupervisionAgreement; complete: boolean; otherId: string; review: boolean; changed: boolean }> {
  const supervisee = who && who.id !== actor.id ? who : actor;
  if (supervisee.id !== actor.id && !maySupervise(actor, supervisee)) throw new AppError("SUPERVISION.NOT_SUPERVISOR", `Only ${supervisee.name}'s line manager signs their agreement with them.`, {});
  const current = currentAgreement(await core.storage.supervision.agreementsOf(supervisee.id));
  if (!current || !isSupervisionParty(actor, current)) throw new AppError("SUPERVISION.NO_AGREEMENT", "There is no supervision agreement for you to sign.", {});
  const now = core.clock.now();
  const asSupervisor = actor.id === current.supervisorId;
  let agreement = current;
  let review = false;
  if (current.status === "signed") {
    // A review: the new agreement is due by the review date, or (already late) in the usual time to sign.
    review = true;
    const signBy = current.reviewBy && current.reviewBy.getTime() > now.getTime() ? current.reviewBy : endOfDayAfter(core, now, core.settings.profile.supervision.agreement.signWithin);
    agreement = newAgreement(core, supervisee, current.supervisorId, "review", signBy, current.id);
    await core.storage.supervision.addAgreement(agreement, [auditRecord(core, actor.id, "agreement.created", "supervision-agreement", agreement.id, { supervisee: supervisee.id, supervisor: current.supervisorId, reason: "review" })]);
  } else if (asSupervisor ? current.supervisorSignedAt : current.superviseeSignedAt) {
    return { agreement: current, complete: false, otherId: asSupervisor ? current.superviseeId : current.supervisorId, review: current.reason === "review", changed: false };
  }
  const signed = { ...agreement, ...(asSupervisor ? { supervisorSignedAt: now } : { superviseeSignedAt: now }) };
  const complete = !!(signed.supervisorSignedAt && signed.superviseeSignedAt);
  if (complete) Object.assign(signed, { status: "signed", reviewBy: endOfDayAfter(core, now, core.settings.profile.supervision.agreement.reviewEvery) });
  const saved = await update(core, actor.id, signed, "agreement.signed", { as: asSupervisor ? "supervisor" : "supervisee", ...(complete ? { complete: "yes" } : {}) });
  if (complete && saved.previousId) {
    const previous = await core.storage.supervision.findAgreement(saved.previousId);
    // The agreement reviewed is met; one from a previous manager was superseded already.
    if (previous && previous.status === "signed") await update(core, actor.id, { ...previous, status: "superseded" }, "agreement.superseded", { reason: "reviewed" }, now);
  }
  return { agreement: saved, complete, otherId: asSupervisor ? saved.superviseeId : saved.supervisorId, review: review || saved.reason === "review", changed: true };
}

/** A person's agreements to see: their own current one, and those of the people they supervise. */
export async function agreementsFor(core: Core, actor: Person): Promise<{ own: SupervisionAgreement | null; supervisees: SupervisionAgreement[] }> {
  const own = currentAgreement(await core.storage.supervision.agreementsOf(actor.id));
  const bySupervisee = new Map<string, SupervisionAgreement[]>();
  for (const a of await core.storage.supervision.agreementsSupervisedBy(actor.id)) bySupervisee.set(a.superviseeId, [...(bySupervisee.get(a.superviseeId) ?? []), a]);
  const supervisees = [...bySupervisee.values()].map(currentAgreement).filter((a): a is SupervisionAgreement => a !== null && a.supervisorId === actor.id);
  return { own, supervisees };
}
