import type { AuditEntry } from "./audit.ts";
import type { NoteComment, NoteRevision, OversightNote } from "./note.ts";
import { commentSeal, noteSeal, RELEASED_FIELD, revisionSeal, sealsIn, type Seal } from "./record-seal.ts";

/** A note with everything stored beside it that the chain seals. */
export interface WholeNote {
  note: OversightNote;
  revisions: NoteRevision[];
  comments: NoteComment[];
}

/** What is wrong with one part of the record: edited, stored without a seal, or gone. */
export type RecordProblem = { key: string; problem: "altered" | "unsealed" | "missing" };


/**
 * The latest seal of every part of the record, read off the audit chain in order, to check
 * the stored record against. Example: book.read(entries); book.check(whole) → [] when intact.
 */
export class SealBook {
  private readonly latest = new Map<string, string>();
  private readonly seen = new Set<string>();

  read(entries: Iterable<AuditEntry>): this {
    for (const entry of entries) {
      for (const seal of sealsIn(entry.detail)) this.latest.set(seal.key, seal.hash);
      const released = entry.detail[RELEASED_FIELD];
      if (Array.isArray(released)) for (const key of released) this.latest.delete(key);
    }
    return this;
  }

  /** The problems of one stored note, its versions and comments (none when all match their seals). */
  check(whole: WholeNote): RecordProblem[] {
    const seals: Seal[] = [noteSeal(whole.note), ...whole.revisions.map(revisionSeal), ...whole.comments.map(commentSeal)];
    const problems: RecordProblem[] = [];
    for (const seal of seals) {
      this.seen.add(seal.key);
      const sealed = this.latest.get(seal.key);
      if (sealed === undefined) problems.push({ key: seal.key, problem: "unsealed" });
      else if (sealed !== seal.hash) problems.push({ key: seal.key, problem: "altered" });
    }
    return problems;
  }

  /** Sealed parts no checked note had: deleted behind the storage's back. Call after checking every note. */
  missing(): RecordProblem[] {
    return [...this.latest.keys()].filter((key) => !this.seen.has(key)).sort().map((key) => ({ key, problem: "missing" as const }));
  }
}
