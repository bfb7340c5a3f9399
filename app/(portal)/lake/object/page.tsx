import { PortPage } from "@/components/ui/port-page";
import { LakeBreadcrumbs } from "@/components/lake/breadcrumbs";
import { DeleteButton } from "@/components/lake/delete-button";
import { LakeError } from "@/components/lake/lake-error";
import { PreviewView } from "@/components/lake/preview-view";
import { DomainError, InvalidInput } from "@/lib/platform/errors";
import type { LakePreview } from "@/lib/api/contracts/lake";
import { requireRole } from "@/lib/auth/current-user";
import { hasRole } from "@/lib/auth/roles";
import { previewObject } from "@/lib/lake/preview";
import { portAvailability, requirePort } from "@/lib/platform";
import { single } from "../params";
import { ProducedBy } from "@/components/lineage/produced-by";
import { prisma } from "@/lib/db";
import { producersOf } from "@/lib/lineage/read";

export const metadata = { title: "Lake · object" };

const ROWS = /^\d{1,4}$/;

type Loaded = { error: string } | { bucket: string; key: string; preview: LakePreview; versioned: boolean; lineage: Awaited<ReturnType<typeof producersOf>> };

/** Reads the preview; a refused key or a missing object becomes a message for the page. */
async function load(params: Record<string, string | string[] | undefined>): Promise<Loaded> {
  try {
    const bucket = single(params, "bucket");
    const key = single(params, "key");
    const rowsParam = single(params, "rows", "100");
    if (!ROWS.test(rowsParam) || Number(rowsParam) > 1000) throw new InvalidInput("rows is a number from 0 to 1000.");
    const lake = requirePort("lake");
    const preview = await previewObject(lake, bucket, key, Number(rowsParam));
    const versioned = (await lake.buckets()).find((b) => b.name === bucket)?.versioned ?? false;
    return { bucket, key, preview, versioned, lineage: await producersOf(prisma, bucket, key) };
  } catch (err) {
    if (err instanceof DomainError) return { error: err.message };
    throw err;
  }
}

export default async function ObjectPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole("viewer");
  const loaded = await load(await searchParams);
  if ("error" in loaded) {
    return (
      <PortPage port={portAvailability("lake")} title="Lake" description="Preview an object.">
        <LakeError title="Cannot open this object" message={loaded.error} />
      </PortPage>
    );
  }
  const { bucket, key, preview, versioned, lineage } = loaded;
  return (
    <PortPage port={portAvailability("lake")} title={key.slice(key.lastIndexOf("/") + 1)} description={`s3://${bucket}/${key}`}>
      <LakeBreadcrumbs bucket={bucket} path={key} />
      <div className="mb-6 flex flex-wrap items-start gap-3">
        <a href={`/api/lake/download?${new URLSearchParams({ bucket, key })}`} className="rounded bg-sky-700 px-3 py-1 text-sm font-medium text-white" download>
          Download
        </a>
        {hasRole(user.role, "admin") && <DeleteButton bucket={bucket} objectKey={key} versioned={versioned} />}
      </div>
      <ProducedBy found={lineage} />
      <PreviewView preview={preview} />
    </PortPage>
  );
}
