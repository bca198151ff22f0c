import type { Clock } from "../../domain/clock.ts";
import type { Storage } from "../../ports/storage.ts";

/**
 * Storage on the database `url` names: a SQLite file (`file:./data/oversight.db`, the embedded
 * default) or PostgreSQL (`postgresql://…`). Each store's code is loaded only when used.
 */
export async function openStorage(url: string, opts: { clock?: Clock } = {}): Promise<Storage> {
  if (url.startsWith("file:")) return (await import("./open-sqlite.ts")).openSqliteStorage(url, opts);
  if (/^postgres(ql)?:\/\//.test(url)) return (await import("./open-postgres.ts")).openPostgresStorage(url, opts);
  throw new Error(`DATABASE_URL must be a SQLite file URL (file:./data/oversight.db) or a PostgreSQL URL (postgresql://…)`);
}
