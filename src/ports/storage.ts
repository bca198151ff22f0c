import type { AuditLog } from "./audit-log.ts";
import type { CaseRegister } from "./case-register.ts";
import type { ConversationBook } from "./conversation-book.ts";
import type { GroupRepository } from "./group-repository.ts";
import type { InboundLog } from "./inbound-log.ts";
import type { NoteRepository } from "./note-repository.ts";
import type { PeopleRepository } from "./people-repository.ts";
import type { ScheduleRepository } from "./schedule-repository.ts";
import type { SupervisionRepository } from "./supervision-repository.ts";

/** Everything the core stores, behind one handle the composition root builds. */
export interface Storage {
  notes: NoteRepository;
  people: PeopleRepository;
  schedule: ScheduleRepository;
  groups: GroupRepository;
  cases: CaseRegister;
  supervision: SupervisionRepository;
  audit: AuditLog;
  inbound: InboundLog;
  conversations: ConversationBook;
  /**
   * Runs `work` as one transaction: everything it writes through the storage it is handed
   * is stored together when `work` resolves, or not at all when it throws (the error is
   * rethrown). Transactions run one at a time; inside one, `transaction` joins it. Use the
   * handed storage only, never this one, until `work` ends. Example (a turn):
   * const reply = await core.storage.transaction((storage) => handle({ ...core, storage }, event)).
   */
  transaction<T>(work: (storage: Storage) => Promise<T>): Promise<T>;
  /**
   * Whether the store can serve this build: the database answers, and every migration this
   * build ships is applied (a database migrated further by a newer build is still current).
   * Never throws: an unreachable database is `reachable: false`.
   * Example: { reachable: true, migrations: { shipped: ["20261101_init"], applied: ["20261101_init"], current: true } }.
   */
  readiness(): Promise<StorageReadiness>;
  close(): Promise<void>;
}

/** What `Storage.readiness` reports; migration names as the migration folders are named. */
export interface StorageReadiness {
  reachable: boolean;
  migrations: { shipped: readonly string[]; applied: readonly string[]; current: boolean };
}
