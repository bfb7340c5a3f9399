import { defineConfig } from "prisma/config";
import { databaseUrl, parseEnv } from "./lib/env/schema";

// Prisma 7 takes the URL from here. `prisma migrate deploy` uses it where the schema engine binary
// can be downloaded; here the project's scripts apply migrations (scripts/db/, docs/database.md).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx --conditions=react-server scripts/db/seed.ts" },
  datasource: { url: databaseUrl(parseEnv(process.env)) },
});
