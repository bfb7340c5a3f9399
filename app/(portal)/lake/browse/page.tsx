import { PortPage } from "@/components/ui/port-page";
import { portAvailability } from "@/lib/platform";
import { LakeBreadcrumbs } from "@/components/lake/breadcrumbs";
import { LakeBrowser } from "@/components/lake/lake-browser";
import { LakeError } from "@/components/lake/lake-error";
import { LakeSummary } from "@/components/lake/lake-summary";
import { UploadPanel } from "@/components/lake/upload-panel";
import { DomainError } from "@/lib/platform/errors";
import { requireRole } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { lakeLocation, REPLACE_ROLE, UPLOAD_PREFIX } from "@/lib/lake/entries";
import { single } from "../params";
import { ProducedBy } from "@/components/lineage/produced-by";
import { prisma } from "@/lib/db";
import { locate as locateInLake, producersOf } from "@/lib/lineage/read";

export const metadata = { title: "Lake · browse" };

function locate(params: Record<string, string | string[] | undefined>): { error: string } | { bucket: string; prefix: string } {
  try {
    return lakeLocation(single(params, "bucket"), single(params, "prefix", ""));
  } catch (err) {
    if (err instanceof DomainError) return { error: err.message };
    throw err;
  }
}

export default async function BrowsePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole("viewer");
  const params = await searchParams;
  const place = locate(params);
  if ("error" in place) {
    return (
      <PortPage port={portAvailability("lake")} title="Lake" description="Browse the buckets.">
        <LakeError title="Cannot open this folder" message={place.error} />
      </PortPage>
    );
  }
  const { bucket, prefix } = place;
  const canUpload = hasRole(user.role, "engineer") && prefix.startsWith(UPLOAD_PREFIX);
  return (
    <PortPage port={portAvailability("lake")} title="Lake" description="Folders and objects, a page of up to 1,000 at a time.">
      <LakeBreadcrumbs bucket={bucket} path={prefix} />
      {prefix !== "" && <LakeSummary bucket={bucket} prefix={prefix} />}
      {prefix !== "" && locateInLake(prefix).partition !== null && <ProducedBy found={await producersOf(prisma, bucket, prefix)} />}
      {canUpload && <UploadPanel bucket={bucket} prefix={prefix} canReplace={hasRole(user.role, REPLACE_ROLE)} />}
      <LakeBrowser key={`${bucket}/${prefix}`} bucket={bucket} prefix={prefix} />
    </PortPage>
  );
}
