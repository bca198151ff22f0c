import type { NoteAction, NoteComment, NoteFields, NoteRevision, NoteStatus, OversightNote } from "../../domain/note.ts";
import { actionsFor } from "../../domain/note-actions.ts";
import { GROUP_OUTCOME } from "../../domain/note-kinds.ts";
import { fieldsFromJson, fieldsToJson } from "../../domain/note-json.ts";
import type { Amendment, NewNote, NoteRepository, Purge, RecordingFacts, RetentionCursor, Stored } from "../../ports/note-repository.ts";
import { purgedFields, type RetentionCandidate } from "../../domain/retention.ts";
import type { AuditRecord } from "../../domain/audit.ts";
import { commentKey, commentSeal, noteSeal, revisionKey, revisionSeal, withSeals, type Seal } from "../../domain/record-seal.ts";
import type { WholeNote } from "../../domain/seal-book.ts";
import { Prisma } from "./generated/client.ts";
import { appendAuditEntries } from "./prisma-audit.ts";
import type { Db, InTransaction } from "./prisma-db.ts";
import { insertRows, isUniqueViolation, selectRows } from "./sql.ts";
import { actionColumns, actionRow, byDiscussion, mirrors, participantRows, toAction, toComment, toNote, toRevision, withTheirActions, type ActionRow, type NoteColumns, type RevisionRow } from "./prisma-note-rows.ts";

type Tx = Prisma.TransactionClient;

const withActions = { actions: { orderBy: { position: "asc" } } } satisfies Prisma.NoteInclude;

/**
 * Oversight notes in the database. Every state change is a conditional write (on status or
 * version) inside a transaction, so a repeated or concurrent call changes nothing twice.
 * Note.content holds the fields as JSON; caseRef, kind, discussedAt and the participant rows
 * mirror them for queries. A change returns the note as written without reading it back, and
 * a transaction remembers the notes it has read or written (`Unit.notes`).
 */
export class PrismaNoteRepository implements NoteRepository {
  constructor(private readonly db: Db) {}

  async create(input: NewNote, audit: readonly AuditRecord[] = []): Promise<Stored<OversightNote>> {
    const recording = input.status === "recorded" ? input.recording : undefined;
    const content = fieldsToJson(input.fields);
    const columns: NoteColumns = {
      id: input.id,
      sourceKey: input.sourceKey,
      status: input.status,
      ...mirrors(input.fields),
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
      version: 1,
      content,
      updatedAt: input.createdAt,
    };
    const actions = actionsFor(input.id, 1, input.fields, []);
    try {
      const note = await this.db.inTransaction(async (tx) => {
        // Row by row rather than one nested create, which reads the note back after its inserts.
        // A turn's statements, so SQL (see sql.ts).
        await insertRows(tx, "Note", [columns]);
        await insertRows(tx, "NoteParticipant", participantRows(input.fields).map((row) => ({ noteId: input.id, ...row })));
        await insertRows(tx, "NoteAction", actions.map(actionRow));
        const revision: RevisionRow | null = recording ? { noteId: input.id, version: 1, at: recording.at, byId: recording.byId, kind: "recorded", reason: null, content } : null;
        if (revision) await insertRows(tx, "NoteRevision", [revision]);
        const note = toNote({ ...columns, actions: actions.map(actionRow) });
        await appendSealed(tx, audit, note, input.createdAt, revision ? [revisionSeal(toRevision(revision))] : []);
        // Deadlines are made from a note: a note made just now has none yet.
        tx.unit.deadlines.set(input.id, []);
        return remember(tx, note);
      });
      return { note, created: true };
    } catch (error) {
      // The same delivery stored already (or a moment ago by a concurrent call): the unique
      // sourceKey decides, not a read before the write. (A failed statement leaves SQLite's
      // transaction open, so inside a caller's transaction this reads on in it.)
      if (input.sourceKey !== null && isUniqueViolation(error)) {
        const existing = await this.db.q.note.findUnique({ where: { sourceKey: input.sourceKey }, include: withActions });
        if (existing) return { note: remember(this.db, toNote(existing)), created: false };
      }
      throw error;
    }
  }

