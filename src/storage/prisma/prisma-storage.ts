import type { Storage, StorageReadiness } from "../../ports/storage.ts";
import { Prisma } from "./generated/client.ts";
import type { Db } from "./prisma-db.ts";
import { PrismaAuditLog } from "./prisma-audit.ts";
import { PrismaCaseRegister } from "./prisma-cases.ts";
import { PrismaConversationBook } from "./prisma-conversations.ts";
import { PrismaGroupRepository } from "./prisma-groups.ts";
import { PrismaInboundLog } from "./prisma-inbound.ts";
import { PrismaNoteRepository } from "./prisma-notes.ts";
import { PrismaPeopleRepository } from "./prisma-people.ts";
import { PrismaScheduleRepository } from "./prisma-schedule.ts";
import { PrismaSupervisionRepository } from "./prisma-supervision.ts";

export interface PrismaStorageOptions {
  /** Ends the client; a transaction's storage leaves that to the outer one. */
  close: () => Promise<void>;
  /** The migrations this build ships (`shippedMigrations`), for `readiness`. */
  shippedMigrations: readonly string[];
}

/**
 * Storage on a Db: the client's own, or (handed to a transaction's work) one whose every
 * repository runs in that transaction.
 */
export function prismaStorage(db: Db, opts: PrismaStorageOptions): Storage {
  const storage: Storage = {
    notes: new PrismaNoteRepository(db),
    people: new PrismaPeopleRepository(db),
    schedule: new PrismaScheduleRepository(db),
    groups: new PrismaGroupRepository(db),
    cases: new PrismaCaseRegister(db),
    supervision: new PrismaSupervisionRepository(db),
    audit: new PrismaAuditLog(db),
    inbound: new PrismaInboundLog(db),
    conversations: new PrismaConversationBook(db),
    transaction: (work) => (db.unit ? work(storage) : db.inTransaction((tx) => work(prismaStorage(tx, { ...opts, close: async () => {} })))),
    readiness: () => readiness(db, opts.shippedMigrations),
    close: opts.close,
  };
  return storage;
}

/** One query of Prisma's own bookkeeping table: it answers (the database is reachable) and names what is applied. */
async function readiness(db: Db, shipped: readonly string[]): Promise<StorageReadiness> {
  let applied: string[];
  try {
    const rows = await db.q.$queryRaw<{ migration_name: string }[]>(Prisma.sql`
      SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL ORDER BY "migration_name"`);
    applied = rows.map((r) => r.migration_name);
  } catch {
    return { reachable: false, migrations: { shipped, applied: [], current: false } };
  }
  const done = new Set(applied);
  return { reachable: true, migrations: { shipped, applied, current: shipped.every((name) => done.has(name)) } };
}
