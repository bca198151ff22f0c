-- CreateTable
CREATE TABLE "GroupSeries" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "team" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "cadenceWeeks" INTEGER NOT NULL,
    "firstDate" TEXT NOT NULL,
    "time" TEXT NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "channel" TEXT,
    "createdAt" DATETIME NOT NULL,
    "createdById" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "GroupSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "seriesId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "startsAt" DATETIME NOT NULL,
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
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "GroupSeries_team_key" ON "GroupSeries"("team");

-- CreateIndex
CREATE UNIQUE INDEX "GroupSession_seriesId_date_key" ON "GroupSession"("seriesId", "date");
