import { verifyAuditChain, type ChainVerdict } from "../domain/audit.ts";
import type { Core } from "./core.ts";

/** Walks the whole audit trail and reports the first broken link, if any. */
export async function verifyAudit(core: Core): Promise<ChainVerdict> {
  return verifyAuditChain(await core.storage.audit.list());
}
