import type { Storage } from "../../ports/storage.ts";
import { MemoryAuditLog } from "./memory-audit.ts";
import { MemoryCaseRegister } from "./memory-cases.ts";
import { MemoryConversationBook } from "./memory-conversations.ts";
import { MemoryGroupRepository } from "./memory-groups.ts";
import { MemoryInboundLog } from "./memory-inbound.ts";
import { MemoryNoteRepository } from "./memory-notes.ts";
import { MemoryPeopleRepository } from "./memory-people.ts";
import { MemoryScheduleRepository } from "./memory-schedule.ts";
import { MemorySupervisionRepository } from "./memory-supervision.ts";
import { Gate, gated } from "./memory-transactions.ts";

/**
 * Storage in memory, with the database's transaction contract: one transaction (or call) at a
 * time, and a transaction that throws leaves everything as it found it (its state is copied at
 * its start and put back). The storage handed to a transaction's work is this one: calls from
 * inside the work run in the transaction.
 */
export function createMemoryStorage(): Storage & { audit: MemoryAuditLog } {
  const audit = new MemoryAuditLog();
  const repositories = {
    notes: new MemoryNoteRepository(audit),
    people: new MemoryPeopleRepository(),
    schedule: new MemoryScheduleRepository(audit),
    groups: new MemoryGroupRepository(audit),
    cases: new MemoryCaseRegister(audit),
    supervision: new MemorySupervisionRepository(audit),
    audit,
    inbound: new MemoryInboundLog(),
    conversations: new MemoryConversationBook(),
  };
  const gate = new Gate();
  const all = Object.values(repositories);
  const snapshot = () => {
    const restorers = all.map((repository) => repository.snapshot());
    return () => restorers.forEach((restore) => restore());
  };
  const storage: Storage & { audit: MemoryAuditLog } = {
    notes: gated(repositories.notes, gate),
    people: gated(repositories.people, gate),
    schedule: gated(repositories.schedule, gate),
    groups: gated(repositories.groups, gate),
    cases: gated(repositories.cases, gate),
    supervision: gated(repositories.supervision, gate),
    audit: gated(repositories.audit, gate),
    inbound: gated(repositories.inbound, gate),
    conversations: gated(repositories.conversations, gate),
    transaction: (work) => gate.transaction(snapshot, () => work(storage)),
    // Nothing to reach and no migrations: always ready.
    readiness: async () => ({ reachable: true, migrations: { shipped: [], applied: [], current: true } }),
    close: async () => {},
  };
  return storage;
}
