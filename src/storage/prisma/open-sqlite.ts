import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { Storage } from "../../ports/storage.ts";
import { PrismaClient } from "./generated/client.ts";
import { migrateSqlite } from "./migrate.ts";
import { PrismaAuditLog } from "./prisma-audit.ts";
import { PrismaNoteRepository } from "./prisma-notes.ts";
import { PrismaPeopleRepository } from "./prisma-people.ts";

const DEFAULT_MIGRATIONS = fileURLToPath(new URL("../../../prisma/migrations", import.meta.url));

/** How long a writer waits for another process's write to finish before giving up. */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating and migrating as needed) the SQLite database at `url` and returns Storage on it.
 * Several processes may open the same file (WAL, busy timeout).
 * Example: openSqliteStorage("file:./data/oversight.db").
 */
export async function openSqliteStorage(url: string, opts: { migrationsDir?: string } = {}): Promise<Storage> {
  const file = sqliteFile(url);
  migrateSqlite(file, opts.migrationsDir ?? DEFAULT_MIGRATIONS);
  const factory = new PrismaBetterSQLite3({ url: `file:${file}`, timeout: BUSY_TIMEOUT_MS });
  const prisma = new PrismaClient({
    adapter: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => {
        const adapter = await factory.connect();
        await adapter.executeScript(`PRAGMA journal_mode = WAL; PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}; PRAGMA foreign_keys = ON;`);
        return oneAtATime(adapter);
      },
    },
  });
  await prisma.$connect();
  return {
    notes: new PrismaNoteRepository(prisma),
    people: new PrismaPeopleRepository(prisma),
    audit: new PrismaAuditLog(prisma),
    close: () => prisma.$disconnect(),
  };
}

/** The absolute file path of a `file:` URL; relative paths are taken from the working directory. */
function sqliteFile(url: string): string {
  const match = /^file:([^?]+)/.exec(url);
  if (!match) throw new Error(`Not a SQLite file URL (expected file:./path.db): ${url}`);
  return path.resolve(process.cwd(), match[1]!);
}

type SqlDriverAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;

/**
 * The better-sqlite3 adapter runs every query on one connection and serialises only
 * transactions: a query made outside a transaction while another caller's transaction is
 * open would run inside it (seeing its uncommitted rows, and rolled back with it). This
 * wrapper makes such a query wait until the open transaction ends, as a pooled connection
 * would, and closes a transaction whose COMMIT failed instead of leaving the connection locked.
 */
function oneAtATime(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const lock = new Lock();
  const alone = async <T>(work: () => Promise<T>): Promise<T> => {
    const release = await lock.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  };
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => alone(() => adapter.queryRaw(query)),
    executeRaw: (query) => alone(() => adapter.executeRaw(query)),
    executeScript: (script) => alone(() => adapter.executeScript(script)),
    ...(adapter.getConnectionInfo ? { getConnectionInfo: () => adapter.getConnectionInfo!() } : {}),
    dispose: () => alone(() => adapter.dispose()),
    startTransaction: async (isolationLevel) => {
      const release = await lock.acquire();
      try {
        const tx = await adapter.startTransaction(isolationLevel);
        const { commit, rollback, executeRaw } = { commit: tx.commit.bind(tx), rollback: tx.rollback.bind(tx), executeRaw: tx.executeRaw.bind(tx) };
        tx.commit = () => commit().finally(release);
        tx.rollback = () => rollback().finally(release);
        tx.executeRaw = async (query) => {
          try {
            return await executeRaw(query);
          } catch (error) {
            if (/^\s*COMMIT\s*$/i.test(query.sql)) {
              await executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] }).catch(() => 0);
              await tx.rollback();
            }
            throw error;
          }
        };
        return tx;
      } catch (error) {
        release();
        throw error;
      }
    },
  };
}

/** A first-come, first-served async lock. */
class Lock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      let done = false;
      release = () => {
        if (!done) (done = true), resolve();
      };
    });
    const ready = this.tail.then(() => release);
    this.tail = this.tail.then(() => held);
    return ready;
  }
}
