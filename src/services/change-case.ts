// Changing the case register in chat (docs/design.md#the-case-register): a case added, its
// category, worker, closing or reopening, or a longer discussion period agreed. Who may: the
// allocated worker's line managers up the chain (`mayChangeCase`). Everything is checked before
// anything is written; then the case, its `CaseChange`, its audit entry and its discussion deadline
// are saved in the turn's one transaction.
import { isoDate, londonDateOf, parseLondonDate } from "../calendar/london-date.ts";
import { mayAgreeCaseExtension, mayChangeCase, maySeeCase } from "../domain/access.ts";
import { caseChanges, type CaseChange, type CaseField, type RegisteredCase } from "../domain/case-register.ts";
import { AppError } from "../domain/errors.ts";
import { AUDITOR_ROLE, type Person } from "../domain/people.ts";
import { findNameInCaseRef, findNameInText } from "../domain/names-guard.ts";
import { canonicalCaseRef, isCaseRef } from "../domain/vocabulary.ts";
import { categoryFrequency } from "../policy/discussion-due.ts";
import { auditedRefusal, auditRecord } from "./audit-trail.ts";
import type { Core } from "./core.ts";
import { Directory } from "./directory.ts";
import { syncCaseDeadlines } from "./sync-case-deadlines.ts";

/** One change asked for in chat; dates are London days ("YYYY-MM-DD"), people already resolved. */
export type CaseEdit =
  | { kind: "add"; caseRef: string; category: string; worker: Person; openedOn?: string }
  | { kind: "category"; caseRef: string; category: string; from?: string }
  | { kind: "worker"; caseRef: string; worker: Person }
  | { kind: "close"; caseRef: string; on?: string }
  | { kind: "reopen"; caseRef: string }
  | { kind: "extend"; caseRef: string; rationale: string };

export interface CaseEditOutcome {
  kase: RegisteredCase;
  /** false: the case already stood so (the same category from the same day, the same worker); nothing was written. */
  changed: boolean;
}

/**
 * A case reference as typed, checked and spelt the one way ("4471 jb" → "4471-JB"). A word
 * written like a name is refused without being repeated (CASE.REF_LOOKS_LIKE_NAME).
 */
export function caseRefFrom(typed: string, staffWords: ReadonlySet<string>): string {
  if (findNameInCaseRef(typed.trim(), staffWords)) throw new AppError("CASE.REF_LOOKS_LIKE_NAME", "That looks like a name, not a case reference", {});
  if (!isCaseRef(typed)) throw new AppError("CASE.REF_FORMAT", "Not a case reference", {});
  return canonicalCaseRef(typed);
}

