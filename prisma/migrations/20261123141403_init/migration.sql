-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "handle" TEXT NOT NULL,
    "handleKey" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "team" TEXT,
    "lineManagerId" TEXT,
    "deputyId" TEXT,
    "email" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PlatformIdentity" (
    "platform" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,

    PRIMARY KEY ("platform", "externalId"),
    CONSTRAINT "PlatformIdentity_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Note" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sourceKey" TEXT,
    "caseRef" TEXT,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "discussedAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "createdById" TEXT NOT NULL,
    "recorderId" TEXT,
    "recordedAt" DATETIME,
    "recordedById" TEXT,
    "onCaseRecordAt" DATETIME,
    "onCaseRecordById" TEXT,
    "caseRecordRef" TEXT,
    "lateReason" TEXT,
    "version" INTEGER NOT NULL,
    "content" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "NoteParticipant" (
    "noteId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,

    PRIMARY KEY ("noteId", "personId"),
    CONSTRAINT "NoteParticipant_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "Note" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NoteAction" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "noteId" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "what" TEXT NOT NULL,
    "ownerId" TEXT,
    "ownerText" TEXT,
    "dueAt" DATETIME,
    "status" TEXT NOT NULL,
    "outcome" TEXT,
    "doneAt" DATETIME,
    "doneById" TEXT,
    CONSTRAINT "NoteAction_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "Note" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NoteRevision" (
    "noteId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "byId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT,
    "content" TEXT NOT NULL,

    PRIMARY KEY ("noteId", "version"),
    CONSTRAINT "NoteRevision_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "Note" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NoteComment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "noteId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "byId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "NoteComment_noteId_fkey" FOREIGN KEY ("noteId") REFERENCES "Note" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEntry" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
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
