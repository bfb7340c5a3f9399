-- AlterTable
ALTER TABLE "SyncState" ADD COLUMN     "unreachableSince" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "Dag" (
    "dagId" TEXT NOT NULL,
    "description" TEXT,
    "schedule" TEXT,
    "tags" TEXT[],
    "paused" BOOLEAN NOT NULL,
    "tasks" JSONB NOT NULL DEFAULT '[]',
    "edgesKnown" BOOLEAN NOT NULL DEFAULT false,
    "nextRunAt" TIMESTAMPTZ(3),
    "syncedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Dag_pkey" PRIMARY KEY ("dagId")
);

-- CreateIndex
CREATE INDEX "PipelineRun_createdAt_id_idx" ON "PipelineRun"("createdAt" DESC, "id" DESC);
