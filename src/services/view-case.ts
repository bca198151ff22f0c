import { maySeeCase } from "../domain/access.ts";
import type { CaseChange, RegisteredCase } from "../domain/case-register.ts";
import type { Deadline } from "../domain/deadline.ts";
import { AppError } from "../domain/errors.ts";
import type { Person } from "../domain/people.ts";
import { audit, auditedRefusal } from "./audit-trail.ts";
import { caseRefFrom } from "./change-case.ts";
import type { Core } from "./core.ts";
import { Directory } from "./directory.ts";

/** A case on the register as shown: the case, every change to it, and its open discussion deadline. */
export interface CaseRecord {
  kase: RegisteredCase;
  history: CaseChange[];
  /** When the case must next be discussed, if the scheduler holds a deadline for it. */
  nextDiscussion: Deadline | null;
  directory: Directory;
}

/**
 * A case for someone allowed to see it (its worker, their managers up the chain, auditors), the
 * view audited. A case they may not see answers exactly as one not on the register, and the
 * refusal is audited.
 */
export async function viewCase(core: Core, actor: Person, typedRef: string): Promise<CaseRecord> {
  const directory = await Directory.load(core.storage.people);
  const caseRef = caseRefFrom(typedRef, directory.staffWords);
  const kase = await core.storage.cases.find(caseRef);
  if (!kase || !maySeeCase(actor, kase, directory.byId)) {
    throw await auditedRefusal(core, new AppError("CASE.NOT_FOUND", "No such case", { caseRef }), actor.id, "case.access-denied", "case", caseRef, { asked: "view" });
  }
  const [history, deadlines] = await Promise.all([core.storage.cases.history(caseRef), core.storage.schedule.deadlinesFor("case", caseRef)]);
  await audit(core, actor.id, "case.view", "case", caseRef);
  return { kase, history, nextDiscussion: deadlines.find((d) => d.status === "open") ?? null, directory };
}
