import { createHash } from "node:crypto";
import type { AuditRecord } from "./audit.ts";
import type { NoteComment, NoteRevision, OversightNote } from "./note.ts";

/**
 * A seal: the digest of one stored part of the record (a note as it stands, with its actions,
 * status and case-record mark; a recorded version; a comment), kept in the audit chain beside
 * the entry for the change that made it. The chain's hashes then cover the record itself, so
 * `audit verify` finds an edit of a note, a version or a comment made behind the storage's
 * back (docs/design.md#the-record-and-the-audit-trail). The digest is of the record's stored values; it
 * reveals nothing of them.
 */
export interface Seal {
  /** "note:<id>", "revision:<note id>:<version>" or "comment:<id>". */
  key: string;
  hash: string;
}

export function noteSeal(note: OversightNote): Seal {
  return { key: `note:${note.id}`, hash: digest(note) };
}

export function revisionSeal(revision: NoteRevision): Seal {
  return { key: revisionKey(revision.noteId, revision.version), hash: digest(revision) };
}

export function commentSeal(comment: NoteComment): Seal {
  return { key: commentKey(comment.id), hash: digest(comment) };
}

export function commentKey(commentId: string): string {
  return `comment:${commentId}`;
}

export function revisionKey(noteId: string, version: number): string {
  return `revision:${noteId}:${version}`;
}

/** The audit detail field that carries seals, each "<key> <hash>". */
export const SEALS_FIELD = "seals";

/** The audit detail field naming seals a change let go: what they sealed was removed by right (retention's purge). */
export const RELEASED_FIELD = "released";

/**
 * The audit records of a change with its seals added: to the first record's detail, or (a
 * change that names no record) in a `record.sealed` entry of its own about `subject`.
 * `released`: keys of seals whose parts the change removed by right.
 * Example: withSeals([created], [noteSeal(note)], subject) → [{ ...created, detail: { ...d, seals: ["note:k7m2 3f…"] } }].
 */
export function withSeals(records: readonly AuditRecord[], seals: readonly Seal[], subject: { at: Date; noteId: string }, released: readonly string[] = []): AuditRecord[] {
  if (seals.length === 0 && released.length === 0) return [...records];
  const sealed = seals.map((seal) => `${seal.key} ${seal.hash}`);
  const [first, ...rest] = records;
  const extra = { [SEALS_FIELD]: sealed, ...(released.length > 0 ? { [RELEASED_FIELD]: [...released] } : {}) };
  if (!first) return [{ at: subject.at, actorId: null, action: "record.sealed", entityType: "note", entityId: subject.noteId, detail: extra }];
  const already = first.detail[SEALS_FIELD];
  return [{ ...first, detail: { ...first.detail, ...extra, [SEALS_FIELD]: [...(Array.isArray(already) ? already : []), ...sealed] } }, ...rest];
}

/** The seals an audit entry's detail carries. */
export function sealsIn(detail: AuditRecord["detail"]): Seal[] {
  const sealed = detail[SEALS_FIELD];
  if (!Array.isArray(sealed)) return [];
  return sealed.flatMap((text) => {
    const space = text.lastIndexOf(" ");
    return space > 0 ? [{ key: text.slice(0, space), hash: text.slice(space + 1) }] : [];
  });
}

function digest(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}

/** JSON with keys in order, dates as ISO instants and undefined left out: the same value always reads the same. */
function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? "null" : canonicalJson(item))).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
