import type { AuditEntry } from "../domain/audit.ts";

/** One line of an extract: an entry in full, or, for one about something else, only its links. */
export type ExtractLine =
  | { seq: number; at: string; actorId: string | null; action: string; entityType: string; entityId: string; detail: AuditEntry["detail"]; prevHash: string; hash: string }
  | { seq: number; withheld: true; prevHash: string; hash: string };

/**
 * An unbroken run of the audit chain, from the first entry at or after `from` to its end: the
 * entries `concerns` picks in full, every other one as its sequence and hashes only (so the
 * links can be followed without showing what else happened). Each full entry's hash can be
 * recomputed (VERIFY_EXTRACT_SCRIPT); the last hash matches the live chain and its signed
 * checkpoints for as long as nothing has been changed.
 */
export function auditExtract(entries: readonly AuditEntry[], from: Date, concerns: (entry: AuditEntry) => boolean): ExtractLine[] {
  const first = entries.findIndex((entry) => entry.at.getTime() >= from.getTime());
  if (first < 0) return [];
  return entries.slice(first).map((entry) =>
    concerns(entry)
      ? { seq: entry.seq, at: entry.at.toISOString(), actorId: entry.actorId, action: entry.action, entityType: entry.entityType, entityId: entry.entityId, detail: entry.detail, prevHash: entry.prevHash, hash: entry.hash }
      : { seq: entry.seq, withheld: true, prevHash: entry.prevHash, hash: entry.hash },
  );
}

/**
 * A Node.js script with no dependencies that checks an extract (`node verify-extract.mjs
 * audit-extract.jsonl`): the sequence unbroken, each entry linked to the one before, and each
 * full entry's hash recomputed the way the bot computes it (src/domain/audit.ts, hashAuditEntry).
 */
export const VERIFY_EXTRACT_SCRIPT = `// Checks an Oversight bot audit extract: node verify-extract.mjs audit-extract.jsonl
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";

const file = process.argv[2] ?? "audit-extract.jsonl";
const lines = readFileSync(file, "utf8").split("\\n").filter(Boolean).map((line) => JSON.parse(line));
let previous = null;
let full = 0;
for (const entry of lines) {
  const fail = (why) => {
    console.log(\`BROKEN at entry \${entry.seq}: \${why}\`);
    process.exit(1);
  };
  if (previous && entry.seq !== previous.seq + 1) fail(\`follows entry \${previous.seq}\`);
  if (previous && entry.prevHash !== previous.hash) fail("not linked to the entry before");
  if (!entry.withheld) {
    const detail = Object.keys(entry.detail).sort().map((key) => [key, entry.detail[key]]);
    const canonical = JSON.stringify([entry.seq, entry.at, entry.actorId, entry.action, entry.entityType, entry.entityId, detail, entry.prevHash]);
    if (createHash("sha256").update(canonical).digest("hex") !== entry.hash) fail("its content does not match its hash");
    full += 1;
  }
  previous = entry;
}
if (!previous) {
  console.log("The extract is empty.");
} else {
  console.log(\`OK: entries \${lines[0].seq} to \${previous.seq} linked (\${full} in full, \${lines.length - full} withheld).\`);
  console.log(\`First entry follows hash \${lines[0].prevHash}\`);
  console.log(\`Last hash \${previous.hash}\`);
}
`;
