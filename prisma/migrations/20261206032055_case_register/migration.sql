-- CreateTable
CREATE TABLE "Case" (
    "caseRef" TEXT NOT NULL PRIMARY KEY,
    "category" TEXT NOT NULL,
    "categorySince" TEXT NOT NULL,
    "workerId" TEXT,
    "team" TEXT,
    "openedOn" TEXT NOT NULL,
    "closedOn" TEXT,
    "extension" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "CaseChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "caseRef" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "byId" TEXT,
    "field" TEXT NOT NULL,
    "value" TEXT,
    "effectiveOn" TEXT NOT NULL,
    "reason" TEXT
);

-- CreateIndex
CREATE INDEX "Case_workerId_idx" ON "Case"("workerId");

-- CreateIndex
CREATE INDEX "Case_team_idx" ON "Case"("team");

-- CreateIndex
CREATE INDEX "CaseChange_caseRef_at_idx" ON "CaseChange"("caseRef", "at");

-- CreateIndex
CREATE INDEX "Deadline_subjectType_subjectId_idx" ON "Deadline"("subjectType", "subjectId");

-- A case's history is kept as it happened: changes are added, never edited or removed.
CREATE TRIGGER "CaseChange_append_only_update" BEFORE UPDATE ON "CaseChange"
BEGIN SELECT RAISE(ABORT, 'CaseChange is append-only'); END;
CREATE TRIGGER "CaseChange_append_only_delete" BEFORE DELETE ON "CaseChange"
BEGIN SELECT RAISE(ABORT, 'CaseChange is append-only'); END;
