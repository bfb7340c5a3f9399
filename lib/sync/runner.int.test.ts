import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/db/testing/test-database";
import { advisoryLock } from "./lock";
import { pollOnce, recordPoll, startSyncs, type SyncSource } from "./runner";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const until = async (check: () => boolean | Promise<boolean>, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** A source that counts which portal task polled it. */
function countingSource(name: string, polls: string[], task: string, fail = () => false): SyncSource {
  return {
    name,
    intervalMs: 50,
    async poll() {
      polls.push(task);
      if (fail()) throw new Error("connect ECONNREFUSED 127.0.0.1:8080");
      return "ok";
    },
  };
}

describe("the sync runner", () => {
  it("lets exactly one of two portal tasks poll a source, and the other take over when it stops", async () => {
    const polls: string[] = [];
    const options = { prisma: db.prisma, lockFor: (s: string) => advisoryLock(db.url, s), log: () => undefined, lockRetryMs: 1000 };
    const a = startSyncs([countingSource("one", polls, "a")], options);
    await until(() => polls.length >= 3);
    const b = startSyncs([countingSource("one", polls, "b")], options);
    await new Promise((r) => setTimeout(r, 400));
    expect(new Set(polls)).toEqual(new Set(["a"]));
    // Stopping a ends its lock session; b's next attempt (within its retry period) gets the lock.
    await a.stop();
    const before = polls.length;
    await until(() => polls.slice(before).includes("b"), 30_000);
    await b.stop();
    expect(polls.slice(before).every((p) => p === "b")).toBe(true);
  }, 60_000);

  it("records a source that is down, since when, and its recovery; and keeps polling", async () => {
    let down = true;
    const polls: string[] = [];
    const syncs = startSyncs([countingSource("flaky", polls, "a", () => down)], {
      prisma: db.prisma,
      lockFor: (s) => advisoryLock(db.url, s),
      log: () => undefined,
    });
    await until(() => polls.length >= 3);
    const failing = await db.prisma.syncState.findUniqueOrThrow({ where: { source: "flaky" } });
    expect(failing.lastError).toMatch(/ECONNREFUSED/);
    expect(failing.unreachableSince).toBeInstanceOf(Date);
    expect(failing.unreachableSince!.getTime()).toBeLessThan(failing.lastErrorAt!.getTime());
    down = false;
    await until(async () => (await db.prisma.syncState.findUniqueOrThrow({ where: { source: "flaky" } })).unreachableSince === null);
    await syncs.stop();
    const recovered = await db.prisma.syncState.findUniqueOrThrow({ where: { source: "flaky" } });
    expect(recovered.lastSuccessAt!.getTime()).toBeGreaterThan(failing.lastErrorAt!.getTime());
  });

  it("keeps the first failure time across repeated failures", async () => {
    await recordPoll(db.prisma, "s", { ok: false, error: "down" }, new Date(1000));
    await recordPoll(db.prisma, "s", { ok: false, error: "still down" }, new Date(2000));
    expect(await db.prisma.syncState.findUniqueOrThrow({ where: { source: "s" } })).toMatchObject({
      unreachableSince: new Date(1000),
      lastErrorAt: new Date(2000),
      lastError: "still down",
    });
  });
  it("shows a view what failed and when, never the source's own error text", async () => {
    const { freshWithin } = await import("./fresh");
    await recordPoll(db.prisma, "leaky", { ok: false, error: "connect ECONNREFUSED 10.9.8.7:443 (arn:aws:iam::123456789012:role/portal)" }, new Date(3000));
    const freshness = await freshWithin(db.prisma, "leaky", 30, async () => true);
    expect(freshness.error).toBe("The last poll of leaky failed at 1970-01-01T00:00:03.000Z; the details are in the server log.");
    const { syncJson } = await import("@/lib/pipelines/run-history");
    const row = await db.prisma.syncState.findUniqueOrThrow({ where: { source: "leaky" } });
    expect(syncJson(row).lastError).not.toMatch(/10\.9\.8\.7|123456789012/);
  });

  it("polls at once when a view asks, through the task that holds the lock; the other task says it does not", async () => {
    const polls: string[] = [];
    const slow = (task: string): SyncSource => ({ ...countingSource("asked", polls, task), intervalMs: 60_000 });
    const options = { prisma: db.prisma, lockFor: (s: string) => advisoryLock(db.url, s), log: () => undefined, lockRetryMs: 60_000 };
    const a = startSyncs([slow("a")], options);
    // The first poll recorded, then a asleep until its next poll a minute away.
    await until(async () => (await db.prisma.syncState.findUnique({ where: { source: "asked" } })) !== null);
    await new Promise((r) => setTimeout(r, 200));
    const b = startSyncs([slow("b")], options);
    try {
      expect(await a.pollNow("asked")).toBe(true);
      expect(polls).toEqual(["a", "a"]);
      expect(await b.pollNow("asked")).toBe(false); // a holds the lock: b does not poll
      expect(polls).toEqual(["a", "a"]);
      expect(await a.pollNow("no-such-source")).toBe(false);
    } finally {
      await a.stop();
      await b.stop();
    }
    // With no runner polling it, one poll under the lock; none while another session holds it.
    const holder = advisoryLock(db.url, "asked");
    expect(await holder.tryAcquire()).toBe(true);
    expect(await pollOnce(slow("c"), advisoryLock(db.url, "asked"), db.prisma, () => undefined)).toBe(false);
    await holder.release();
    expect(await pollOnce(slow("c"), advisoryLock(db.url, "asked"), db.prisma, () => undefined)).toBe(true);
    expect(polls.at(-1)).toBe("c");
  }, 60_000);
});
