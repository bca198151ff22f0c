-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "handleKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "team" TEXT,
    "lineManagerId" TEXT,
    "deputyId" TEXT,
    "email" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "workingHours" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlatformIdentity" (
    "platform" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,

    CONSTRAINT "PlatformIdentity_pkey" PRIMARY KEY ("platform","externalId")
);

-- CreateTable
CREATE TABLE "Note" (
    "id" TEXT NOT NULL,
    "sourceKey" TEXT,
    "caseRef" TEXT,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "discussedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT NOT NULL,
    "recorderId" TEXT,
    "recordedAt" TIMESTAMP(3),
    "recordedById" TEXT,
    "onCaseRecordAt" TIMESTAMP(3),
    "onCaseRecordById" TEXT,
    "caseRecordRef" TEXT,
    "lateReason" TEXT,
    "discardedAt" TIMESTAMP(3),
    "discardedById" TEXT,
    "version" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Note_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoteParticipant" (
    "noteId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,

    CONSTRAINT "NoteParticipant_pkey" PRIMARY KEY ("noteId","personId")
);

-- CreateTable
CREATE TABLE "NoteAction" (
    "id" TEXT NOT NULL,
    "noteId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "what" TEXT NOT NULL,
    "ownerId" TEXT,
    "ownerText" TEXT,
    "dueAt" TIMESTAMP(3),
    "status" TEXT NOT NULL,
    "outcome" TEXT,
    "doneAt" TIMESTAMP(3),
    "doneById" TEXT,

    CONSTRAINT "NoteAction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoteRevision" (
    "noteId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "byId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT,
    "content" TEXT NOT NULL,

    CONSTRAINT "NoteRevision_pkey" PRIMARY KEY ("noteId","version")
);

-- CreateTable
CREATE TABLE "NoteComment" (
    "id" TEXT NOT NULL,
    "noteId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "byId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "NoteComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "seq" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("seq")
);

-- CreateTable
CREATE TABLE "Deadline" (
    "id" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "noteId" TEXT,
    "profileId" TEXT NOT NULL,
    "fromAt" TIMESTAMP(3) NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "explain" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "metAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Deadline_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "deadlineId" TEXT,
    "aboutId" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "availableAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimToken" TEXT,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "message" TEXT,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Absence" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "fromDate" TEXT NOT NULL,
    "toDate" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT,

    CONSTRAINT "Absence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InboundDelivery" (
    "key" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InboundDelivery_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "GroupSeries" (
    "id" TEXT NOT NULL,
    "team" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "cadenceWeeks" INTEGER NOT NULL,
    "firstDate" TEXT NOT NULL,
    "time" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "channel" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GroupSeries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupSession" (
    "id" TEXT NOT NULL,
    "seriesId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "presenterId" TEXT,
    "facilitatorId" TEXT,
    "advisorId" TEXT,
    "rolesFixed" BOOLEAN NOT NULL,
    "caseRef" TEXT,
    "replacesId" TEXT,
    "stage" INTEGER NOT NULL,
    "pendingSwap" TEXT,
    "noteId" TEXT,
    "cancelReason" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "GroupSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationAddress" (
    "platform" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "label" TEXT,
    "reference" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConversationAddress_pkey" PRIMARY KEY ("platform","key")
);

-- CreateTable
CREATE TABLE "DataVersion" (
    "name" TEXT NOT NULL,
    "version" INTEGER NOT NULL,

    CONSTRAINT "DataVersion_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "Person_handleKey_key" ON "Person"("handleKey");

-- CreateIndex
CREATE INDEX "Person_lineManagerId_idx" ON "Person"("lineManagerId");

-- CreateIndex
CREATE INDEX "Person_team_idx" ON "Person"("team");

-- CreateIndex
CREATE INDEX "PlatformIdentity_personId_idx" ON "PlatformIdentity"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "Note_sourceKey_key" ON "Note"("sourceKey");

-- CreateIndex
CREATE INDEX "Note_caseRef_idx" ON "Note"("caseRef");

-- CreateIndex
CREATE INDEX "Note_status_idx" ON "Note"("status");

-- CreateIndex
CREATE INDEX "NoteParticipant_personId_idx" ON "NoteParticipant"("personId");

-- CreateIndex
CREATE INDEX "NoteAction_ownerId_status_idx" ON "NoteAction"("ownerId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "NoteAction_noteId_position_key" ON "NoteAction"("noteId", "position");

-- CreateIndex
CREATE INDEX "NoteComment_noteId_idx" ON "NoteComment"("noteId");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_prevHash_key" ON "AuditEntry"("prevHash");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEntry_hash_key" ON "AuditEntry"("hash");

-- CreateIndex
CREATE INDEX "Deadline_noteId_idx" ON "Deadline"("noteId");

-- CreateIndex
CREATE INDEX "Deadline_status_dueAt_idx" ON "Deadline"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_key_key" ON "Reminder"("key");

-- CreateIndex
CREATE INDEX "Reminder_status_availableAt_idx" ON "Reminder"("status", "availableAt");

-- CreateIndex
CREATE INDEX "Reminder_deadlineId_idx" ON "Reminder"("deadlineId");

-- CreateIndex
CREATE INDEX "Reminder_recipientId_status_idx" ON "Reminder"("recipientId", "status");

-- CreateIndex
CREATE INDEX "Absence_personId_idx" ON "Absence"("personId");

-- CreateIndex
CREATE INDEX "InboundDelivery_receivedAt_idx" ON "InboundDelivery"("receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "GroupSeries_team_key" ON "GroupSeries"("team");

-- CreateIndex
CREATE UNIQUE INDEX "GroupSession_seriesId_date_key" ON "GroupSession"("seriesId", "date");

-- CreateIndex
CREATE INDEX "ConversationAddress_platform_kind_updatedAt_idx" ON "ConversationAddress"("platform", "kind", "updatedAt");

-- AddForeignKey
ALTER TABLE "PlatformIdentity" ADD CONSTRAINT "PlatformIdentity_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoteParticipant" ADD CONSTRAINT "NoteParticipant_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "Note"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoteAction" ADD CONSTRAINT "NoteAction_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "Note"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoteRevision" ADD CONSTRAINT "NoteRevision_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "Note"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoteComment" ADD CONSTRAINT "NoteComment_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "Note"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_deadlineId_fkey" FOREIGN KEY ("deadlineId") REFERENCES "Deadline"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The record is append-only: audit entries, note versions and comments are never changed
-- or deleted through the database (docs/design.md). Prisma's schema language has no
-- triggers, so they live only in this migration; `prisma migrate diff` leaves them alone.
CREATE FUNCTION "append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;

CREATE TRIGGER "AuditEntry_append_only" BEFORE UPDATE OR DELETE ON "AuditEntry"
    FOR EACH ROW EXECUTE FUNCTION "append_only"();
CREATE TRIGGER "NoteRevision_append_only" BEFORE UPDATE OR DELETE ON "NoteRevision"
    FOR EACH ROW EXECUTE FUNCTION "append_only"();
CREATE TRIGGER "NoteComment_append_only" BEFORE UPDATE OR DELETE ON "NoteComment"
    FOR EACH ROW EXECUTE FUNCTION "append_only"();
