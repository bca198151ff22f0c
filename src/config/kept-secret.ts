import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface KeptSecret {
  key: Buffer;
  /** "environment" (the variable) or the generated file's path. */
  from: string;
}

/**
 * A signing key: the environment's (at least 32 characters, checked with the rest of it in
 * env.ts), or, on the embedded SQLite default, one generated once and kept in DATA_DIR as
 * `file` (so it works with no setup). Null on PostgreSQL without the variable: replicas must
 * share one key, which only the environment can give them.
 */
export function keptSecret(opts: { envKey: string | undefined; dataDir: string; databaseUrl: string; file: string }): KeptSecret | null {
  if (opts.envKey) return { key: Buffer.from(opts.envKey, "utf8"), from: "environment" };
  if (!opts.databaseUrl.startsWith("file:")) return null;
  const file = path.join(opts.dataDir, opts.file);
  if (!existsSync(file)) {
    mkdirSync(opts.dataDir, { recursive: true });
    // "wx": two processes starting together never overwrite each other's key.
    try {
      writeFileSync(file, randomBytes(32).toString("hex") + "\n", { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    chmodSync(file, 0o600);
  }
  return { key: Buffer.from(readFileSync(file, "utf8").trim(), "utf8"), from: file };
}
