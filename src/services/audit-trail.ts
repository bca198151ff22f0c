import type { AuditRecord } from "../domain/audit.ts";
import type { AppError } from "../domain/errors.ts";
import type { Core } from "./core.ts";

export type AuditDetail = AuditRecord["detail"];

/** An audit record at the clock's now. `detail` carries ids and field names, never case content. */
export function auditRecord(core: Core, actorId: string | null, action: AuditRecord["action"], entityType: AuditRecord["entityType"], entityId: string, detail: AuditDetail = {}): AuditRecord {
  return { at: core.clock.now(), actorId, action, entityType, entityId, detail };
}

/**
 * Appends a record of something that changed nothing (a view, a listing, a refusal).
 * Changes pass their records to the repository, which stores them in the change's own transaction.
 */
export function audit(core: Core, actorId: string | null, action: AuditRecord["action"], entityType: AuditRecord["entityType"], entityId: string, detail: AuditDetail = {}) {
  return core.storage.audit.append(auditRecord(core, actorId, action, entityType, entityId, detail));
}

/**
 * Audits a refusal and returns the error to throw, carrying the record (`AppError.audit`) so
 * that it is kept even where the refused work is undone. Example:
 * throw await auditedRefusal(core, new AppError("NOTE.NO_ACCESS", …), actor.id, "note.access-denied", "note", note.id).
 */
export async function auditedRefusal(core: Core, error: AppError, actorId: string | null, action: AuditRecord["action"], entityType: AuditRecord["entityType"], entityId: string, detail: AuditDetail = {}): Promise<AppError> {
  const record = auditRecord(core, actorId, action, entityType, entityId, detail);
  await core.storage.audit.append(record);
  error.audit = [record];
  return error;
}
