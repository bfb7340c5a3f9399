-- AlterTable
ALTER TABLE "IdempotencyKey" ADD COLUMN     "claimedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "unconfirmedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "PipelineRun" ADD COLUMN     "stateReason" TEXT;
