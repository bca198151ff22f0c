-- AlterTable
ALTER TABLE "Person" ADD COLUMN "workingHours" TEXT;

-- CreateTable
CREATE TABLE "Deadline" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "rule" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "noteId" TEXT,
    "profileId" TEXT NOT NULL,
    "fromAt" DATETIME NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "explain" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "metAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "deadlineId" TEXT,
    "aboutId" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "availableAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claimToken" TEXT,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "Reminder_deadlineId_fkey" FOREIGN KEY ("deadlineId") REFERENCES "Deadline" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Absence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "personId" TEXT NOT NULL,
    "fromDate" TEXT NOT NULL,
    "toDate" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "createdById" TEXT
);

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
