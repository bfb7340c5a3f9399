-- CreateTable
CREATE TABLE "Alarm" (
    "name" TEXT NOT NULL,
    "description" TEXT,
    "state" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "since" TIMESTAMPTZ(3),
    "metric" TEXT NOT NULL,
    "condition" TEXT NOT NULL,
    "seenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Alarm_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "BudgetSnapshot" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "periodStart" TIMESTAMPTZ(3) NOT NULL,
    "periodEnd" TIMESTAMPTZ(3) NOT NULL,
    "limitUsd" DECIMAL(14,2) NOT NULL,
    "actualUsd" DECIMAL(14,2) NOT NULL,
    "forecastUsd" DECIMAL(14,2),
    "alerts" JSONB NOT NULL,
    "measured" BOOLEAN NOT NULL,
    "source" TEXT NOT NULL,
    "capturedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BudgetSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "BudgetSnapshot_name_periodStart_key" ON "BudgetSnapshot"("name", "periodStart");
