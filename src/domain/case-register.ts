// The case register (docs/design.md#the-case-register): which cases a team holds, what kind each is
// and who holds it, so the bot knows when each must next be discussed. A case reference only,
// never a child's name.

/** A case on the register as it stands now. Dates are London days, "YYYY-MM-DD". */
export interface RegisteredCase {
  caseRef: string;
  /** A category id of the policy profile's `caseDiscussion.categories`, e.g. "cin", "cp", "cla". */
  category: string;
  /** The London day the case entered its category: a first discussion may run from it. */
  categorySince: string;
  /** The allocated worker (a person id), or null while unallocated. */
  workerId: string | null;
  team: string | null;
  openedOn: string;
  closedOn: string | null;
  /** A longer discussion period agreed for the case in its current category, or null. */
  extension: CaseExtension | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * A longer period between discussions agreed for one case, e.g. a child looked after discussed
 * 12-weekly with the Head of Service's agreement, recorded with its rationale [001 §9]. It lapses
 * when the case changes category.
 */
export interface CaseExtension {
  /** Who agreed it (a person id) and when. */
  byId: string;
  at: Date;
  /** The category it was agreed for. */
  category: string;
  rationale: string;
}

export const CASE_FIELDS = ["opened", "category", "worker", "team", "closed", "reopened", "extension"] as const;
export type CaseField = (typeof CASE_FIELDS)[number];

/** One change to a case, kept for good: what changed, to what, from which day, by whom and why. */
export interface CaseChange {
  id: string;
  caseRef: string;
  at: Date;
  /** Who made it; null for an import run from the command line. */
  byId: string | null;
  field: CaseField;
  /** The new value: a category id, a person id, a team, a date; null when cleared. */
  value: string | null;
  /** The London day it took effect. */
  effectiveOn: string;
  reason: string | null;
}

/**
 * The order of a case's history: oldest first; changes made together (one import row, one chat
 * command: the same instant) in CASE_FIELDS order, opened first, whatever their ids.
 */
export function historyOrder(a: Pick<CaseChange, "at" | "field">, b: Pick<CaseChange, "at" | "field">): number {
  return a.at.getTime() - b.at.getTime() || CASE_FIELDS.indexOf(a.field) - CASE_FIELDS.indexOf(b.field);
}

/** The changes that turn `before` (null: a new case) into `after`, as `CaseChange`s without ids and times. */
export function caseChanges(before: RegisteredCase | null, after: RegisteredCase, today: string): Omit<CaseChange, "id" | "caseRef" | "at" | "byId" | "reason">[] {
  if (!before) {
    return [
      { field: "opened", value: after.category, effectiveOn: after.openedOn },
      ...(after.workerId ? [{ field: "worker" as const, value: after.workerId, effectiveOn: after.openedOn }] : []),
      ...(after.team ? [{ field: "team" as const, value: after.team, effectiveOn: after.openedOn }] : []),
      ...(after.closedOn ? [{ field: "closed" as const, value: after.closedOn, effectiveOn: after.closedOn }] : []),
    ];
  }
  const changes: Omit<CaseChange, "id" | "caseRef" | "at" | "byId" | "reason">[] = [];
  // An opening date corrected (a later export of the case system): the opening again, from its day.
  if (before.openedOn !== after.openedOn) changes.push({ field: "opened", value: after.category, effectiveOn: after.openedOn });
  if (before.category !== after.category || before.categorySince !== after.categorySince) changes.push({ field: "category", value: after.category, effectiveOn: after.categorySince });
  if (before.workerId !== after.workerId) changes.push({ field: "worker", value: after.workerId, effectiveOn: today });
  if (before.team !== after.team) changes.push({ field: "team", value: after.team, effectiveOn: today });
  if (before.closedOn !== after.closedOn) {
    changes.push(after.closedOn ? { field: "closed", value: after.closedOn, effectiveOn: after.closedOn } : { field: "reopened", value: null, effectiveOn: today });
  }
  return changes;
}

/** An extension holds only for the category it was agreed for. */
export function extensionInForce(kase: Pick<RegisteredCase, "category" | "extension">): CaseExtension | null {
  return kase.extension && kase.extension.category === kase.category ? kase.extension : null;
}
