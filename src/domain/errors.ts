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

/**
 * The database could not store a write because its disk (or its size limit) is full: SQLite's
 * SQLITE_FULL, PostgreSQL's disk_full (53100). Not the person's doing, and not a refusal: the
 * turn stored nothing, and they are told so, with what they typed kept, rather than the generic
 * failure. Carries no query or content.
 */
export class StorageFullError extends Error {
  readonly code = "STORAGE.FULL";

  constructor(options?: { cause?: unknown }) {
    super("The database's storage is full", options);
    this.name = "StorageFullError";
  }
}
