-- CreateTable
CREATE TABLE "ConversationAddress" (
    "platform" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "label" TEXT,
    "reference" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("platform", "key")
);

-- CreateIndex
CREATE INDEX "ConversationAddress_platform_kind_updatedAt_idx" ON "ConversationAddress"("platform", "kind", "updatedAt");
