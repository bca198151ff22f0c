import type { AuditRecord } from "../domain/audit.ts";
import type { CaseChange, RegisteredCase } from "../domain/case-register.ts";

/** Which cases: every condition given must hold. */
export interface CaseFilter {
  workerId?: string;
  /** Any of these workers. */
  workerIds?: readonly string[];
  team?: string;
  /** true: not closed; false: closed. */
  open?: boolean;
}

/** The case register: cases as they stand, and every change to them, kept. */
export interface CaseRegister {
  find(caseRef: string): Promise<RegisteredCase | null>;
  /**
   * Inserts or replaces cases by reference and adds their changes, in one go (an import is all
   * or nothing). Example: save([kase], [{ field: "category", … }], [auditRecord]).
   */
  save(cases: readonly RegisteredCase[], changes: readonly CaseChange[], audit?: readonly AuditRecord[]): Promise<void>;
  /** Cases matching the filter, by case reference. */
  list(filter?: CaseFilter): Promise<RegisteredCase[]>;
  /** A case's changes, oldest first. */
  history(caseRef: string): Promise<CaseChange[]>;
}
