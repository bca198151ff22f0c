import { AsyncLocalStorage } from "node:async_hooks";
import type { OversightNote } from "../../domain/note.ts";
import type { Person } from "../../domain/people.ts";
import type { Deadline } from "../../domain/deadline.ts";
import type { Absence } from "../../domain/reminder.ts";
import { StorageFullError } from "../../domain/errors.ts";
import type { Prisma, PrismaClient } from "./generated/client.ts";
import { insertRows, type DriverQueryable } from "./sql.ts";

/** The databases this storage runs on, as the driver adapters name them. */
export type Provider = "sqlite" | "postgres";

interface RootOptions {
  provider: Provider;
  /** Transactions wait their turn in this process before asking Prisma for one. */
  serialise: boolean;
  maxWait: number;
  timeout: number;
}

/** The client, or an open interactive transaction's client: both run the same queries. */
export type Queries = PrismaClient | Prisma.TransactionClient;

/**
 * Where a repository's queries go: straight to the client, or into one open interactive
 * transaction. Prisma has no nested interactive transactions (and a query sent to the client
 * while a transaction holds SQLite's one connection waits for it to end), so a repository that
 * needs several statements to stand together asks `inTransaction`: that opens a transaction on
 * the client, or joins the one this Db is already in.
 */
export class Db {
  private constructor(
    /** Runs the queries: the client, or the transaction's client. */
    readonly q: Queries,
    private readonly root: Root,
    /** What this transaction knows (null outside a transaction). */
    readonly unit: Unit | null,
  ) {}

  /**
   * A Db on the client. `serialise`: transactions wait their turn in this process before asking
   * Prisma for one (SQLite has one writer; Prisma's `maxWait` then only covers the wait for
   * other processes, not a queue of this process's own turns).
   */
  static of(client: PrismaClient, opts: RootOptions): Db {
    return new Db(client, new Root(client, opts), null);
  }

  /** The database: the few statements that differ between the two are written per provider. */
  get provider(): Provider {
    return this.root.opts.provider;
  }

  /** What this process keeps between transactions (shared by every Db on the client). */
  get shared(): Shared {
    return this.root.shared;
  }

  /** Runs `work` in this Db's transaction, or in a new one on the client (committed when `work` resolves). */
  async inTransaction<T>(work: (tx: InTransaction) => Promise<T>): Promise<T> {
    if (this.unit) return work(this as InTransaction);
    return this.root.transaction(async (tx, driver) => {
      const db = new Db(tx, this.root, null) as InTransaction;
      (db as { unit: Unit }).unit = new Unit(db, driver);
      const result = await work(db);
      await db.unit.flush();
      return result;
    });
  }
}

/**
 * What this process keeps between transactions, each item with the data version it was read at
 * (a `DataVersion` row that every write of that data bumps, in whichever process): the roster,
 * read whole only when it changed.
 */
export class Shared {
  roster: { version: number; people: readonly Person[] } | null = null;
}

/** A Db inside a transaction. */
export type InTransaction = Db & { q: Prisma.TransactionClient; unit: Unit };

/**
 * What one transaction knows and has yet to write. It holds the write lock (SQLite: BEGIN
 * IMMEDIATE) from its start, so what it has read cannot change under it except by its own
 * writes, which the repositories apply here as they make them: a turn reads the roster once,
 * does not read back a note it has just written, and appends its audit entries at the end
 * in one statement.
 */
export class Unit {
  /** The audit chain's last link as this transaction leaves it; undefined until read. */
  auditEnd: { seq: number; hash: string } | null | undefined = undefined;
  /** Audit rows to insert before commit, in chain order. */
  readonly pendingAudit: Prisma.AuditEntryGetPayload<object>[] = [];
  /** The whole roster, once read (frozen: shared with the process's cache). */
  roster: readonly Person[] | null = null;
  /** Notes as this transaction last read or wrote them, by id. */
  readonly notes = new Map<string, OversightNote>();
  /** Absences read, by person and range. */
  readonly absences = new Map<string, Absence[]>();
  /** Every deadline of a note, in due order, by note id: as read, then as this transaction changed them. */
  readonly deadlines = new Map<string, Deadline[]>();

  constructor(
    private readonly db: Db,
    /** The driver adapter's transaction that Prisma's queries in this one run on, when the adapter tells (sql.ts runs statements straight on it). */
    readonly driver: DriverQueryable | null,
  ) {}

  /** Writes what is still pending: called before commit, and before reading what it would change. */
  async flush(): Promise<void> {
    if (this.pendingAudit.length === 0) return;
    const rows = this.pendingAudit.splice(0);
    await insertRows(this.db, "AuditEntry", rows);
  }
}

class Root {
  readonly shared = new Shared();
  private readonly queue: Lock | null;

  constructor(
    private readonly client: PrismaClient,
    readonly opts: RootOptions,
  ) {
    this.queue = opts.serialise ? new Lock() : null;
  }

  async transaction<T>(work: (tx: Prisma.TransactionClient, driver: DriverQueryable | null) => Promise<T>): Promise<T> {
    // Work that used the outer storage inside a transaction would wait for that transaction to
    // end, which waits for the work: fail at once instead of hanging.
    if (beginnings.getStore()?.root === this) throw new Error("A transaction was begun on the outer storage inside another: use the storage the transaction hands its work");
    const release = this.queue ? await this.queue.acquire() : () => {};
    try {
      const beginning: Beginning = { root: this, driver: null };
      return await beginnings.run(beginning, () =>
        this.client.$transaction((tx) => work(tx, beginning.driver), { maxWait: this.opts.maxWait, timeout: this.opts.timeout }),
      );
    } catch (error) {
      throw isStorageFull(error) ? new StorageFullError({ cause: error }) : error;
    } finally {
      release();
    }
  }
}

/**
 * A transaction as it begins, while its work runs: a driver adapter that can (open-sqlite.ts)
 * puts here the transaction it has just begun for Prisma, found with `transactionBeginning()`.
 * Also marks the work of a Root's transaction, to refuse beginning a second one inside it.
 */
interface Beginning {
  readonly root: Root;
  driver: DriverQueryable | null;
}
const beginnings = new AsyncLocalStorage<Beginning>();

/** The transaction Prisma is beginning, if it is one of a Db's: for the driver adapter to hand over its own. */
export function transactionBeginning(): { driver: DriverQueryable | null } | undefined {
  return beginnings.getStore();
}

/** A first-come, first-served async lock. */
export class Lock {
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

/**
 * Whether a database error says its disk is full: SQLite's SQLITE_FULL (raw, or as the driver
 * adapter or Prisma wraps it) or PostgreSQL's disk_full, SQLSTATE 53100.
 */
export function isStorageFull(error: unknown): boolean {
  for (let e = error as { code?: unknown; message?: unknown; cause?: unknown; meta?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    const codes = [e.code, (e.cause as { originalCode?: unknown } | undefined)?.originalCode, (e.meta as { driverAdapterError?: { cause?: { originalCode?: unknown } } } | undefined)?.driverAdapterError?.cause?.originalCode];
    if (codes.some((c) => c === "SQLITE_FULL" || c === "53100")) return true;
    if (typeof e.message === "string" && /database or disk is full|could not extend file|No space left on device/i.test(e.message)) return true;
  }
  return false;
}
