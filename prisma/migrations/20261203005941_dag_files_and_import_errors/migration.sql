-- AlterTable
ALTER TABLE "Dag" ADD COLUMN     "bundleName" TEXT,
ADD COLUMN     "fileloc" TEXT,
ADD COLUMN     "relativeFileloc" TEXT;

-- CreateTable
CREATE TABLE "DagImportError" (
    "filepath" TEXT NOT NULL,
    "bundleName" TEXT,
    "error" TEXT NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "seenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DagImportError_pkey" PRIMARY KEY ("filepath")
);
