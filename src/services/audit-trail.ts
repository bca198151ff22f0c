import type { AuditRecord } from "../domain/audit.ts";
import type { Core } from "./core.ts";

/** Appends to the audit trail at the clock's now. `detail` carries ids and field names, never case content. */
export function audit(core: Core, actorId: string | null, action: AuditRecord["action"], entityType: AuditRecord["entityType"], entityId: string, detail: AuditRecord["detail"] = {}) {
  return core.storage.audit.append({ at: core.clock.now(), actorId, action, entityType, entityId, detail });
}
