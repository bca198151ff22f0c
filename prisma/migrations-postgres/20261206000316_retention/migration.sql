-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "leftAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Note" ADD COLUMN     "purgedAt" TIMESTAMP(3),
ADD COLUMN     "purgedById" TEXT,
ADD COLUMN     "purgedRule" TEXT;

-- CreateIndex
CREATE INDEX "Note_status_purgedAt_onCaseRecordAt_idx" ON "Note"("status", "purgedAt", "onCaseRecordAt");

-- Retention (docs/operating.md#retention): a purged note's versions and comments go with the
-- rest of its case content. They stay append-only otherwise: never updated, and deleted only
-- once their note has been marked purged (in the same transaction, before the delete).
-- AuditEntry keeps its trigger: the chain keeps hashes, not content, and is never deleted.
CREATE FUNCTION "append_only_unless_purged"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND EXISTS (SELECT 1 FROM "Note" WHERE "id" = OLD."noteId" AND "purgedAt" IS NOT NULL) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;

DROP TRIGGER "NoteRevision_append_only" ON "NoteRevision";
CREATE TRIGGER "NoteRevision_append_only" BEFORE UPDATE OR DELETE ON "NoteRevision"
    FOR EACH ROW EXECUTE FUNCTION "append_only_unless_purged"();
DROP TRIGGER "NoteComment_append_only" ON "NoteComment";
CREATE TRIGGER "NoteComment_append_only" BEFORE UPDATE OR DELETE ON "NoteComment"
    FOR EACH ROW EXECUTE FUNCTION "append_only_unless_purged"();
