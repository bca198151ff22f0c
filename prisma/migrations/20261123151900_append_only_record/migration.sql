-- The record is append-only: audit entries, note versions and comments are never changed
-- or deleted through the database (DESIGN.md §4, §9). Prisma's schema language has no
-- triggers, so they live only in this migration; `prisma migrate diff` leaves them alone.

CREATE TRIGGER "AuditEntry_append_only_update" BEFORE UPDATE ON "AuditEntry"
BEGIN SELECT RAISE(ABORT, 'AuditEntry is append-only'); END;
CREATE TRIGGER "AuditEntry_append_only_delete" BEFORE DELETE ON "AuditEntry"
BEGIN SELECT RAISE(ABORT, 'AuditEntry is append-only'); END;

CREATE TRIGGER "NoteRevision_append_only_update" BEFORE UPDATE ON "NoteRevision"
BEGIN SELECT RAISE(ABORT, 'NoteRevision is append-only'); END;
CREATE TRIGGER "NoteRevision_append_only_delete" BEFORE DELETE ON "NoteRevision"
BEGIN SELECT RAISE(ABORT, 'NoteRevision is append-only'); END;

CREATE TRIGGER "NoteComment_append_only_update" BEFORE UPDATE ON "NoteComment"
BEGIN SELECT RAISE(ABORT, 'NoteComment is append-only'); END;
CREATE TRIGGER "NoteComment_append_only_delete" BEFORE DELETE ON "NoteComment"
BEGIN SELECT RAISE(ABORT, 'NoteComment is append-only'); END;
