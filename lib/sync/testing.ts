import { afterAll, beforeAll } from "vitest";
import { testDatabase } from "@/lib/db/testing/per-file";
import { tempLake } from "@/lib/platform/clusters/testing/local-lake";

/** A fresh database and an empty local lake for one test file's syncs, removed after its tests. */
export function syncTestbed() {
  const bed = Object.assign(testDatabase(), { lake: undefined as unknown as Awaited<ReturnType<typeof tempLake>> });
  beforeAll(async () => {
    bed.lake = await tempLake();
  });
  afterAll(async () => {
    await bed.lake?.remove();
  });
  return bed;
}