  async updateDraft(id: string, fields: NoteFields, recorderId: string | null, at: Date, audit: readonly AuditRecord[] = []): Promise<OversightNote | null> {
    return this.db.inTransaction(async (tx) => {
      const [row] = await tx.q.note.updateManyAndReturn({
        where: { id, status: "draft" },
        data: { ...mirrors(fields), content: fieldsToJson(fields), recorderId, updatedAt: at },
      });
      if (!row) return null;
      const actions = actionsFor(id, row.version, fields, []);
      await replaceParticipants(tx.q, id, fields);
      await replaceActions(tx.q, id, actions);
      const note = toNote({ ...row, actions: actions.map(actionRow) });
      await appendSealed(tx, audit, note, at);
      return remember(tx, note);
    });
  }

  async record(id: string, fields: NoteFields, facts: RecordingFacts, audit: readonly AuditRecord[] = []): Promise<{ note: OversightNote; changed: boolean } | null> {
    return this.db.inTransaction(async (tx) => {
      const content = fieldsToJson(fields);
      const [row] = await tx.q.note.updateManyAndReturn({
        where: { id, status: "draft" },
        data: {
          status: "recorded",
          ...mirrors(fields),
          content,
          recorderId: facts.recorderId,
          recordedAt: facts.at,
          recordedById: facts.byId,
          lateReason: facts.lateReason,
          updatedAt: facts.at,
        },
      });
      if (!row) {
        const note = await this.find(tx, id);
        return note ? { note, changed: false } : null;
      }
      const actions = actionsFor(id, row.version, fields, []);
      await replaceParticipants(tx.q, id, fields);
      await replaceActions(tx.q, id, actions);
      const revision: RevisionRow = { noteId: id, version: row.version, at: facts.at, byId: facts.byId, kind: "recorded", reason: null, content };
      await tx.q.noteRevision.create({ data: revision, select: { noteId: true } });
      const note = toNote({ ...row, actions: actions.map(actionRow) });
      await appendSealed(tx, audit, note, facts.at, [revisionSeal(toRevision(revision))]);
      return { note: remember(tx, note), changed: true };
    });
  }

  async amend(id: string, amendment: Amendment, audit: readonly AuditRecord[] = []): Promise<OversightNote | null> {
    return this.db.inTransaction(async (tx) => {
      const content = fieldsToJson(amendment.fields);
      const [row] = await tx.q.note.updateManyAndReturn({
        where: { id, version: amendment.expectedVersion, status: { in: RECORDED }, purgedAt: null },
        data: { version: { increment: 1 }, ...mirrors(amendment.fields), content, updatedAt: amendment.at },
      });
      if (!row) return null; // missing, a draft (or discarded one), purged, or amended by someone else meanwhile
      const version = row.version;
      const previous = (await tx.q.noteAction.findMany({ where: { noteId: id } })).map(toAction);
      const next = actionsFor(id, version, amendment.fields, previous);
      const kept = new Set(previous.map((a) => a.id).filter((actionId) => next.some((a) => a.id === actionId)));
      await tx.q.noteAction.deleteMany({ where: { noteId: id, id: { notIn: [...kept] } } });
      // Move the kept rows out of the way first: (noteId, position) is unique and they may swap places.
      await tx.q.noteAction.updateMany({ where: { noteId: id }, data: { position: { increment: 100_000 } } });
      for (const action of next) {
        if (kept.has(action.id)) await tx.q.noteAction.update({ where: { id: action.id }, data: actionColumns(action), select: { id: true } });
        else await tx.q.noteAction.create({ data: { noteId: id, ...actionColumns(action) }, select: { id: true } });
      }
      await replaceParticipants(tx.q, id, amendment.fields);
      const revision: RevisionRow = { noteId: id, version, at: amendment.at, byId: amendment.byId, kind: "amended", reason: amendment.reason, content };
      await tx.q.noteRevision.create({ data: revision, select: { noteId: true } });
      const note = toNote({ ...row, actions: next.map(actionRow) });
      await appendSealed(tx, audit, note, amendment.at, [revisionSeal(toRevision(revision))]);
      return remember(tx, note);
    });
  }

