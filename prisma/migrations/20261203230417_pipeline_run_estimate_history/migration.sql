-- DropIndex
DROP INDEX "PipelineRun_state_idx";

-- CreateIndex
CREATE INDEX "PipelineRun_state_endedAt_idx" ON "PipelineRun"("state", "endedAt");

-- CreateIndex
CREATE INDEX "PipelineRun_dagId_state_endedAt_idx" ON "PipelineRun"("dagId", "state", "endedAt" DESC);
