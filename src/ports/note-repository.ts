import type { AuditRecord } from "../domain/audit.ts";
import type { WholeNote } from "../domain/seal-book.ts";
import type { RetentionCandidate } from "../domain/retention.ts";
import type { NoteAction, NoteComment, NoteFields, NoteRevision, NoteStatus, OversightNote } from "../domain/note.ts";

/** A note as first stored: a draft, or a note recorded straight from a complete form. */
export interface NewNote {
  id: string;
  /** Inbound event or form submission id: storing the same key twice keeps one note. */
  sourceKey: string | null;
  status: Extract<NoteStatus, "draft" | "recorded">;
  fields: NoteFields;
  createdAt: Date;
  createdById: string;
  recorderId: string | null;
  /** Set when status is "recorded". */
  recording?: RecordingFacts;
}

export interface RecordingFacts {
  at: Date;
  byId: string;
  recorderId: string;
  lateReason: string | null;
}

export interface Amendment {
  at: Date;
  byId: string;
  reason: string | null;
  fields: NoteFields;
  /** The version the amendment was made against: a stale one is refused. */
  expectedVersion: number;
}

/** Who removed a note's case content under which retention rule (ids and the rule, no content). */
export interface Purge {
  at: Date;
  /** Null for a scheduled or CLI run (no person). */
  byId: string | null;
  /** The rule and its policy source, e.g. "retention.after-leaving [003 8.12] …". */
  rule: string;
}

/** Where a page of retention candidates ends: the next page starts after it. */
export interface RetentionCursor {
  onCaseRecordAt: Date;
  id: string;
}

/** Outcome of an operation that may have already happened (a duplicate delivery). */
export type Stored<T> = { note: T; created: boolean };

/**
 * Oversight notes, their versions, actions and comments. Every change takes the audit
 * records that describe it and stores them in the same transaction, and only when the
 * change happened (a repeated call that changes nothing writes no audit entry), with the
 * seals of what it wrote added (domain/record-seal.ts).
 */
export interface NoteRepository {
  /** Stores a new note; with a sourceKey already stored, returns that note and `created: false`. */
  create(note: NewNote, audit?: readonly AuditRecord[]): Promise<Stored<OversightNote>>;
  /** Replaces a draft's fields and recorder; refuses (returns null) once the note is recorded. */
  updateDraft(id: string, fields: NoteFields, recorderId: string | null, at: Date, audit?: readonly AuditRecord[]): Promise<OversightNote | null>;
  /** draft → recorded with revision 1; returns `changed: false` when it was already recorded. */
  record(id: string, fields: NoteFields, facts: RecordingFacts, audit?: readonly AuditRecord[]): Promise<{ note: OversightNote; changed: boolean } | null>;
  /** A new version of a recorded note; null when `expectedVersion` is stale, the note is a draft, or purged. */
  amend(id: string, amendment: Amendment, audit?: readonly AuditRecord[]): Promise<OversightNote | null>;
  /** recorded → on-case-record; `changed: false` when it already was. */
  markOnCaseRecord(id: string, at: Date, byId: string, caseRecordRef: string | null, audit?: readonly AuditRecord[]): Promise<{ note: OversightNote; changed: boolean } | null>;
  /**
   * draft → discarded, kept with who and when; `changed: false` when it was not a draft (discarded
   * already, or recorded: a recorded note is never discarded). Null when there is no such note.
   */
  discardDraft(id: string, at: Date, byId: string, audit?: readonly AuditRecord[]): Promise<{ note: OversightNote; changed: boolean } | null>;
  /**
   * A group outcome (recorded, or on the case record) → discarded, kept with who and when: its
   * child was taken off the group note by an amendment. `changed: false` when it was withdrawn
   * already; null when there is no such note, or it is not a group outcome.
   */
  withdrawGroupOutcome(id: string, at: Date, byId: string, audit?: readonly AuditRecord[]): Promise<{ note: OversightNote; changed: boolean } | null>;
  /**
   * Removes the bot's copy of an on-case-record note's case content, in one transaction with its
   * audit records: blanks its fields (keeping case reference, kind, discussion time and
   * participants) and its actions' texts, deletes its versions and comments, sets purgedAt. Id,
   * status, dates and version stay, so compliance figures still count it. `changed: false` when
   * it was purged already; null when there is no such note or it is not on the case record.
   */
  purge(id: string, purge: Purge, audit?: readonly AuditRecord[]): Promise<{ note: OversightNote; changed: boolean } | null>;
  /**
   * A page of notes on the case record at or before `onCaseRecordBefore` and not yet purged, in
   * (onCaseRecordAt, id) order after `after`: at most `limit`, never all notes at once.
   * Example: listRetentionCandidates({ onCaseRecordBefore: cutoff, after: null, limit: 200 }).
   */
  listRetentionCandidates(query: { onCaseRecordBefore: Date; after: RetentionCursor | null; limit: number }): Promise<RetentionCandidate[]>;
  /** Any note by id, a discarded draft too (so `show` can say what became of it). */
  findById(id: string): Promise<OversightNote | null>;
  /** Notes on a case, oldest discussion first; never a discarded draft (nor in the lists below). Example: listByCase("4471-JB"). */
  listByCase(caseRef: string): Promise<OversightNote[]>;
  /** Notes in which a person took part, newest discussion first. */
  listByParticipant(personId: string): Promise<OversightNote[]>;
  /** Notes a person took part in, records, or owns an action of (what may wait on them), newest first. */
  listInvolving(personId: string): Promise<OversightNote[]>;
  /** Notes discussed in [from, to), oldest first. Example: a London month, listDiscussedBetween(1 Nov 00:00, 1 Dec 00:00). */
  listDiscussedBetween(from: Date, to: Date): Promise<OversightNote[]>;
  /** Every version, oldest first (version 1 is the recorded note). */
  revisions(noteId: string): Promise<NoteRevision[]>;
  addComment(comment: NoteComment, audit?: readonly AuditRecord[]): Promise<void>;
  comments(noteId: string): Promise<NoteComment[]>;
  /**
   * Every note (discarded drafts too) with its versions and comments, in id order after
   * `afterId`, `limit` at a time: what `audit verify` checks against the chain's seals.
   */
  wholeNotes(afterId: string | null, limit: number): Promise<WholeNote[]>;
  /** Marks an action done with its one-line outcome; `changed: false` if it already was. */
  completeAction(actionId: string, outcome: string, at: Date, byId: string, audit?: readonly AuditRecord[]): Promise<{ action: NoteAction; changed: boolean } | null>;
}
