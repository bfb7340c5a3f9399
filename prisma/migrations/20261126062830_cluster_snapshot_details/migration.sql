-- AlterTable
ALTER TABLE "ClusterSnapshot" ADD COLUMN     "autoTerminateIdleSeconds" INTEGER,
ADD COLUMN     "dagId" TEXT,
ADD COLUMN     "idleSeconds" INTEGER,
ADD COLUMN     "idleSince" TIMESTAMPTZ(3),
ADD COLUMN     "runId" TEXT,
ADD COLUMN     "stateHistory" JSONB;
