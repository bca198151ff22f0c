import type { AuditRecord } from "../../domain/audit.ts";
import { commentSeal, noteSeal, revisionSeal, SEALS_FIELD } from "../../domain/record-seal.ts";
import { appendAuditEntries } from "./prisma-audit.ts";
import type { Db } from "./prisma-db.ts";
import { PrismaNoteRepository } from "./prisma-notes.ts";

/** The DataVersion row that says a database's record was sealed. */
const SEALED = "record-seals";

/** Notes sealed per audit entry. */
const PAGE = 200;

/**
 * Seals, once per database, the notes stored before changes carried seals (a database made by
 * an earlier build), so `audit verify` can check them from now on: one `record.sealed` entry
 * per page of notes. A new database has none, and only marks itself sealed. Runs in one
 * transaction (one replica at a time), at start-up after the migrations.
 * Example: await sealRecordOnce(db, clock.now()) → 0 on every start after the first.
 */
export async function sealRecordOnce(db: Db, at: Date): Promise<number> {
  const done = await db.q.dataVersion.findUnique({ where: { name: SEALED } });
  if (done) return 0;
  return db.inTransaction(async (tx) => {
    if (await tx.q.dataVersion.findUnique({ where: { name: SEALED } })) return 0;
    const notes = new PrismaNoteRepository(tx);
    const audit: AuditRecord[] = [];
    let sealed = 0;
    for (let after: string | null = null; ; ) {
      const page = await notes.wholeNotes(after, PAGE);
      if (page.length === 0) break;
      const seals = page.flatMap((w) => [noteSeal(w.note), ...w.revisions.map(revisionSeal), ...w.comments.map(commentSeal)]);
      audit.push({ at, actorId: null, action: "record.sealed", entityType: "note", entityId: page[0]!.note.id, detail: { [SEALS_FIELD]: seals.map((s) => `${s.key} ${s.hash}`), notes: page.length } });
      sealed += page.length;
      after = page[page.length - 1]!.note.id;
    }
    await tx.q.dataVersion.create({ data: { name: SEALED, version: 1 } });
    await appendAuditEntries(tx, audit);
    return sealed;
  });
}
