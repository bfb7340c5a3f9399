// npm run db:check [-- --schema <file> --migrations <dir>] — exit 1 when the schema has changes
// that no migration carries. Needs no database: the migrations are replayed into a scratch
// in-memory PGlite. The options point it at copies (the tests use them).
import path from "node:path";
import { parseArgs } from "node:util";
import { diffMigrationsToSchema, MIGRATIONS_DIR, SCHEMA_PATH } from "@/lib/db/migrations";
import { runCli } from "./cli";

await runCli("db:check", async (log) => {
  let values: { schema?: string; migrations?: string };
  try {
    ({ values } = parseArgs({ options: { schema: { type: "string" }, migrations: { type: "string" } } }));
  } catch (error) {
    throw new Error(`usage: npm run db:check [-- --schema <file> --migrations <dir>] (${(error as Error).message})`);
  }
  const schemaPath = path.resolve(values.schema ?? SCHEMA_PATH);
  const dir = path.resolve(values.migrations ?? MIGRATIONS_DIR);
  const sql = await diffMigrationsToSchema({ dir, schemaPath, log });
  if (sql === null) {
    log(`the migrations in ${path.relative(process.cwd(), dir)} match ${path.relative(process.cwd(), schemaPath)}`);
    return 0;
  }
  console.error(`[db:check] ${schemaPath} has changes without a migration; the missing SQL:\n${sql}`);
  console.error("[db:check] write it with: npm run db:migration:new -- <name>");
  return 1;
});
