import type { AuditRecord } from "../domain/audit.ts";
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
