import type { Storage } from "../../ports/storage.ts";
import type { Db } from "./prisma-db.ts";
import { PrismaAuditLog } from "./prisma-audit.ts";
import { PrismaConversationBook } from "./prisma-conversations.ts";
import { PrismaGroupRepository } from "./prisma-groups.ts";
import { PrismaInboundLog } from "./prisma-inbound.ts";
import { PrismaNoteRepository } from "./prisma-notes.ts";
import { PrismaPeopleRepository } from "./prisma-people.ts";
import { PrismaScheduleRepository } from "./prisma-schedule.ts";

/**
 * Storage on a Db: the client's own, or (handed to a transaction's work) one whose every
 * repository runs in that transaction. `close` ends the client; the transaction's storage
 * leaves that to the outer one.
 */
export function prismaStorage(db: Db, close: () => Promise<void>): Storage {
  const storage: Storage = {
    notes: new PrismaNoteRepository(db),
    people: new PrismaPeopleRepository(db),
    schedule: new PrismaScheduleRepository(db),
    groups: new PrismaGroupRepository(db),
    audit: new PrismaAuditLog(db),
    inbound: new PrismaInboundLog(db),
    conversations: new PrismaConversationBook(db),
    transaction: (work) => (db.unit ? work(storage) : db.inTransaction((tx) => work(prismaStorage(tx, async () => {})))),
    close,
  };
  return storage;
}
