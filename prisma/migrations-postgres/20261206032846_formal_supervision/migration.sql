-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "newlyQualified" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "startedOn" TEXT;

-- CreateTable
CREATE TABLE "SupervisionSession" (
    "id" TEXT NOT NULL,
    "superviseeId" TEXT NOT NULL,
    "supervisorId" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "replacesId" TEXT,
    "reason" TEXT,
    "heldAt" TIMESTAMP(3),
    "heldById" TEXT,
    "notesCirculatedAt" TIMESTAMP(3),
    "notesSignedAt" TIMESTAMP(3),
    "caseRecordAt" TIMESTAMP(3),
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "createdById" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SupervisionSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupervisionAgreement" (
    "id" TEXT NOT NULL,
    "superviseeId" TEXT NOT NULL,
    "supervisorId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "signBy" TIMESTAMP(3) NOT NULL,
    "supervisorSignedAt" TIMESTAMP(3),
    "superviseeSignedAt" TIMESTAMP(3),
    "reviewBy" TIMESTAMP(3),
    "previousId" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SupervisionAgreement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SupervisionSession_superviseeId_date_idx" ON "SupervisionSession"("superviseeId", "date");

-- CreateIndex
CREATE INDEX "SupervisionSession_supervisorId_idx" ON "SupervisionSession"("supervisorId");

-- CreateIndex
CREATE INDEX "SupervisionAgreement_superviseeId_idx" ON "SupervisionAgreement"("superviseeId");

-- CreateIndex
CREATE INDEX "SupervisionAgreement_supervisorId_idx" ON "SupervisionAgreement"("supervisorId");
