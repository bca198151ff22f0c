import type { Storage } from "../../ports/storage.ts";
import { MemoryAuditLog } from "./memory-audit.ts";
import { MemoryConversationBook } from "./memory-conversations.ts";
import { MemoryGroupRepository } from "./memory-groups.ts";
import { MemoryInboundLog } from "./memory-inbound.ts";
import { MemoryNoteRepository } from "./memory-notes.ts";
import { MemoryPeopleRepository } from "./memory-people.ts";
import { MemoryScheduleRepository } from "./memory-schedule.ts";

export function createMemoryStorage(): Storage & { audit: MemoryAuditLog } {
  const audit = new MemoryAuditLog();
  return {
    notes: new MemoryNoteRepository(audit),
    people: new MemoryPeopleRepository(),
    schedule: new MemoryScheduleRepository(audit),
    groups: new MemoryGroupRepository(audit),
    audit,
    inbound: new MemoryInboundLog(),
    conversations: new MemoryConversationBook(),
    close: async () => {},
  };
}
