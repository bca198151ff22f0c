import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import { systemClock, type Clock } from "../../domain/clock.ts";
import type { Storage } from "../../ports/storage.ts";
import { canonicaliseCaseRefs } from "./canonical-case-refs.ts";
import { sealRecordOnce } from "./seal-baseline.ts";
import { raiseGuardAlarm } from "./append-only.ts";
import { stderrLogger } from "../../logger.ts";
import type { OpenOptions } from "./open-storage.ts";
import type { PrismaClient } from "./generated/client.ts";
import { PrismaClient as PostgresClient } from "./generated-postgres/client.ts";
import { migratePostgres } from "./migrate-postgres.ts";
import { shippedMigrations } from "./migrate.ts";
import { Db, transactionBeginning } from "./prisma-db.ts";
import { prismaStorage } from "./prisma-storage.ts";

const DEFAULT_MIGRATIONS = fileURLToPath(new URL("../../../prisma/migrations-postgres", import.meta.url));

/** Connections per process: turns take them one at a time (see TURN_LOCK); the rest serve reads, claims and readiness. */
const POOL_SIZE = 5;

/**
 * The transaction advisory lock every turn's transaction takes first, in every process: turns
 * run one at a time across the replicas, as SQLite's one writer makes them, so a transaction's
 * reads stay true until it commits (prisma-db.ts's Unit relies on it) and the audit chain gets
 * one link at a time. A turn is a few milliseconds; the sweep's claims are single statements
 * outside it (FOR UPDATE SKIP LOCKED), so replicas share the reminders without waiting on it.
 */
const TURN_LOCK = 7_236_051_002;

/** How long a transaction waits for TURN_LOCK before failing (the turn's error reply then says to try again). */
const LOCK_TIMEOUT = "10s";

/**
 * Opens the PostgreSQL database at `url` (migrating it first: prisma/migrations-postgres) and
 * returns Storage on it. Any number of processes may open the same database.
 * Example: await openPostgresStorage("postgresql://oversight@db.internal:5432/oversight").
 */
export async function openPostgresStorage(url: string, opts: OpenOptions = {}): Promise<Storage> {
  const migrationsDir = opts.migrationsDir ?? DEFAULT_MIGRATIONS;
  const { restored } = await migratePostgres(url, migrationsDir);
  const factory = new PrismaPg({ connectionString: url, max: POOL_SIZE, allowExitOnIdle: true });
  const client = new PostgresClient({
    adapter: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => postgresConnection(await factory.connect()),
    },
  });
  await client.$connect();
  // The two generated clients have the same models and queries (prisma/postgres-schema.ts makes
  // one schema from the other); the repositories are written against the SQLite one's types.
  const prisma = client as unknown as PrismaClient;
  // Turns also queue in this process before asking for a connection: one waiting on TURN_LOCK
  // would otherwise hold a pooled connection idle.
  const db = Db.of(prisma, { provider: "postgres", serialise: true, maxWait: 10_000, timeout: 15_000 });
  const at = (opts.clock ?? systemClock).now();
  await canonicaliseCaseRefs(db, at);
  await sealRecordOnce(db, at);
  await raiseGuardAlarm(db, restored, at, opts.log ?? stderrLogger);
  return prismaStorage(db, { close: () => client.$disconnect(), shippedMigrations: shippedMigrations(migrationsDir) });
}

type SqlDriverAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type Transaction = Awaited<ReturnType<SqlDriverAdapter["startTransaction"]>>;

/**
 * The pg adapter, with each transaction begun by taking TURN_LOCK and handed to the Db that
 * began it (`transactionBeginning`), so its hot statements (sql.ts) skip Prisma's query
 * compiler; once it has ended, they are refused.
 */
function postgresConnection(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel): Promise<Transaction> => {
    const tx = await startTransaction(isolationLevel);
    try {
      await tx.executeRaw({ sql: `SELECT set_config('lock_timeout', '${LOCK_TIMEOUT}', true), pg_advisory_xact_lock(${TURN_LOCK})`, args: [], argTypes: [] });
    } catch (error) {
      await tx.executeRaw({ sql: "ROLLBACK", args: [], argTypes: [] }).catch(() => undefined);
      await tx.rollback();
      throw error;
    }
    const beginning = transactionBeginning();
    if (!beginning) return tx;
    let open = true;
    const ended = () => Promise.reject(new Error("The transaction has ended"));
    beginning.driver = {
      provider: tx.provider,
      queryRaw: (query) => (open ? tx.queryRaw(query) : ended()),
      executeRaw: (query) => (open ? tx.executeRaw(query) : ended()),
    };
    const [commit, rollback] = [tx.commit.bind(tx), tx.rollback.bind(tx)];
    tx.commit = () => ((open = false), commit());
    tx.rollback = () => ((open = false), rollback());
    return tx;
  };
  return adapter;
}
