import type { NoteComment, NoteFields, NoteRevision, OversightNote } from "../../domain/note.ts";
import type { AuditRecord } from "../../domain/audit.ts";
import { actionsFor } from "../../domain/note-actions.ts";
import { GROUP_OUTCOME } from "../../domain/note-kinds.ts";
import { commentKey, commentSeal, noteSeal, revisionKey, revisionSeal, withSeals, type Seal } from "../../domain/record-seal.ts";
import type { WholeNote } from "../../domain/seal-book.ts";
import type { MemoryAuditLog } from "./memory-audit.ts";
import type { Amendment, NewNote, NoteRepository, Purge, RecordingFacts, RetentionCursor, Stored } from "../../ports/note-repository.ts";
import { purgedAction, purgedFields, type RetentionCandidate } from "../../domain/retention.ts";
import { snapshotOf, type Snapshotting } from "./memory-transactions.ts";

/** In-memory NoteRepository for fast tests; behaves as the Prisma one (same contract suite). */
export class MemoryNoteRepository implements NoteRepository, Snapshotting {
  /** `auditLog` is where the audit records of changes go, as the database's one transaction would. */
  constructor(private readonly auditLog: MemoryAuditLog) {}

  private readonly notes = new Map<string, OversightNote>();
  private readonly bySourceKey = new Map<string, string>();
  private readonly revisionsById = new Map<string, NoteRevision[]>();
  private readonly commentsById = new Map<string, NoteComment[]>();

  snapshot(): () => void {
    return snapshotOf(this.notes, this.bySourceKey, this.revisionsById, this.commentsById);
  }

  async create(input: NewNote, audit: readonly AuditRecord[] = []): Promise<Stored<OversightNote>> {
    const existing = input.sourceKey ? this.bySourceKey.get(input.sourceKey) : undefined;
    if (existing) return { note: clone(this.notes.get(existing)!), created: false };
    const recording = input.status === "recorded" ? input.recording : undefined;
    const note: OversightNote = {
      id: input.id,
      sourceKey: input.sourceKey,
      status: input.status,
      version: 1,
      fields: clone(input.fields),
      actions: [],
      createdAt: input.createdAt,
      createdById: input.createdById,
      recorderId: recording?.recorderId ?? input.recorderId,
      recordedAt: recording?.at ?? null,
      recordedById: recording?.byId ?? null,
      onCaseRecordAt: null,
      onCaseRecordById: null,
      caseRecordRef: null,
      lateReason: recording?.lateReason ?? null,
      discardedAt: null,
      discardedById: null,
      purgedAt: null,
      purgedById: null,
      purgedRule: null,
      updatedAt: input.createdAt,
    };
    note.actions = actionsFor(note.id, 1, input.fields, []);
    this.notes.set(note.id, note);
    if (input.sourceKey) this.bySourceKey.set(input.sourceKey, note.id);
    const revision = recording ? this.addRevision(note, "recorded", recording.at, recording.byId, null) : null;
    this.appendSealed(audit, note, input.createdAt, revision ? [revisionSeal(revision)] : []);
    return { note: clone(note), created: true };
  }

  async updateDraft(id: string, fields: NoteFields, recorderId: string | null, at: Date, audit: readonly AuditRecord[] = []): Promise<OversightNote | null> {
    const note = this.notes.get(id);
    if (!note || note.status !== "draft") return null;
    note.fields = clone(fields);
    note.recorderId = recorderId;
    note.actions = actionsFor(id, note.version, fields, []);
    note.updatedAt = at;
    this.appendSealed(audit, note, at);
    return clone(note);
  }

  async record(id: string, fields: NoteFields, facts: RecordingFacts, audit: readonly AuditRecord[] = []) {
    const note = this.notes.get(id);
    if (!note) return null;
    if (note.status !== "draft") return { note: clone(note), changed: false };
    Object.assign(note, {
      status: "recorded",
      fields: clone(fields),
      recorderId: facts.recorderId,
      recordedAt: facts.at,
      recordedById: facts.byId,
      lateReason: facts.lateReason,
      updatedAt: facts.at,
    });
    note.actions = actionsFor(id, note.version, fields, []);
    const revision = this.addRevision(note, "recorded", facts.at, facts.byId, null);
    this.appendSealed(audit, note, facts.at, [revisionSeal(revision)]);
    return { note: clone(note), changed: true };
  }

