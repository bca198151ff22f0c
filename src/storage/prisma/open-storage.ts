import type { Clock } from "../../domain/clock.ts";
import type { Storage } from "../../ports/storage.ts";
import type { Logger } from "../../logger.ts";

export interface OpenOptions {
  /** The migrations folder (default: the store's own under prisma/). */
  migrationsDir?: string;
  /** Audit entries made at start-up (case references made canonical, the record sealed) are dated by it. */
  clock?: Clock;
  /** Where an alarm raised at start-up goes (append-only guards put back); default JSON lines on stderr. */
  log?: Logger;
}


/**
 * Storage on the database `url` names: a SQLite file (`file:./data/oversight.db`, the embedded
 * default) or PostgreSQL (`postgresql://…`). Each store's code is loaded only when used.
 */
export async function openStorage(url: string, opts: OpenOptions = {}): Promise<Storage> {
  if (url.startsWith("file:")) return (await import("./open-sqlite.ts")).openSqliteStorage(url, opts);
  if (/^postgres(ql)?:\/\//.test(url)) return (await import("./open-postgres.ts")).openPostgresStorage(url, opts);
  throw new Error(`DATABASE_URL must be a SQLite file URL (file:./data/oversight.db) or a PostgreSQL URL (postgresql://…)`);
}
