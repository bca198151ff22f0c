import type { AuditLog } from "./audit-log.ts";
import type { ConversationBook } from "./conversation-book.ts";
import type { GroupRepository } from "./group-repository.ts";
import type { InboundLog } from "./inbound-log.ts";
import type { NoteRepository } from "./note-repository.ts";
import type { PeopleRepository } from "./people-repository.ts";
import type { ScheduleRepository } from "./schedule-repository.ts";

/** Everything the core stores, behind one handle the composition root builds. */
export interface Storage {
  notes: NoteRepository;
  people: PeopleRepository;
  schedule: ScheduleRepository;
  groups: GroupRepository;
  audit: AuditLog;
  inbound: InboundLog;
  conversations: ConversationBook;
  close(): Promise<void>;
}
