import { afterAll, beforeAll } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing/test-database";
import { tempLake } from "@/lib/platform/clusters/testing/local-lake";

/** A fresh database and an empty local lake for one test file's syncs, removed after its tests. */
export function syncTestbed(): { db: TestDatabase; lake: Awaited<ReturnType<typeof tempLake>> } {
  const bed = {} as ReturnType<typeof syncTestbed>;
  beforeAll(async () => {
    bed.db = await createTestDatabase();
    bed.lake = await tempLake();
  });
  afterAll(async () => {
    await bed.db?.drop();
    await bed.lake?.remove();
  });
  return bed;
}
