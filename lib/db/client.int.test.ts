import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createPrismaClient } from "./client";
import { applyMigrations } from "./migrations";
import { DATABASE_TARGETS, type EmptyDatabase } from "./testing/targets";

// The client as the portal uses it (PrismaPg on a URL), with the pool each target gets:
// one connection through pglite-socket, five against Debian's PostgreSQL.
describe.each(DATABASE_TARGETS)("the Prisma client on $name", (target) => {
  let db: EmptyDatabase;
  let prisma: PrismaClient;
  beforeAll(async () => {
    db = await target.create();
    await applyMigrations(db.url);
    prisma = createPrismaClient(db.url, db.poolMax);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.dispose();
  });

  it("creates, reads, updates and deletes a run with its task instances", async () => {
    const run = await prisma.pipelineRun.create({
      data: {
        dagId: "big_data_pipeline",
        runId: "manual__2026-01-01T00:00:00",
        conf: { scale: "small", rows: 1000 },
        triggeredBy: "engineer@local",
        state: "queued",
        environment: "local",
        logicalDate: new Date("2026-01-01T00:00:00Z"),
        tasks: { create: [{ taskId: "generate", tryNumber: 1 }, { taskId: "transform", tryNumber: 1 }] },
      },
      include: { tasks: true },
    });
    expect(run.tasks.map((t) => [t.taskId, t.mapIndex])).toEqual([
      ["generate", -1],
      ["transform", -1],
    ]);
    expect(run.conf).toEqual({ scale: "small", rows: 1000 });

    await prisma.pipelineRun.update({ where: { id: run.id }, data: { state: "success", endedAt: new Date() } });
    const read = await prisma.pipelineRun.findUniqueOrThrow({ where: { dagId_runId: { dagId: run.dagId, runId: run.runId } } });
    expect(read.state).toBe("success");

    await expect(
      prisma.taskInstance.create({ data: { pipelineRunId: run.id, taskId: "generate", tryNumber: 1 } }),
    ).rejects.toThrow(/Unique constraint/);

    await prisma.pipelineRun.delete({ where: { id: run.id } });
    expect(await prisma.taskInstance.count({ where: { pipelineRunId: run.id } })).toBe(0);
  });

  it("keeps money exact as Decimal", async () => {
    const sample = await prisma.costSample.create({
      data: {
        metric: "EstimatedCharges",
        dimensions: { ServiceName: "ElasticMapReduce" },
        dimensionsKey: "ServiceName=ElasticMapReduce",
        ts: new Date("2026-01-01T00:00:00Z"),
        value: "0.1",
        unit: "USD",
        source: "cloudwatch",
        measured: true,
      },
    });
    const sum = await prisma.costSample.aggregate({ _sum: { value: true }, where: { id: sample.id } });
    expect(sample.value.plus("0.2").toString()).toBe("0.3");
    expect(sum._sum.value?.toFixed(6)).toBe("0.100000");
  });

  it("rolls back an interactive transaction that throws", async () => {
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.auditEvent.create({ data: { actor: "admin@local", action: "user.create", target: "x", result: "ok", requestId: "r1" } });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await prisma.auditEvent.count({ where: { requestId: "r1" } })).toBe(0);
  });

  it("answers 20 concurrent queries", async () => {
    const counts = await Promise.all(Array.from({ length: 20 }, (_, i) => prisma.user.count({ where: { email: `nobody${i}@local` } })));
    expect(counts).toEqual(Array(20).fill(0));
  });
});
