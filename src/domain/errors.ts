import type { AuditRecord } from "./audit.ts";

/**
 * The one error type of the core. `code` is dotted (`NOTE.NOT_FOUND`); `params` carry ids
 * and field names only, never case content, so the error can be logged as it is.
 */
export class AppError extends Error {
  /**
   * What the refusal itself put on the audit trail (an access denied): stored even though a
   * refused turn stores nothing else. The service appended it already; `handleInbound`, whose
   * turn is one transaction undone by the refusal, appends it again after the rollback.
   */
  audit: readonly AuditRecord[] = [];

  constructor(
    readonly code: string,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = "AppError";
  }
}
