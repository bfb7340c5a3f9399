// npm run db:migrate — apply the pending migrations to databaseUrl() (DATABASE_URL, or the
// embedded PGlite on EMBEDDED_PG_PORT), then read the history back to confirm nothing is pending.
import { databaseUrl } from "@/lib/env";
import { applyMigrations, migrationStatus, MigrationError, redactUrl } from "@/lib/db/migrations";
import { runCli } from "./cli";

await runCli("db:migrate", async (log) => {
  if (process.argv.length > 2) throw new Error(`usage: npm run db:migrate (it takes no arguments; got ${process.argv.slice(2).join(" ")})`);
  const url = databaseUrl();
  log(`database ${redactUrl(url)}`);
  const applied = await applyMigrations(url, { log });
  const status = await migrationStatus(url);
  if (status.pending.length > 0) throw new MigrationError(`still pending after applying: ${status.pending.join(", ")}`);
  log(applied.length ? `applied ${applied.length}; ${status.applied.length} in total` : `up to date (${status.applied.length} applied)`);
});