/** Makes the change for `actor`, or refuses it (an AppError) having written nothing but the refusal's audit entry. */
export async function changeCase(core: Core, actor: Person, edit: CaseEdit): Promise<CaseEditOutcome> {
  const directory = await Directory.load(core.storage.people);
  const caseRef = caseRefFrom(edit.caseRef, directory.staffWords);
  const now = core.clock.now();
  const today = isoDate(londonDateOf(now));
  const before = await core.storage.cases.find(caseRef);

  if (edit.kind === "add") {
    categoryFrequency(core.settings.profile, edit.category);
    if (before) throw new AppError("CASE.ALREADY_ON_REGISTER", "Already on the register", { caseRef });
    if (!mayChangeCase(actor, { workerId: edit.worker.id }, directory.byId)) throw await refusal(core, actor, caseRef, "add");
    const openedOn = day(edit.openedOn ?? today, today, "opened");
    const kase: RegisteredCase = { caseRef, category: edit.category, categorySince: openedOn, workerId: edit.worker.id, team: edit.worker.team, openedOn, closedOn: null, extension: null, createdAt: now, updatedAt: now };
    return save(core, actor, null, kase, []);
  }

  if (!before || !maySeeCase(actor, before, directory.byId)) {
    throw await auditedRefusal(core, new AppError("CASE.NOT_FOUND", "No such case", { caseRef }), actor.id, "case.access-denied", "case", caseRef, { asked: edit.kind });
  }
  if (!mayChangeCase(actor, before, directory.byId)) throw await refusal(core, actor, caseRef, edit.kind);
  const after: RegisteredCase = { ...before, updatedAt: now };
  const extra: ExtraChange[] = [];
  if (edit.kind === "reopen") {
    if (!before.closedOn) throw new AppError("CASE.NOT_CLOSED", "Not closed", { caseRef });
    after.closedOn = null;
    return save(core, actor, before, after, extra);
  }
  if (before.closedOn) throw new AppError("CASE.CLOSED", "Closed", { caseRef, closedOn: before.closedOn });

  switch (edit.kind) {
    case "category": {
      categoryFrequency(core.settings.profile, edit.category);
      const from = day(edit.from ?? today, today, "from");
      if (from < before.openedOn) throw new AppError("CASE.BEFORE_OPENING", "Before the case opened", { date: from, openedOn: before.openedOn });
      after.category = edit.category;
      after.categorySince = from;
      break;
    }
    case "worker": {
      // Handed only to someone the manager also manages: a case never leaves the hands of whoever may change it by accident.
      if (!mayChangeCase(actor, { workerId: edit.worker.id }, directory.byId)) throw await refusal(core, actor, caseRef, "worker");
      after.workerId = edit.worker.id;
      after.team = edit.worker.team ?? before.team;
      break;
    }
    case "close": {
      const on = day(edit.on ?? today, today, "closed");
      if (on < before.openedOn) throw new AppError("CASE.BEFORE_OPENING", "Before the case opened", { date: on, openedOn: before.openedOn });
      after.closedOn = on;
      break;
    }
    case "extend": {
      const frequency = categoryFrequency(core.settings.profile, before.category);
      if (!frequency.extended) throw new AppError("CASE.NO_EXTENSION", "No longer period for this category", { category: frequency.name, extendable: extendable(core) });
      if (!mayAgreeCaseExtension(actor, frequency.extended.agreedBy, core.settings.roleRanks)) {
        throw await auditedRefusal(core, new AppError("CASE.EXTENSION_NOT_ALLOWED", "Not allowed to agree an extension", { agreedBy: frequency.extended.agreedBy }), actor.id, "case.access-denied", "case", caseRef, { asked: "extend" });
      }
      const rationale = edit.rationale.trim().replace(/\s+/g, " ");
      if (rationale.length < 3) throw new AppError("CASE.RATIONALE_NEEDED", "A rationale is needed", {});
      const named = findNameInText("rationale", rationale, directory.staffWords);
      // The words flagged are the actor's own, shown back to them only: never in params (which may be logged).
      if (named) throw new AppError("CASE.RATIONALE_LOOKS_LIKE_NAME", core.prompts.say("case.rationale-looks-like-name", { words: named.words }), {});
      after.extension = { byId: actor.id, at: now, category: before.category, rationale };
      extra.push({ field: "extension", value: before.category, effectiveOn: today, reason: rationale });
      break;
    }
  }
  return save(core, actor, before, after, extra);
}

type ExtraChange = Pick<CaseChange, "field" | "value" | "effectiveOn" | "reason">;

/** Saves the case with its changes and one audit entry, then its discussion deadline; a case that stands as it did is not written. */
async function save(core: Core, actor: Person, before: RegisteredCase | null, after: RegisteredCase, extra: ExtraChange[]): Promise<CaseEditOutcome> {
  const now = core.clock.now();
  const today = isoDate(londonDateOf(now));
  const made: ExtraChange[] = [...caseChanges(before, after, today).map((c) => ({ ...c, reason: null })), ...extra];
  if (before && made.length === 0) return { kase: before, changed: false };
  const changes: CaseChange[] = made.map((c) => ({ ...c, id: core.newId(), caseRef: after.caseRef, at: now, byId: actor.id }));
  const fields: CaseField[] = [...new Set(made.map((c) => c.field))];
  const entry = auditRecord(core, actor.id, before ? "case.change" : "case.create", "case", after.caseRef, { fields, via: "chat" });
  await core.storage.cases.save([after], changes, [entry]);
  await syncCaseDeadlines(core, after.caseRef, actor.id);
  return { kase: after, changed: true };
}

/** A London day as typed, real and not after today. */
function day(typed: string, today: string, what: string): string {
  try {
    parseLondonDate(typed);
  } catch {
    throw new AppError("CASE.BAD_DATE", "Not a date", { date: typed, what });
  }
  if (typed > today) throw new AppError("CASE.FUTURE_DATE", "In the future", { date: typed, today });
  return typed;
}

/** The refusal of a change to someone who may not make it: auditors read only; others are not the worker's managers. */
async function refusal(core: Core, actor: Person, caseRef: string, asked: string): Promise<AppError> {
  const error = actor.role === AUDITOR_ROLE ? new AppError("CASE.READ_ONLY", "Auditors only read", {}) : new AppError("CASE.NOT_A_MANAGER", "Not a manager of the worker", {});
  return auditedRefusal(core, error, actor.id, "case.access-denied", "case", caseRef, { asked });
}

/** The categories a longer period may be agreed for, by name: "Child looked after". */
function extendable(core: Core): string {
  const names = Object.values(core.settings.profile.caseDiscussion.categories).filter((c) => c.extended).map((c) => c.name);
  return names.length ? names.join(", ") : "none";
}
