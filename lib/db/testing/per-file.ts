import { afterAll, beforeAll } from "vitest";
import { createTestDatabase, type TestDatabase } from "./test-database";

/**
 * A fresh database for one test file's tests, dropped after them; `seed` runs once it exists.
 * Read it as `bed.db` inside tests (it exists from the file's first test on).
 */
export function testDatabase(seed?: (db: TestDatabase) => Promise<void>): { db: TestDatabase } {
  const bed = {} as { db: TestDatabase };
  beforeAll(async () => {
    bed.db = await createTestDatabase();
    await seed?.(bed.db);
  });
  afterAll(async () => {
    await bed.db?.drop();
  });
  return bed;
}
