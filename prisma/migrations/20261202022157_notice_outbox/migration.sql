-- AlterTable
ALTER TABLE "Reminder" ADD COLUMN "message" TEXT;
