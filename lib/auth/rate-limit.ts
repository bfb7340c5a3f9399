import { prisma } from "@/lib/db";

/** Longer than any window in use (sign-in: 15 min); rows older than this count nothing. */
export const RATE_LIMIT_RETENTION_MS = 60 * 60_000;
const PURGE_EVERY_MS = 60_000;
let lastPurge = 0;

/** Rows of keys never seen again (another address, another user) are purged at most once a minute per task. */
async function purgeOldWindows(now: number): Promise<void> {
  if (now - lastPurge < PURGE_EVERY_MS) return;
  lastPurge = now;
  await prisma.rateLimitHit.deleteMany({ where: { windowStart: { lt: new Date(now - RATE_LIMIT_RETENTION_MS) } } });
}

/**
 * Fixed-window counter kept in Postgres, so every portal task behind the load balancer
 * shares it. Returns how many seconds to wait, or 0 when the hit is allowed.
 */
export async function rateLimit(key: string, limit: number, windowMs: number, now = Date.now()): Promise<number> {
  const windowStart = new Date(Math.floor(now / windowMs) * windowMs);
  const hit = await prisma.rateLimitHit.upsert({
    where: { key_windowStart: { key, windowStart } },
    create: { key, windowStart, count: 1 },
    update: { count: { increment: 1 } },
  });
  // Older windows of this key are never read again.
  await prisma.rateLimitHit.deleteMany({ where: { key, windowStart: { lt: windowStart } } });
  await purgeOldWindows(now);
  if (hit.count <= limit) return 0;
  return Math.ceil((windowStart.getTime() + windowMs - now) / 1000);
}
