-- CreateIndex
CREATE INDEX "PipelineRun_dagId_createdAt_id_idx" ON "PipelineRun"("dagId", "createdAt" DESC, "id" DESC);
