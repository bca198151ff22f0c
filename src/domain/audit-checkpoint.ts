import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { AuditEntry } from "./audit.ts";

/**
 * A signed checkpoint of the audit chain: its last entry's sequence and hash at a time,
 * HMAC-SHA256 signed with a key the database never holds. Kept outside the database (a file
 * the operator keeps; a copy sent to auditors in chat), it anchors the chain: deleting the
 * last entries, or every entry, or rewriting and re-hashing the chain up to its end, leaves the
 * chain at odds with a checkpoint, which cannot be re-signed without the key.
 * Stored one JSON object a line: {"v":1,"seq":1204,"hash":"3f…","at":"2026-12-05T09:00:00.000Z","keyId":"a1b2c3d4","sig":"…"}.
 */
export interface Checkpoint {
  v: 1;
  seq: number;
  hash: string;
  at: string;
  /** Which key signed it (the first 8 hex digits of the key's SHA-256): the key itself is never written. */
  keyId: string;
  sig: string;
}

export function keyIdOf(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

/** The checkpoint of the chain ending at `head`, taken at `at`. */
export function signCheckpoint(head: Pick<AuditEntry, "seq" | "hash">, at: Date, key: Buffer): Checkpoint {
  const unsigned = { v: 1 as const, seq: head.seq, hash: head.hash, at: at.toISOString(), keyId: keyIdOf(key) };
  return { ...unsigned, sig: signature(unsigned, key) };
}

export function checkpointLine(checkpoint: Checkpoint): string {
  const { v, seq, hash, at, keyId, sig } = checkpoint;
  return JSON.stringify({ v, seq, hash, at, keyId, sig });
}

/** What is wrong with a checkpoint file's line, or with the chain against it. */
export type CheckpointProblem =
  | { line: number; problem: "unreadable" | "forged" | "other-key" }
  | { line: number; problem: "truncated"; seq: number; entries: number }
  | { line: number; problem: "rewritten"; seq: number };

/**
 * Checks the chain (`entries`, in order from 1) against each line of a checkpoint file: the
 * line must be a checkpoint signed with `key`, and the chain must still hold its entry with
 * the same hash. Example: against(text, entries, key) → { checked: 12, latest: 1204, problems: [] }.
 */
export function checkAgainstCheckpoints(text: string, entries: readonly Pick<AuditEntry, "seq" | "hash">[], key: Buffer): { checked: number; latest: number | null; problems: CheckpointProblem[] } {
  const problems: CheckpointProblem[] = [];
  let checked = 0;
  let latest: number | null = null;
  const keyId = keyIdOf(key);
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === "") return;
    const checkpoint = parseCheckpoint(raw);
    if (!checkpoint) return void problems.push({ line, problem: "unreadable" });
    if (checkpoint.keyId !== keyId) return void problems.push({ line, problem: "other-key" });
    if (!sameSignature(checkpoint.sig, signature(checkpoint, key))) return void problems.push({ line, problem: "forged" });
    checked++;
    latest = Math.max(latest ?? 0, checkpoint.seq);
    const entry = entries[checkpoint.seq - 1];
    if (!entry || entry.seq !== checkpoint.seq) problems.push({ line, problem: "truncated", seq: checkpoint.seq, entries: entries.length });
    else if (entry.hash !== checkpoint.hash) problems.push({ line, problem: "rewritten", seq: checkpoint.seq });
  });
  return { checked, latest, problems };
}

function parseCheckpoint(raw: string): Checkpoint | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  const c = value as Partial<Checkpoint> | null;
  if (!c || c.v !== 1 || !Number.isInteger(c.seq) || (c.seq as number) < 1) return null;
  if (![c.hash, c.at, c.keyId, c.sig].every((s) => typeof s === "string")) return null;
  return c as Checkpoint;
}

function signature(c: Omit<Checkpoint, "sig">, key: Buffer): string {
  return createHmac("sha256", key).update(`oversight-audit-checkpoint|v${c.v}|${c.seq}|${c.hash}|${c.at}|${c.keyId}`).digest("hex");
}

function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a, "utf8");
  const y = Buffer.from(b, "utf8");
  return x.length === y.length && timingSafeEqual(x, y);
}
