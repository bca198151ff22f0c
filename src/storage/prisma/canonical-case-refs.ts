import type { AuditRecord } from "../../domain/audit.ts";
import { canonicalCaseRef } from "../../domain/vocabulary.ts";
import { noteSeal, withSeals } from "../../domain/record-seal.ts";
import { appendAuditEntries } from "./prisma-audit.ts";
import { PrismaNoteRepository } from "./prisma-notes.ts";
import type { Db } from "./prisma-db.ts";

/**
 * Rewrites case references stored before they had one spelling ("4471-jb", "JB 4471") to the
 * canonical one (`canonicalCaseRef`), so `list`, the review of previous actions, exports and
 * compliance find a case's whole history. Run at every start-up, after the SQL migrations: the
 * rule lives in the domain and cannot be written in portable SQL (it reorders letters and
 * digits), and a row written meanwhile by an older process is caught on the next start. It
 * reads only the distinct references, so with nothing to change it costs one grouped query
 * per table.
 *
 * A note's reference is rewritten in its query column and in its current content; its
 * recorded versions (NoteRevision, append-only) keep the spelling they were recorded with.
 * Each rewritten note or session gets an audit entry, with ids only (no spellings).
 * Example: await canonicaliseCaseRefs(db, clock.now()) → { notes: 3, sessions: 1 }.
 */
export async function canonicaliseCaseRefs(db: Db, at: Date): Promise<{ notes: number; sessions: number }> {
  const noteRefs = await db.q.note.groupBy({ by: ["caseRef"], where: { caseRef: { not: null } } });
  const sessionRefs = await db.q.groupSession.groupBy({ by: ["caseRef"], where: { caseRef: { not: null } } });
  const stale = (rows: { caseRef: string | null }[]) =>
    rows.map((r) => r.caseRef!).filter((ref) => canonicalCaseRef(ref) !== ref);
  const staleNotes = stale(noteRefs);
  const staleSessions = stale(sessionRefs);
  if (staleNotes.length === 0 && staleSessions.length === 0) return { notes: 0, sessions: 0 };

  return db.inTransaction(async (tx) => {
    const audit: AuditRecord[] = [];
    let notes = 0;
    let sessions = 0;
    for (const ref of staleNotes) {
      const canonical = canonicalCaseRef(ref);
      const rows = await tx.q.note.findMany({ where: { caseRef: ref }, select: { id: true, content: true } });
      for (const row of rows) {
        const content = JSON.parse(row.content) as Record<string, unknown>;
        content.caseRef = canonical;
        await tx.q.note.update({ where: { id: row.id }, data: { caseRef: canonical, content: JSON.stringify(content) }, select: { id: true } });
        // The note as it now stands is sealed again, or `audit verify` would call it altered.
        const note = (await new PrismaNoteRepository(tx).findById(row.id))!;
        audit.push(...withSeals([{ at, actorId: null, action: "case-ref.normalised", entityType: "note", entityId: row.id, detail: {} }], [noteSeal(note)], { at, noteId: row.id }));
        notes++;
      }
    }
    for (const ref of staleSessions) {
      const canonical = canonicalCaseRef(ref);
      const rows = await tx.q.groupSession.findMany({ where: { caseRef: ref }, select: { id: true } });
      for (const row of rows) {
        // A new revision: a change prepared from the old read is refused, as for any other change.
        await tx.q.groupSession.update({ where: { id: row.id }, data: { caseRef: canonical, revision: { increment: 1 } }, select: { id: true } });
        audit.push({ at, actorId: null, action: "case-ref.normalised", entityType: "group-session", entityId: row.id, detail: {} });
        sessions++;
      }
    }
    await appendAuditEntries(tx, audit);
    return { notes, sessions };
  });
}
