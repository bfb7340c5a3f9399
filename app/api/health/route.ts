import { handle } from "@/lib/api/handler";
import { ApiError } from "@/lib/api/errors";
import { health } from "@/lib/api/contracts/system";
import { pingDatabase } from "@/lib/status";

export const dynamic = "force-dynamic";

export const GET = handle(health, async () => {
  try {
    await pingDatabase();
  } catch {
    throw new ApiError("unavailable", "The database is not answering.");
  }
  return { status: "ok" as const, database: "ok" as const };
});
