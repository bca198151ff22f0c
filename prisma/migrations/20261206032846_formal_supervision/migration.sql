-- CreateTable
CREATE TABLE "SupervisionSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "superviseeId" TEXT NOT NULL,
    "supervisorId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "replacesId" TEXT,
    "reason" TEXT,
    "heldAt" DATETIME,
    "heldById" TEXT,
    "notesCirculatedAt" DATETIME,
    "notesSignedAt" DATETIME,
    "caseRecordAt" DATETIME,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL,
    "createdById" TEXT,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SupervisionAgreement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "superviseeId" TEXT NOT NULL,
    "supervisorId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "signBy" DATETIME NOT NULL,
    "supervisorSignedAt" DATETIME,
    "superviseeSignedAt" DATETIME,
    "reviewBy" DATETIME,
    "previousId" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Person" (
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
    "workingHours" TEXT,
    "leftAt" DATETIME,
    "startedOn" TEXT,
    "newlyQualified" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Person" ("active", "createdAt", "deputyId", "email", "handle", "handleKey", "id", "leftAt", "lineManagerId", "name", "role", "team", "updatedAt", "workingHours") SELECT "active", "createdAt", "deputyId", "email", "handle", "handleKey", "id", "leftAt", "lineManagerId", "name", "role", "team", "updatedAt", "workingHours" FROM "Person";
DROP TABLE "Person";
ALTER TABLE "new_Person" RENAME TO "Person";
CREATE UNIQUE INDEX "Person_handleKey_key" ON "Person"("handleKey");
CREATE INDEX "Person_lineManagerId_idx" ON "Person"("lineManagerId");
CREATE INDEX "Person_team_idx" ON "Person"("team");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SupervisionSession_superviseeId_date_idx" ON "SupervisionSession"("superviseeId", "date");

-- CreateIndex
CREATE INDEX "SupervisionSession_supervisorId_idx" ON "SupervisionSession"("supervisorId");

-- CreateIndex
CREATE INDEX "SupervisionAgreement_superviseeId_idx" ON "SupervisionAgreement"("superviseeId");

-- CreateIndex
CREATE INDEX "SupervisionAgreement_supervisorId_idx" ON "SupervisionAgreement"("supervisorId");
