-- AlterTable
ALTER TABLE "PipelineRun" ADD COLUMN     "backfillId" TEXT;

-- CreateTable
CREATE TABLE "Backfill" (
    "id" TEXT NOT NULL,
    "dagId" TEXT NOT NULL,
    "fromDate" TIMESTAMPTZ(3) NOT NULL,
    "toDate" TIMESTAMPTZ(3) NOT NULL,
    "reprocess" TEXT NOT NULL,
    "maxActiveRuns" INTEGER NOT NULL,
    "logicalDates" TIMESTAMPTZ(3)[],
    "requestedBy" TEXT NOT NULL,
    "environment" "Environment" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Backfill_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Backfill_dagId_createdAt_idx" ON "Backfill"("dagId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Backfill_completedAt_idx" ON "Backfill"("completedAt");

-- CreateIndex
CREATE INDEX "PipelineRun_backfillId_idx" ON "PipelineRun"("backfillId");

-- AddForeignKey
ALTER TABLE "PipelineRun" ADD CONSTRAINT "PipelineRun_backfillId_fkey" FOREIGN KEY ("backfillId") REFERENCES "Backfill"("id") ON DELETE SET NULL ON UPDATE CASCADE;
