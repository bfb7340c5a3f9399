-- AlterTable
ALTER TABLE "User" ADD COLUMN     "idpRole" "Role",
ADD COLUMN     "lastSignInAt" TIMESTAMPTZ(3),
ADD COLUMN     "oidcIssuer" TEXT,
ADD COLUMN     "oidcSubject" TEXT,
ADD COLUMN     "roleOverride" "Role",
ADD COLUMN     "roleOverrideReason" TEXT,
ADD COLUMN     "sessionVersion" INTEGER NOT NULL DEFAULT 0,
ALTER COLUMN "role" DROP NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "User_oidcIssuer_oidcSubject_key" ON "User"("oidcIssuer", "oidcSubject");
