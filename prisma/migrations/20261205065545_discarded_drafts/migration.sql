-- AlterTable
ALTER TABLE "Note" ADD COLUMN "discardedAt" DATETIME;
ALTER TABLE "Note" ADD COLUMN "discardedById" TEXT;
