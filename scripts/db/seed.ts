// npm run db:seed [-- --reset-passwords] — the four local accounts (viewer@local, engineer@local,
// lead@local, admin@local). Password: LOCAL_SEED_PASSWORD, or generated and printed once.
// Existing accounts are never changed unless --reset-passwords. Refused when NODE_ENV=production.
import { poolMax } from "@/lib/db";
import { createPrismaClient } from "@/lib/db/client";
import { generatePassword, seedLocalAccounts } from "@/lib/auth/seed";
import { databaseUrl, env } from "@/lib/env";
import { runCli } from "./cli";

class SeedError extends Error {
  override name = "SeedError";
}

await runCli("db:seed", async (log) => {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== "--reset-passwords");
  if (unknown.length > 0) throw new Error(`usage: npm run db:seed [-- --reset-passwords] (unknown: ${unknown.join(" ")})`);
  if (env.NODE_ENV === "production") throw new SeedError("refused: local accounts are not created when NODE_ENV=production");

  const generated = env.LOCAL_SEED_PASSWORD === undefined;
  const password = env.LOCAL_SEED_PASSWORD ?? generatePassword();
  const prisma = createPrismaClient(databaseUrl(), poolMax());
  try {
    const result = await seedLocalAccounts(prisma, { password, resetPasswords: args.includes("--reset-passwords") });
    const changed = [...result.created, ...result.reset];
    if (changed.length === 0) {
      log(`the local accounts exist; passwords unchanged (npm run db:seed -- --reset-passwords sets new ones)`);
      return;
    }
    if (result.created.length) log(`created ${result.created.join(", ")}`);
    if (result.reset.length) log(`new password for ${result.reset.join(", ")}`);
    log(generated ? `password for ${changed.join(", ")}: ${password}  (shown once; not stored in clear)` : "password: LOCAL_SEED_PASSWORD");
  } finally {
    await prisma.$disconnect();
  }
});
