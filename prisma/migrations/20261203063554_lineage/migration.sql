-- CreateTable
CREATE TABLE "LineageRun" (
    "runId" TEXT NOT NULL,
    "jobNamespace" TEXT NOT NULL,
    "jobName" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3),
    "endedAt" TIMESTAMPTZ(3),
    "dagId" TEXT,
    "dagRunId" TEXT,
    "taskId" TEXT,
    "errorMessage" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "LineageRun_pkey" PRIMARY KEY ("runId")
);

-- CreateTable
CREATE TABLE "LineageEvent" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "eventType" TEXT NOT NULL,
    "eventTime" TIMESTAMPTZ(3) NOT NULL,
    "sourceKey" TEXT,
    "body" JSONB NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LineageEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Dataset" (
    "id" TEXT NOT NULL,
    "namespace" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "schema" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Dataset_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LineageEdge" (
    "runId" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "rows" BIGINT,
    "bytes" BIGINT,
    "files" INTEGER,
    "assertions" JSONB,

    CONSTRAINT "LineageEdge_pkey" PRIMARY KEY ("runId","datasetId","direction")
);

-- CreateTable
CREATE TABLE "DatasetVersion" (
    "id" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "partition" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "rows" BIGINT,
    "bytes" BIGINT,
    "writtenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DatasetVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LineageRun_dagId_dagRunId_idx" ON "LineageRun"("dagId", "dagRunId");

-- CreateIndex
CREATE INDEX "LineageRun_jobNamespace_jobName_startedAt_idx" ON "LineageRun"("jobNamespace", "jobName", "startedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "LineageEvent_sourceKey_key" ON "LineageEvent"("sourceKey");

-- CreateIndex
CREATE INDEX "LineageEvent_runId_idx" ON "LineageEvent"("runId");

-- CreateIndex
CREATE UNIQUE INDEX "Dataset_namespace_name_key" ON "Dataset"("namespace", "name");

-- CreateIndex
CREATE INDEX "LineageEdge_datasetId_direction_idx" ON "LineageEdge"("datasetId", "direction");

-- CreateIndex
CREATE INDEX "DatasetVersion_datasetId_partition_writtenAt_idx" ON "DatasetVersion"("datasetId", "partition", "writtenAt" DESC);

-- CreateIndex
CREATE INDEX "DatasetVersion_datasetId_writtenAt_idx" ON "DatasetVersion"("datasetId", "writtenAt" DESC);

-- CreateIndex
CREATE INDEX "DatasetVersion_runId_idx" ON "DatasetVersion"("runId");

-- CreateIndex
CREATE UNIQUE INDEX "DatasetVersion_datasetId_partition_runId_key" ON "DatasetVersion"("datasetId", "partition", "runId");

-- AddForeignKey
ALTER TABLE "LineageEvent" ADD CONSTRAINT "LineageEvent_runId_fkey" FOREIGN KEY ("runId") REFERENCES "LineageRun"("runId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LineageEdge" ADD CONSTRAINT "LineageEdge_runId_fkey" FOREIGN KEY ("runId") REFERENCES "LineageRun"("runId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LineageEdge" ADD CONSTRAINT "LineageEdge_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetVersion" ADD CONSTRAINT "DatasetVersion_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "Dataset"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetVersion" ADD CONSTRAINT "DatasetVersion_runId_fkey" FOREIGN KEY ("runId") REFERENCES "LineageRun"("runId") ON DELETE CASCADE ON UPDATE CASCADE;
