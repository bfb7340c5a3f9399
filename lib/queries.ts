import { queryOptions } from "@tanstack/react-query";
import type { z } from "zod";
import type { status } from "@/lib/api/contracts/system";

export type StatusBody = z.infer<typeof status.response>;

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  const body = await res.json();
  if (!res.ok) throw new Error(body?.error?.message ?? `${url} answered ${res.status}`);
  return body as T;
}

/** Query keys and fetchers together, one factory per query, keys layered per feature. */
export const queries = {
  status: () => queryOptions({ queryKey: ["status"], queryFn: () => getJson<StatusBody>("/api/status"), refetchInterval: 15_000 }),
};
