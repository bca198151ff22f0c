-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_GroupSession" (
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
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_GroupSession" ("advisorId", "cancelReason", "caseRef", "createdAt", "date", "facilitatorId", "id", "noteId", "pendingSwap", "presenterId", "replacesId", "rolesFixed", "seriesId", "stage", "startsAt", "status", "updatedAt") SELECT "advisorId", "cancelReason", "caseRef", "createdAt", "date", "facilitatorId", "id", "noteId", "pendingSwap", "presenterId", "replacesId", "rolesFixed", "seriesId", "stage", "startsAt", "status", "updatedAt" FROM "GroupSession";
DROP TABLE "GroupSession";
ALTER TABLE "new_GroupSession" RENAME TO "GroupSession";
CREATE UNIQUE INDEX "GroupSession_seriesId_date_key" ON "GroupSession"("seriesId", "date");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
