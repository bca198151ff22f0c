// The two databases the bot runs on, for tests that run the same on each: a SQLite file, and
// PostgreSQL when the machine has it (tests/support/postgres.ts: skipped and said so without
// it, never under CI).
import { describe } from "vitest";
import path from "node:path";
import Database from "better-sqlite3";
import { copyPostgresDatabase, freshPostgresUrl, postgresTests } from "./postgres.ts";
import { tempDir } from "./spawn.ts";

export interface TestStore {
  readonly name: "SQLite" | "PostgreSQL";
  /** A new, empty database: its DATABASE_URL (the bot migrates a SQLite file when it opens it). */
  fresh(): Promise<string>;
  /** A consistent copy of the database at `url`, which no one may be writing to: its DATABASE_URL. */
  copy(url: string): Promise<string>;
}

let files = 0;
const dir = tempDir("stores-");

/** A new SQLite file per `fresh()`, in a temp dir removed when the test process ends. */
export const sqlite: TestStore = {
  name: "SQLite",
  fresh: async () => `file:${path.join(dir, `db${++files}`, "oversight.db")}`,
  copy: async (url) => {
    const target = path.join(dir, `copy${++files}.db`);
    const db = new Database(url.replace(/^file:/, ""), { readonly: true });
    try {
      db.prepare("VACUUM INTO ?").run(target);
    } finally {
      db.close();
    }
    return `file:${target}`;
  },
};

const postgres: TestStore = { name: "PostgreSQL", fresh: freshPostgresUrl, copy: copyPostgresDatabase };

/** `body` once per store, each in a suite named after it (PostgreSQL's skipped, and saying why, when there is none). */
export function describeEachStore(name: string, body: (store: TestStore) => void): void {
  describe(`${name} (SQLite)`, () => body(sqlite));
  postgresTests(`${name} (PostgreSQL)`, () => body(postgres));
}

/** The store named by TEST_STORE (sqlite or postgres), for suites vitest.config.ts runs once per store. */
export function storeFromEnv(): TestStore | null {
  const name = process.env.TEST_STORE;
  if (!name || name === "memory") return null;
  if (name === "sqlite") return sqlite;
  if (name === "postgres") return postgres;
  throw new Error(`TEST_STORE must be memory, sqlite or postgres, not ${name}`);
}
