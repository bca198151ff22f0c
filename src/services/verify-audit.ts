import { verifyAuditChain } from "../domain/audit.ts";
import { checkAgainstCheckpoints, type CheckpointProblem } from "../domain/audit-checkpoint.ts";
import { SealBook, type RecordProblem } from "../domain/seal-book.ts";
import type { Core } from "./core.ts";

/** Notes read per query while checking the record. */
const PAGE = 200;

/**
 * What `audit verify` finds: the chain intact, at one with the signed checkpoints given, and
 * every part of the record matching its seal; or the first broken link; or the checkpoints the
 * chain is at odds with (cut short, rewritten) or that are not genuine; or the parts of the
 * record that do not match (up to 20 named).
 * Example: { ok: true, entries: 1204, records: 310, checkpoints: { checked: 30, latest: 1190 } }.
 */
export type AuditVerdict =
  | { ok: true; entries: number; records: number; checkpoints?: CheckpointsChecked }
  | { ok: false; entries: number; brokenAt: number; reason: "hash-mismatch" | "prev-mismatch" | "sequence-gap" }
  | { ok: false; entries: number; reason: "checkpoint-mismatch"; checkpoints: CheckpointsChecked; problems: CheckpointProblem[] }
  | { ok: false; entries: number; records: number; reason: "record-mismatch"; problems: RecordProblem[]; more: number };

const NAMED = 20;

export interface CheckpointsChecked {
  checked: number;
  /** The highest entry a genuine checkpoint anchors. */
  latest: number | null;
}

/** A checkpoint file's text and the key that signed it. */
export interface CheckpointsGiven {
  text: string;
  key: Buffer;
}

/**
 * Walks the whole audit trail, checks it against signed checkpoints when given, then every stored note (a page at a time) against the seals
 * the trail holds: an edit to the trail, or to a note, version or comment made behind the
 * storage's back, is found.
 */
export async function verifyAudit(core: Core, given?: CheckpointsGiven): Promise<AuditVerdict> {
  const entries = await core.storage.audit.list();
  const chain = verifyAuditChain(entries);
  if (!chain.ok) return chain;
  let checkpoints: CheckpointsChecked | undefined;
  if (given) {
    const { checked, latest, problems } = checkAgainstCheckpoints(given.text, entries, given.key);
    checkpoints = { checked, latest };
    if (problems.length > 0 || checked === 0) return { ok: false, entries: entries.length, reason: "checkpoint-mismatch", checkpoints, problems: problems.slice(0, NAMED) };
  }
  const book = new SealBook().read(entries);
  const problems: RecordProblem[] = [];
  let records = 0;
  for (let after: string | null = null; ; ) {
    const page = await core.storage.notes.wholeNotes(after, PAGE);
    for (const whole of page) problems.push(...book.check(whole));
    records += page.length;
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.note.id;
  }
  problems.push(...book.missing());
  if (problems.length === 0) return { ok: true, entries: entries.length, records, ...(checkpoints ? { checkpoints } : {}) };
  return { ok: false, entries: entries.length, records, reason: "record-mismatch", problems: problems.slice(0, NAMED), more: Math.max(0, problems.length - NAMED) };
}