  async amend(id: string, amendment: Amendment, audit: readonly AuditRecord[] = []): Promise<OversightNote | null> {
    const note = this.notes.get(id);
    if (!note || !isRecorded(note) || note.purgedAt || note.version !== amendment.expectedVersion) return null;
    note.version += 1;
    note.fields = clone(amendment.fields);
    note.actions = actionsFor(id, note.version, amendment.fields, note.actions);
    note.updatedAt = amendment.at;
    const revision = this.addRevision(note, "amended", amendment.at, amendment.byId, amendment.reason);
    this.appendSealed(audit, note, amendment.at, [revisionSeal(revision)]);
    return clone(note);
  }

  async markOnCaseRecord(id: string, at: Date, byId: string, caseRecordRef: string | null, audit: readonly AuditRecord[] = []) {
    const note = this.notes.get(id);
    if (!note || !isRecorded(note)) return null;
    if (note.status === "on-case-record") return { note: clone(note), changed: false };
    Object.assign(note, { status: "on-case-record", onCaseRecordAt: at, onCaseRecordById: byId, caseRecordRef, updatedAt: at });
    this.appendSealed(audit, note, at);
    return { note: clone(note), changed: true };
  }

  async discardDraft(id: string, at: Date, byId: string, audit: readonly AuditRecord[] = []) {
    const note = this.notes.get(id);
    if (!note) return null;
    if (note.status !== "draft") return { note: clone(note), changed: false };
    Object.assign(note, { status: "discarded", discardedAt: at, discardedById: byId, updatedAt: at });
    this.appendSealed(audit, note, at);
    return { note: clone(note), changed: true };
  }

  async withdrawGroupOutcome(id: string, at: Date, byId: string, audit: readonly AuditRecord[] = []) {
    const note = this.notes.get(id);
    if (!note || note.fields.kind !== GROUP_OUTCOME) return null;
    if (note.status === "discarded") return { note: clone(note), changed: false };
    Object.assign(note, { status: "discarded", discardedAt: at, discardedById: byId, updatedAt: at });
    this.appendSealed(audit, note, at);
    return { note: clone(note), changed: true };
  }

  async purge(id: string, purge: Purge, audit: readonly AuditRecord[] = []) {
    const note = this.notes.get(id);
    if (!note || note.status !== "on-case-record") return null;
    if (note.purgedAt) return { note: clone(note), changed: false };
    Object.assign(note, { fields: purgedFields(note.fields), actions: note.actions.map(purgedAction), lateReason: null, purgedAt: purge.at, purgedById: purge.byId, purgedRule: purge.rule, updatedAt: purge.at });
    const released = [...(this.revisionsById.get(id) ?? []).map((r) => revisionKey(id, r.version)), ...(this.commentsById.get(id) ?? []).map((c) => commentKey(c.id))];
    this.revisionsById.delete(id);
    this.commentsById.delete(id);
    this.auditLog.appendAll(withSeals(audit, [noteSeal(note)], { at: purge.at, noteId: id }, released));
    return { note: clone(note), changed: true };
  }

