import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type { status } from "@/lib/api/contracts/system";
import type { listObjects, LakeSummary } from "@/lib/api/contracts/lake";

export type StatusBody = z.infer<typeof status.response>;
export type LakePageBody = z.infer<typeof listObjects.response>;

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  const body = await res.json();
  if (!res.ok) throw new Error(body?.error?.message ?? `${url} answered ${res.status}`);
  return body as T;
}

/** Query keys and fetchers together, one factory per query, keys layered per feature. */
export const queries = {
  status: () => queryOptions({ queryKey: ["status"], queryFn: () => getJson<StatusBody>("/api/status"), refetchInterval: 15_000 }),
  lake: {
    /** Everything under one bucket and prefix: invalidating it refreshes the listing and the summary. */
    prefix: (bucket: string, prefix: string) => ["lake", bucket, prefix] as const,
    objects: (bucket: string, prefix: string, cursor: string | null) =>
      queryOptions({
        queryKey: ["lake", bucket, prefix, "objects", cursor] as const,
        queryFn: () =>
          getJson<LakePageBody>(`/api/lake/objects?${new URLSearchParams({ bucket, prefix, ...(cursor ? { cursor } : {}) })}`),
      }),
    summary: (bucket: string, prefix: string) =>
      queryOptions({
        queryKey: ["lake", bucket, prefix, "summary"] as const,
        queryFn: () => getJson<LakeSummary>(`/api/lake/summary?${new URLSearchParams({ bucket, prefix })}`),
        staleTime: 60_000,
      }),
  },
};