  async markOnCaseRecord(id: string, at: Date, byId: string, caseRecordRef: string | null, audit: readonly AuditRecord[] = []): Promise<{ note: OversightNote; changed: boolean } | null> {
    return this.db.inTransaction(async (tx) => {
      const { count } = await tx.q.note.updateMany({
        where: { id, status: "recorded" },
        data: { status: "on-case-record", onCaseRecordAt: at, onCaseRecordById: byId, caseRecordRef, updatedAt: at },
      });
      tx.unit.notes.delete(id);
      const note = await this.find(tx, id);
      if (!note || !RECORDED.includes(note.status)) return null;
      if (count === 1) await appendSealed(tx, audit, note, at);
      return { note, changed: count === 1 };
    });
  }

  async discardDraft(id: string, at: Date, byId: string, audit: readonly AuditRecord[] = []): Promise<{ note: OversightNote; changed: boolean } | null> {
    return this.db.inTransaction(async (tx) => {
      const { count } = await tx.q.note.updateMany({
        where: { id, status: "draft" },
        data: { status: "discarded", discardedAt: at, discardedById: byId, updatedAt: at },
      });
      tx.unit.notes.delete(id);
      const note = await this.find(tx, id);
      if (!note) return null;
      if (count === 1) await appendSealed(tx, audit, note, at);
      return { note, changed: count === 1 };
    });
  }

  async withdrawGroupOutcome(id: string, at: Date, byId: string, audit: readonly AuditRecord[] = []): Promise<{ note: OversightNote; changed: boolean } | null> {
    return this.db.inTransaction(async (tx) => {
      // Conditional on kind and status: of two withdrawals at once, one changes and audits.
      const { count } = await tx.q.note.updateMany({
        where: { id, kind: GROUP_OUTCOME, status: { in: RECORDED } },
        data: { status: "discarded", discardedAt: at, discardedById: byId, updatedAt: at },
      });
      tx.unit.notes.delete(id);
      const note = await this.find(tx, id);
      if (!note || note.fields.kind !== GROUP_OUTCOME) return null;
      if (count === 1) await appendSealed(tx, audit, note, at);
      return { note, changed: count === 1 };
    });
  }

  async purge(id: string, purge: Purge, audit: readonly AuditRecord[] = []): Promise<{ note: OversightNote; changed: boolean } | null> {
    // Every write of a purge is here, in this one transaction (with its audit records).
    return this.db.inTransaction(async (tx) => {
      tx.unit.notes.delete(id);
      const current = await tx.q.note.findUnique({ where: { id }, select: { status: true, purgedAt: true, content: true } });
      if (!current || current.status !== "on-case-record") return null;
      if (current.purgedAt === null) {
        // Conditional on not being purged yet: of two runs at once, one purges and audits.
        const { count } = await tx.q.note.updateMany({
          where: { id, status: "on-case-record", purgedAt: null },
          data: { content: fieldsToJson(purgedFields(fieldsFromJson(current.content))), lateReason: null, purgedAt: purge.at, purgedById: purge.byId, purgedRule: purge.rule, updatedAt: purge.at },
        });
        if (count === 1) {
          await tx.q.noteAction.updateMany({ where: { noteId: id }, data: { what: "", ownerText: null, outcome: null } });
          // Their seals are let go in the purge's audit entry: `audit verify` then expects them gone.
          const released = [
            ...(await tx.q.noteRevision.findMany({ where: { noteId: id }, select: { version: true } })).map((r) => revisionKey(id, r.version)),
            ...(await tx.q.noteComment.findMany({ where: { noteId: id }, select: { id: true } })).map((c) => commentKey(c.id)),
          ];
          // Allowed by the append-only triggers only now that the note is marked purged (migration 20261206000316_retention).
          await tx.q.noteRevision.deleteMany({ where: { noteId: id } });
          await tx.q.noteComment.deleteMany({ where: { noteId: id } });
          const note = (await this.find(tx, id))!;
          await appendAuditEntries(tx, withSeals(audit, [noteSeal(note)], { at: purge.at, noteId: id }, released));
          return { note, changed: true };
        }
      }
      const note = await this.find(tx, id);
      return note ? { note, changed: false } : null;
    });
  }

