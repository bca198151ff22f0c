import path from "node:path";
import { fileURLToPath } from "node:url";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import Database from "better-sqlite3";
import { systemClock, type Clock } from "../../domain/clock.ts";
import type { Storage } from "../../ports/storage.ts";
import { canonicaliseCaseRefs } from "./canonical-case-refs.ts";
import { sealRecordOnce } from "./seal-baseline.ts";
import { raiseGuardAlarm } from "./append-only.ts";
import { stderrLogger } from "../../logger.ts";
import type { OpenOptions } from "./open-storage.ts";
import { PrismaClient } from "./generated/client.ts";
import { migrateSqlite, shippedMigrations } from "./migrate.ts";
import { Db, Lock, transactionBeginning } from "./prisma-db.ts";
import { prismaStorage } from "./prisma-storage.ts";
import type { DriverQueryable } from "./sql.ts";

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
export async function openSqliteStorage(url: string, opts: OpenOptions = {}): Promise<Storage> {
  const file = sqliteFile(url);
  const migrationsDir = opts.migrationsDir ?? DEFAULT_MIGRATIONS;
  const { restored } = migrateSqlite(file, migrationsDir);
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
  const db = Db.of(prisma, { provider: "sqlite", serialise: true, maxWait: 2 * BUSY_TIMEOUT_MS, timeout: 2 * BUSY_TIMEOUT_MS });
  const at = (opts.clock ?? systemClock).now();
  await canonicaliseCaseRefs(db, at);
  await sealRecordOnce(db, at);
  await raiseGuardAlarm(db, restored, at, opts.log ?? stderrLogger);
  return prismaStorage(db, { close: () => prisma.$disconnect(), shippedMigrations: shippedMigrations(migrationsDir) });
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
  const direct = preparedOnce(adapter);
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
          queryRaw: (query) => (open ? direct.queryRaw(query) : ended()),
          executeRaw: (query) => (open ? direct.executeRaw(query) : ended()),
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
            if (/^\s*(COMMIT|ROLLBACK)\s*$/i.test(query.sql)) {
              // Prisma calls neither commit() nor rollback() after its COMMIT or ROLLBACK fails, so
              // the connection would stay locked and every later turn wait for ever. Close both
              // here. The ROLLBACK may itself fail, and the adapter throws that synchronously:
              // SQLite has often rolled back already (a COMMIT refused with SQLITE_FULL leaves no
              // transaction open), so that failure must not skip the release.
              await Promise.resolve()
                .then(() => adapter.executeScript("ROLLBACK"))
                .catch(() => undefined);
              await end();
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

/** How many prepared statements `preparedOnce` keeps (insertRows makes one per number of rows). */
const MAX_PREPARED = 200;

/**
 * Statements run straight on the adapter's better-sqlite3 connection, each prepared once:
 * preparing is about a fifth of a short statement's cost, and the adapter prepares every
 * statement afresh. Values are bound as the adapter binds them (dates as ISO text with
 * "+00:00", booleans as 1 and 0), so Prisma reads back what these write. The adapter (6.19.3)
 * keeps its connection as `client`; should it not, statements go through the adapter.
 */
function preparedOnce(adapter: SqlDriverAdapter): DriverQueryable {
  const client = (adapter as unknown as { client?: unknown }).client;
  if (!(client instanceof Database)) return { provider: adapter.provider, queryRaw: (q) => adapter.queryRaw(q), executeRaw: (q) => adapter.executeRaw(q) };
  const prepared = new Map<string, { statement: Database.Statement; columnNames: string[]; columnTypes: number[] }>();
  const prepare = (sql: string) => {
    let found = prepared.get(sql);
    if (!found) {
      if (prepared.size >= MAX_PREPARED) prepared.clear();
      const statement = client.prepare(sql).safeIntegers(false);
      const columns = statement.reader ? statement.columns() : [];
      found = { statement, columnNames: columns.map((c) => c.name), columnTypes: columns.map((c) => columnType(c.type)) };
      prepared.set(sql, found);
    }
    return found;
  };
  return {
    provider: adapter.provider,
    queryRaw: async ({ sql, args }) => {
      const { statement, columnNames, columnTypes } = prepare(sql);
      return { columnNames, columnTypes, rows: statement.raw(true).all(args.map(bound)) as unknown[][] };
    },
    executeRaw: async ({ sql, args }) => prepare(sql).statement.run(args.map(bound)).changes,
  };
}

/** A value as the better-sqlite3 adapter binds it. */
function bound(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/** A declared column type as the driver adapters' ColumnTypeEnum (sql.ts converts Int32, Boolean and DateTime). */
function columnType(declared: string | null): number {
  switch (declared?.toUpperCase()) {
    case "INTEGER":
    case "INT":
      return 0;
    case "BOOLEAN":
      return 5;
    case "DATETIME":
      return 10;
    default:
      return 7;
  }
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
