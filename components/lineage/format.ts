import { browseHref } from "@/components/lake/format";

/** Display helpers of the lineage views (server and client components alike). */
export const bucketOf = (namespace: string) => (namespace.startsWith("s3://") ? namespace.slice(5).split("/")[0]! : null);
export const datasetHref = (name: string) => `/datasets/${name.split("/").map(encodeURIComponent).join("/")}`;

/** The dataset's (or a partition's) folder in the lake browser; null outside an S3 namespace. */
export function lakeHref(namespace: string, name: string, partition?: string): string | null {
  const bucket = bucketOf(namespace);
  return bucket ? browseHref(bucket, `${name}/${partition ? `${partition}/` : ""}`) : null;
}

export const VERDICT_STYLE: Record<string, string> = { passed: "text-green-700", warnings: "text-amber-700", failed: "text-rose-700" };
export const formatCount = (n: number | null) => (n === null ? "—" : n.toLocaleString("en-GB"));
