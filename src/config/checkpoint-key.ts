import { keptSecret, type KeptSecret } from "./kept-secret.ts";

/** Where a generated key is kept, under DATA_DIR: with the data it anchors, for the embedded default only. */
export const GENERATED_KEY_FILE = "audit-checkpoint.key";

export type CheckpointKey = KeptSecret;

/**
 * The key that signs audit checkpoints: AUDIT_CHECKPOINT_KEY, or on the embedded SQLite default
 * one generated and kept in DATA_DIR (an operator who wants the anchor to survive a stolen data
 * folder sets the variable); null on PostgreSQL without it (config/kept-secret.ts).
 */
export function checkpointKey(opts: { envKey: string | undefined; dataDir: string; databaseUrl: string }): CheckpointKey | null {
  return keptSecret({ ...opts, file: GENERATED_KEY_FILE });
}
