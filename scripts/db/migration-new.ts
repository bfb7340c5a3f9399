// npm run db:migration:new -- <snake_case_name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql from the schema engine's diff of the
// migrations against prisma/schema.prisma. Refuses when the schema has no change.
import { createMigration } from "@/lib/db/migrations";
import { runCli } from "./cli";

await runCli("db:migration:new", async (log) => {
  const [name, ...rest] = process.argv.slice(2);
  if (!name || rest.length > 0) throw new Error("usage: npm run db:migration:new -- <snake_case_name>");
  const { sql } = await createMigration({ name, log });
  log(`${sql.split("\n").filter((l) => l.trim() && !l.startsWith("--")).length} SQL lines; review them, then npm run db:migrate`);
});
