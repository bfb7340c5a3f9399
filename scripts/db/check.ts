// npm run db:check — exit 1 when prisma/schema.prisma has changes that no migration carries.
// Needs no database: the migrations are replayed into a scratch in-memory PGlite.
import { diffMigrationsToSchema } from "@/lib/db/migrations";
import { runCli } from "./cli";

await runCli("db:check", async (log) => {
  const sql = await diffMigrationsToSchema();
  if (sql === null) {
    log("the migrations match prisma/schema.prisma");
    return 0;
  }
  console.error(`[db:check] prisma/schema.prisma has changes without a migration; the missing SQL:\n${sql}`);
  console.error("[db:check] write it with: npm run db:migration:new -- <name>");
  return 1;
});
