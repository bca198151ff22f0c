import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Where a generated key is kept, under DATA_DIR: with the data it anchors, for the embedded default only. */
export const GENERATED_KEY_FILE = "audit-checkpoint.key";

export interface CheckpointKey {
  key: Buffer;
  /** "environment" (AUDIT_CHECKPOINT_KEY) or the generated file's path. */
  from: string;
}

/**
 * The key that signs audit checkpoints: AUDIT_CHECKPOINT_KEY (at least 32 characters), or, on
 * the embedded SQLite default, one generated once and kept in DATA_DIR (so it works with no
 * setup; an operator who wants the anchor to survive a stolen data folder sets the variable).
 * Null on PostgreSQL without the variable: replicas must share one key, which only the
 * environment can give them.
 */
export function checkpointKey(opts: { envKey: string | undefined; dataDir: string; databaseUrl: string }): CheckpointKey | null {
  // Its length is checked with the rest of the environment (env.ts).
  if (opts.envKey) return { key: Buffer.from(opts.envKey, "utf8"), from: "environment" };
  if (!opts.databaseUrl.startsWith("file:")) return null;
  const file = path.join(opts.dataDir, GENERATED_KEY_FILE);
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
