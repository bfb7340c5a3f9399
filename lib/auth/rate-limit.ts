import { prisma } from "@/lib/db";

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
  if (hit.count <= limit) return 0;
  return Math.ceil((windowStart.getTime() + windowMs - now) / 1000);
}
