-- CreateEnum
CREATE TYPE "Role" AS ENUM ('viewer', 'engineer', 'lead', 'admin');

-- CreateEnum
CREATE TYPE "Environment" AS ENUM ('local', 'aws');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" "Role" NOT NULL,
    "passwordHash" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "params" JSONB,
    "result" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitHit" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "RateLimitHit_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateTable
CREATE TABLE "IdempotencyKey" (
    "userId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "response" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IdempotencyKey_pkey" PRIMARY KEY ("userId","key")
);

-- CreateTable
CREATE TABLE "PipelineRun" (
    "id" TEXT NOT NULL,
    "dagId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "conf" JSONB NOT NULL DEFAULT '{}',
    "triggeredBy" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "logicalDate" TIMESTAMPTZ(3),
    "queuedAt" TIMESTAMPTZ(3),
    "startedAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "environment" "Environment" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "PipelineRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TaskInstance" (
    "id" TEXT NOT NULL,
    "pipelineRunId" TEXT NOT NULL,
    "taskId" TEXT NOT NULL,
    "mapIndex" INTEGER NOT NULL DEFAULT -1,
    "tryNumber" INTEGER NOT NULL,
    "state" TEXT,
    "queuedAt" TIMESTAMPTZ(3),
    "startedAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "durationMs" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "TaskInstance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClusterSnapshot" (
    "id" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "stateReason" TEXT,
    "market" TEXT,
    "instanceGroups" JSONB NOT NULL,
    "normalizedInstanceHours" INTEGER,
    "releaseLabel" TEXT,
    "createdAt" TIMESTAMPTZ(3),
    "readyAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "capturedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "pipelineRunId" TEXT,

    CONSTRAINT "ClusterSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CostSample" (
    "id" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "dimensions" JSONB NOT NULL DEFAULT '{}',
    "dimensionsKey" TEXT NOT NULL,
    "ts" TIMESTAMPTZ(3) NOT NULL,
    "value" DECIMAL(20,6) NOT NULL,
    "unit" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "measured" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CostSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QualityReport" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "dataset" TEXT NOT NULL,
    "check" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "observed" JSONB,
    "expected" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QualityReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncState" (
    "source" TEXT NOT NULL,
    "lastSuccessAt" TIMESTAMPTZ(3),
    "lastErrorAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "cursor" JSONB,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SyncState_pkey" PRIMARY KEY ("source")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "AuditEvent_actor_at_idx" ON "AuditEvent"("actor", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "RateLimitHit_windowStart_idx" ON "RateLimitHit"("windowStart");

-- CreateIndex
CREATE INDEX "IdempotencyKey_createdAt_idx" ON "IdempotencyKey"("createdAt");

-- CreateIndex
CREATE INDEX "PipelineRun_dagId_logicalDate_idx" ON "PipelineRun"("dagId", "logicalDate" DESC);

-- CreateIndex
CREATE INDEX "PipelineRun_state_idx" ON "PipelineRun"("state");

-- CreateIndex
CREATE INDEX "PipelineRun_triggeredBy_createdAt_idx" ON "PipelineRun"("triggeredBy", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PipelineRun_dagId_runId_key" ON "PipelineRun"("dagId", "runId");

-- CreateIndex
CREATE UNIQUE INDEX "TaskInstance_pipelineRunId_taskId_mapIndex_tryNumber_key" ON "TaskInstance"("pipelineRunId", "taskId", "mapIndex", "tryNumber");

-- CreateIndex
CREATE INDEX "ClusterSnapshot_clusterId_capturedAt_idx" ON "ClusterSnapshot"("clusterId", "capturedAt");

-- CreateIndex
CREATE INDEX "ClusterSnapshot_pipelineRunId_idx" ON "ClusterSnapshot"("pipelineRunId");

-- CreateIndex
CREATE INDEX "CostSample_ts_idx" ON "CostSample"("ts");

-- CreateIndex
CREATE UNIQUE INDEX "CostSample_metric_dimensionsKey_ts_key" ON "CostSample"("metric", "dimensionsKey", "ts");

-- CreateIndex
CREATE INDEX "QualityReport_runId_idx" ON "QualityReport"("runId");

-- CreateIndex
CREATE UNIQUE INDEX "QualityReport_runId_dataset_check_key" ON "QualityReport"("runId", "dataset", "check");

-- AddForeignKey
ALTER TABLE "TaskInstance" ADD CONSTRAINT "TaskInstance_pipelineRunId_fkey" FOREIGN KEY ("pipelineRunId") REFERENCES "PipelineRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClusterSnapshot" ADD CONSTRAINT "ClusterSnapshot_pipelineRunId_fkey" FOREIGN KEY ("pipelineRunId") REFERENCES "PipelineRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;