  async listRetentionCandidates(query: { onCaseRecordBefore: Date; after: RetentionCursor | null; limit: number }): Promise<RetentionCandidate[]> {
    const { after } = query;
    const rows = await this.db.q.note.findMany({
      where: {
        status: "on-case-record",
        purgedAt: null,
        onCaseRecordAt: { lte: query.onCaseRecordBefore },
        // Keyset paging (Note_status_purgedAt_onCaseRecordAt_idx): each page starts where the last ended.
        ...(after && { OR: [{ onCaseRecordAt: { gt: after.onCaseRecordAt } }, { onCaseRecordAt: after.onCaseRecordAt, id: { gt: after.id } }] }),
      },
      orderBy: [{ onCaseRecordAt: "asc" }, { id: "asc" }],
      take: query.limit,
      select: { id: true, caseRef: true, onCaseRecordAt: true, participants: { select: { personId: true }, orderBy: { personId: "asc" } } },
    });
    return rows.map((row) => ({ id: row.id, caseRef: row.caseRef, onCaseRecordAt: row.onCaseRecordAt!, participantIds: row.participants.map((p) => p.personId) }));
  }

  async findById(id: string): Promise<OversightNote | null> {
    return this.find(this.db, id);
  }

  /** A note as the transaction knows it, or as stored. */
  private async find(db: Db, id: string): Promise<OversightNote | null> {
    const known = db.unit?.notes.get(id);
    if (known) return structuredClone(known);
    const row = await db.q.note.findUnique({ where: { id }, include: withActions });
    return row ? remember(db, toNote(row)) : null;
  }

  /**
   * Notes matching `where` with their actions. The actions are read only when there are notes,
   * by the same condition (bound values that do not grow with the notes found); Prisma's own
   * `include` would read them even for no notes.
   */
  private async notesWhere(matching: Prisma.NoteWhereInput, orderBy: Prisma.NoteOrderByWithRelationInput): Promise<OversightNote[]> {
    // A discarded draft is kept for the record but listed nowhere.
    const where: Prisma.NoteWhereInput = { AND: [matching, { status: { not: "discarded" } }] };
    const rows = await this.db.q.note.findMany({ where, orderBy });
    if (rows.length === 0) return [];
    const actions = await this.db.q.noteAction.findMany({ where: { note: where }, orderBy: [{ noteId: "asc" }, { position: "asc" }] });
    return withTheirActions(rows, actions);
  }

  async listByCase(caseRef: string): Promise<OversightNote[]> {
    // Every decision reads its case's earlier notes (for the review of their actions), so SQL
    // (see sql.ts); the same as notesWhere({ caseRef }).
    const discarded: NoteStatus = "discarded";
    const rows = await selectRows<NoteColumns>(this.db, Prisma.sql`SELECT * FROM "Note" WHERE "caseRef" = ${caseRef} AND "status" <> ${discarded}`);
    if (rows.length === 0) return [];
    const actions = await selectRows<ActionRow>(this.db, Prisma.sql`
      SELECT a.* FROM "NoteAction" a JOIN "Note" n ON n."id" = a."noteId"
      WHERE n."caseRef" = ${caseRef} AND n."status" <> ${discarded} ORDER BY a."noteId", a."position"`);
    return byDiscussion(withTheirActions(rows, actions), 1);
  }

  async listByParticipant(personId: string): Promise<OversightNote[]> {
    return byDiscussion(await this.notesWhere({ participants: { some: { personId } } }, { discussedAt: "desc" }), -1);
  }

  async listInvolving(personId: string): Promise<OversightNote[]> {
    return byDiscussion(await this.notesWhere({ OR: [{ participants: { some: { personId } } }, { recorderId: personId }, { actions: { some: { ownerId: personId } } }] }, { discussedAt: "desc" }), -1);
  }

