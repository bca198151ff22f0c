import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { systemClock, type Clock } from "../../domain/clock.ts";
import type { Storage } from "../../ports/storage.ts";
import { canonicaliseCaseRefs } from "./canonical-case-refs.ts";
import { PrismaClient } from "./generated/client.ts";
import { migrateSqlite } from "./migrate.ts";
import { Db, Lock, transactionBeginning } from "./prisma-db.ts";
import { prismaStorage } from "./prisma-storage.ts";

const DEFAULT_MIGRATIONS = fileURLToPath(new URL("../../../prisma/migrations", import.meta.url));

/**
 * How long a statement waits for another connection's write lock before failing. The wait is
 * asynchronous (see `sqliteConnection`); SQLite's own busy timeout is 0 because its wait blocks
 * the event loop, and if the lock holder is a second handle in the same process, it never ends.
 */
const BUSY_TIMEOUT_MS = 5000;

/**
 * Opens (creating and migrating as needed) the SQLite database at `url` and returns Storage on it.
 * Several processes may open the same file (WAL, busy timeout). Migrating includes the data step
 * that gives stored case references their one spelling (`canonicaliseCaseRefs`), audited at the
 * clock's now.
 * Example: openSqliteStorage("file:./data/oversight.db").
 */
export async function openSqliteStorage(url: string, opts: { migrationsDir?: string; clock?: Clock } = {}): Promise<Storage> {
  const file = sqliteFile(url);
  migrateSqlite(file, opts.migrationsDir ?? DEFAULT_MIGRATIONS);
  const factory = new PrismaBetterSQLite3({ url: `file:${file}`, timeout: 0 });
  const prisma = new PrismaClient({
    adapter: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => {
        const adapter = await factory.connect();
        // WAL is a property of the file, set by migrateSqlite; these two are per connection.
        await whenUnlocked(() => adapter.executeScript("PRAGMA busy_timeout = 0; PRAGMA foreign_keys = ON;"));
        return sqliteConnection(adapter);
      },
    },
  });
  await prisma.$connect();
  // One writer: this process's transactions queue before asking Prisma for one, so `maxWait`
  // covers only the wait for a statement in flight and for other processes' writes, however
  // many turns arrive at once. `timeout` bounds one transaction's work.
  const db = Db.of(prisma, { serialise: true, maxWait: 2 * BUSY_TIMEOUT_MS, timeout: 2 * BUSY_TIMEOUT_MS });
  await canonicaliseCaseRefs(db, (opts.clock ?? systemClock).now());
  return prismaStorage(db, () => prisma.$disconnect());
}

/** The absolute file path of a `file:` URL; relative paths are taken from the working directory. */
function sqliteFile(url: string): string {
  const match = /^file:([^?]+)/.exec(url);
  if (!match) throw new Error(`Not a SQLite file URL (expected file:./path.db): ${url}`);
  return path.resolve(process.cwd(), match[1]!);
}

type SqlDriverAdapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<SqlDriverAdapter["startTransaction"]>>;

/**
 * The better-sqlite3 adapter's one connection, made safe to share:
 * - One thing at a time: the adapter serialises only transactions, so a query made outside a
 *   transaction while another caller's transaction is open would run inside it (seeing its
 *   uncommitted rows, and rolled back with it). Here it waits, as with a pooled connection.
 * - Transactions start with BEGIN IMMEDIATE, taking the write lock before their first read, so a
 *   read-then-write transaction cannot be overtaken by another process (no SQLITE_BUSY_SNAPSHOT).
 * - A statement that finds the database locked by another connection is retried after a short,
 *   growing pause for up to BUSY_TIMEOUT_MS, without blocking the event loop. Only statements
 *   outside a transaction and BEGIN are retried: a locked statement has done nothing.
 * - A transaction begun for a Db is handed to it too (`transactionBeginning`), so its hot
 *   statements (sql.ts) skip Prisma's query compiler; once it has ended, they are refused.
 */
function sqliteConnection(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const lock = new Lock();
  const alone = async <T>(work: () => Promise<T>): Promise<T> => {
    const release = await lock.acquire();
    try {
      return await whenUnlocked(work);
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
    startTransaction: async (isolationLevel): Promise<Transaction> => {
      if (isolationLevel && isolationLevel !== "SERIALIZABLE") throw new Error(`SQLite transactions are serializable, not ${isolationLevel}`);
      const release = await lock.acquire();
      try {
        await whenUnlocked(() => adapter.executeScript("BEGIN IMMEDIATE"));
      } catch (error) {
        release();
        throw error;
      }
      // Prisma sends COMMIT or ROLLBACK through executeRaw, then calls commit() or rollback().
      let open = true;
      const end = async () => {
        open = false;
        release();
      };
      const beginning = transactionBeginning();
      if (beginning) {
        const ended = () => Promise.reject(new Error("The transaction has ended"));
        beginning.driver = {
          provider: adapter.provider,
          queryRaw: (query) => (open ? adapter.queryRaw(query) : ended()),
          executeRaw: (query) => (open ? adapter.executeRaw(query) : ended()),
        };
      }
      return {
        provider: adapter.provider,
        adapterName: adapter.adapterName,
        options: { usePhantomQuery: false },
        queryRaw: (query) => adapter.queryRaw(query),
        executeRaw: async (query) => {
          try {
            return await adapter.executeRaw(query);
          } catch (error) {
            if (/^\s*COMMIT\s*$/i.test(query.sql)) {
              // Prisma would leave the transaction open and the connection locked: close both.
              await adapter.executeScript("ROLLBACK").catch(() => undefined);
              release();
            }
            throw error;
          }
        },
        commit: end,
        rollback: end,
      };
    },
  };
}

async function whenUnlocked<T>(work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + BUSY_TIMEOUT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(attempt, 25)));
    }
  }
}

/** SQLITE_BUSY and its variants, raw or as the adapter reports them. */
function isBusy(error: unknown): boolean {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: { originalCode?: unknown } };
  return [code, cause?.originalCode].some((c) => typeof c === "string" && c.startsWith("SQLITE_BUSY"));
}
