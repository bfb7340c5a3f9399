-- AlterTable
ALTER TABLE "PipelineRun" ADD COLUMN     "estimate" JSONB;