  async listRetentionCandidates(query: { onCaseRecordBefore: Date; after: RetentionCursor | null; limit: number }): Promise<RetentionCandidate[]> {
    const key = (at: Date, id: string) => [at.getTime(), id] as const;
    const after = query.after ? key(query.after.onCaseRecordAt, query.after.id) : null;
    const isAfter = (a: readonly [number, string]) => !after || a[0] > after[0] || (a[0] === after[0] && a[1] > after[1]);
    return [...this.notes.values()]
      .filter((n) => n.status === "on-case-record" && !n.purgedAt && n.onCaseRecordAt !== null && n.onCaseRecordAt.getTime() <= query.onCaseRecordBefore.getTime())
      .filter((n) => isAfter(key(n.onCaseRecordAt!, n.id)))
      // The database's order: by time, then id in code-point order (as SQL compares text).
      .sort((a, b) => a.onCaseRecordAt!.getTime() - b.onCaseRecordAt!.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .slice(0, query.limit)
      .map((n) => ({ id: n.id, caseRef: n.fields.caseRef, onCaseRecordAt: n.onCaseRecordAt!, participantIds: [...new Set(n.fields.participantIds)].sort() }));
  }

  async findById(id: string): Promise<OversightNote | null> {
    const note = this.notes.get(id);
    return note ? clone(note) : null;
  }

  async listByCase(caseRef: string): Promise<OversightNote[]> {
    return this.sorted((n) => n.fields.caseRef === caseRef, 1);
  }

  async listByParticipant(personId: string): Promise<OversightNote[]> {
    return this.sorted((n) => n.fields.participantIds.includes(personId), -1);
  }

  async listInvolving(personId: string): Promise<OversightNote[]> {
    return this.sorted((n) => n.fields.participantIds.includes(personId) || n.recorderId === personId || n.actions.some((a) => a.ownerId === personId), -1);
  }

  async listDiscussedBetween(from: Date, to: Date): Promise<OversightNote[]> {
    return this.sorted((n) => n.fields.discussedAt.getTime() >= from.getTime() && n.fields.discussedAt.getTime() < to.getTime(), 1);
  }

  async revisions(noteId: string): Promise<NoteRevision[]> {
    return clone(this.revisionsById.get(noteId) ?? []);
  }

  async addComment(comment: NoteComment, audit: readonly AuditRecord[] = []): Promise<void> {
    const list = this.commentsById.get(comment.noteId) ?? [];
    list.push(clone(comment));
    this.commentsById.set(comment.noteId, list);
    this.auditLog.appendAll(withSeals(audit, [commentSeal(comment)], { at: comment.at, noteId: comment.noteId }));
  }

  async comments(noteId: string): Promise<NoteComment[]> {
    return clone(this.commentsById.get(noteId) ?? []);
  }

  async completeAction(actionId: string, outcome: string, at: Date, byId: string, audit: readonly AuditRecord[] = []) {
    for (const note of this.notes.values()) {
      const action = note.actions.find((a) => a.id === actionId);
      if (!action) continue;
      if (action.status === "done") return { action: clone(action), changed: false };
      Object.assign(action, { status: "done", outcome, doneAt: at, doneById: byId });
      this.appendSealed(audit, note, at);
      return { action: clone(action), changed: true };
    }
    return null;
  }

  async wholeNotes(afterId: string | null, limit: number): Promise<WholeNote[]> {
    return [...this.notes.keys()]
      .filter((id) => afterId === null || id > afterId)
      .sort()
      .slice(0, limit)
      .map((id) => clone({ note: this.notes.get(id)!, revisions: this.revisionsById.get(id) ?? [], comments: this.commentsById.get(id) ?? [] }));
  }

  private addRevision(note: OversightNote, kind: NoteRevision["kind"], at: Date, byId: string, reason: string | null): NoteRevision {
    const list = this.revisionsById.get(note.id) ?? [];
    const revision: NoteRevision = { noteId: note.id, version: note.version, at, byId, kind, reason, fields: clone(note.fields) };
    list.push(revision);
    this.revisionsById.set(note.id, list);
    return revision;
  }

  /** Appends a change's audit records with the seals of the note as it now stands and of what else it wrote. */
  private appendSealed(audit: readonly AuditRecord[], note: OversightNote, at: Date, more: Seal[] = []): void {
    this.auditLog.appendAll(withSeals(audit, [noteSeal(note), ...more], { at, noteId: note.id }));
  }

  private sorted(keep: (note: OversightNote) => boolean, direction: 1 | -1): OversightNote[] {
    return [...this.notes.values()]
      .filter((note) => note.status !== "discarded" && keep(note))
      .sort((a, b) => direction * (a.fields.discussedAt.getTime() - b.fields.discussedAt.getTime()) || a.id.localeCompare(b.id))
      .map(clone);
  }
}

function isRecorded(note: OversightNote): boolean {
  return note.status === "recorded" || note.status === "on-case-record";
}

function clone<T>(value: T): T {
  return structuredClone(value);
}
