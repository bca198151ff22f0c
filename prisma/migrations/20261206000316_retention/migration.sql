-- AlterTable
ALTER TABLE "Note" ADD COLUMN "purgedAt" DATETIME;
ALTER TABLE "Note" ADD COLUMN "purgedById" TEXT;
ALTER TABLE "Note" ADD COLUMN "purgedRule" TEXT;

-- AlterTable
ALTER TABLE "Person" ADD COLUMN "leftAt" DATETIME;

-- CreateIndex
CREATE INDEX "Note_status_purgedAt_onCaseRecordAt_idx" ON "Note"("status", "purgedAt", "onCaseRecordAt");

-- Retention (docs/operating.md#retention): a purged note's versions and comments go with the
-- rest of its case content. They stay append-only otherwise: never updated, and deleted only
-- once their note has been marked purged (in the same transaction, before the delete).
-- AuditEntry is untouched: the chain keeps hashes, not content, and is never deleted.
DROP TRIGGER "NoteRevision_append_only_delete";
CREATE TRIGGER "NoteRevision_append_only_delete" BEFORE DELETE ON "NoteRevision"
WHEN (SELECT "purgedAt" FROM "Note" WHERE "id" = OLD."noteId") IS NULL
BEGIN SELECT RAISE(ABORT, 'NoteRevision is append-only'); END;

DROP TRIGGER "NoteComment_append_only_delete";
CREATE TRIGGER "NoteComment_append_only_delete" BEFORE DELETE ON "NoteComment"
WHEN (SELECT "purgedAt" FROM "Note" WHERE "id" = OLD."noteId") IS NULL
BEGIN SELECT RAISE(ABORT, 'NoteComment is append-only'); END;