  async listDiscussedBetween(from: Date, to: Date): Promise<OversightNote[]> {
    // No index on discussedAt: a month's notes per query is a small scan, run rarely (compliance summaries).
    return byDiscussion(await this.notesWhere({ discussedAt: { gte: from, lt: to } }, { discussedAt: "asc" }), 1);
  }

  async revisions(noteId: string): Promise<NoteRevision[]> {
    const rows = await this.db.q.noteRevision.findMany({ where: { noteId }, orderBy: { version: "asc" } });
    return rows.map(toRevision);
  }

  async addComment(comment: NoteComment, audit: readonly AuditRecord[] = []): Promise<void> {
    const { id, noteId, at, byId, kind, text } = comment;
    await this.db.inTransaction(async (tx) => {
      await tx.q.noteComment.create({ data: { id, noteId, at, byId, kind, text }, select: { id: true } });
      await appendAuditEntries(tx, withSeals(audit, [commentSeal({ id, noteId, at, byId, kind, text })], { at, noteId }));
    });
  }

  async comments(noteId: string): Promise<NoteComment[]> {
    const rows = await this.db.q.noteComment.findMany({ where: { noteId }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    return rows.map(toComment);
  }

  async completeAction(actionId: string, outcome: string, at: Date, byId: string, audit: readonly AuditRecord[] = []): Promise<{ action: NoteAction; changed: boolean } | null> {
    return this.db.inTransaction(async (tx) => {
      const { count } = await tx.q.noteAction.updateMany({
        where: { id: actionId, status: "open" },
        data: { status: "done", outcome, doneAt: at, doneById: byId },
      });
      const row = await tx.q.noteAction.findUnique({ where: { id: actionId } });
      if (!row) return null;
      tx.unit.notes.delete(row.noteId);
      if (count === 1) await appendSealed(tx, audit, (await this.find(tx, row.noteId))!, at);
      return { action: toAction(row), changed: count === 1 };
    });
  }

  async wholeNotes(afterId: string | null, limit: number): Promise<WholeNote[]> {
    const rows = await this.db.q.note.findMany({ where: afterId === null ? {} : { id: { gt: afterId } }, orderBy: { id: "asc" }, take: limit, include: withActions });
    if (rows.length === 0) return [];
    const ids = rows.map((row) => row.id);
    const revisions = await this.db.q.noteRevision.findMany({ where: { noteId: { in: ids } }, orderBy: [{ noteId: "asc" }, { version: "asc" }] });
    const comments = await this.db.q.noteComment.findMany({ where: { noteId: { in: ids } }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    return rows.map((row) => ({
      note: toNote(row),
      revisions: revisions.filter((r) => r.noteId === row.id).map(toRevision),
      comments: comments.filter((c) => c.noteId === row.id).map(toComment),
    }));
  }
}

/** Appends a change's audit records with the seals of the note as it now stands and of what else it wrote. */
async function appendSealed(tx: InTransaction, audit: readonly AuditRecord[], note: OversightNote, at: Date, more: Seal[] = []): Promise<void> {
  await appendAuditEntries(tx, withSeals(audit, [noteSeal(note), ...more], { at, noteId: note.id }));
}

/** The statuses of a note that was recorded: only these are amended or put on the case record. */
const RECORDED: NoteStatus[] = ["recorded", "on-case-record"];




async function replaceParticipants(tx: Tx, noteId: string, fields: NoteFields): Promise<void> {
  await tx.noteParticipant.deleteMany({ where: { noteId } });
  const rows = participantRows(fields).map((row) => ({ noteId, ...row }));
  if (rows.length > 0) await tx.noteParticipant.createMany({ data: rows });
}

async function replaceActions(tx: Tx, noteId: string, actions: NoteAction[]): Promise<void> {
  await tx.noteAction.deleteMany({ where: { noteId } });
  if (actions.length > 0) await tx.noteAction.createMany({ data: actions.map((action) => ({ noteId, ...actionColumns(action) })) });
}


/** Keeps what a transaction has read or written of a note, and returns it. */
function remember(db: Db, note: OversightNote): OversightNote {
  db.unit?.notes.set(note.id, structuredClone(note));
  return note;
}







