-- CreateTable
CREATE TABLE "Case" (
    "caseRef" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "categorySince" TEXT NOT NULL,
    "workerId" TEXT,
    "team" TEXT,
    "openedOn" TEXT NOT NULL,
    "closedOn" TEXT,
    "extension" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Case_pkey" PRIMARY KEY ("caseRef")
);

-- CreateTable
CREATE TABLE "CaseChange" (
    "id" TEXT NOT NULL,
    "caseRef" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "byId" TEXT,
    "field" TEXT NOT NULL,
    "value" TEXT,
    "effectiveOn" TEXT NOT NULL,
    "reason" TEXT,

    CONSTRAINT "CaseChange_pkey" PRIMARY KEY ("id")
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
CREATE TRIGGER "CaseChange_append_only" BEFORE UPDATE OR DELETE ON "CaseChange"
    FOR EACH ROW EXECUTE FUNCTION "append_only"();
