import { COSTS_ROLE } from "@/lib/auth/roles";
import { z } from "zod";
import { defineRoute } from "../handler";
import { Freshness } from "./clusters";
import { SERVICES } from "@/lib/costs/services";

const day = z.iso.date();
const provenance = { source: z.string(), measured: z.boolean() };

/** CloudWatch keeps daily points 455 days: a longer range is cut to that. */
export const MAX_RANGE_DAYS = 455;

// Postgres keeps timestamps from 4713 BC, but a range reaches a day before its start: years before 1970 are refused (they hold no cost).
const queryDay = day.regex(/^(19[7-9]\d|[2-9]\d{3})-/, "a day from 1970-01-01 on");

export const costsQuery = z.object({
  from: queryDay.describe("First day, UTC (YYYY-MM-DD), from 1970 on"),
  to: queryDay.describe("Last day, UTC, included"),
  groupBy: z.enum(["service", "dag", "run"]).default("service"),
});

const CostRow = z.object({ key: z.string(), label: z.string(), eur: z.number(), ...provenance });

export const CostReport = z
  .object({
    from: z.iso.datetime(),
    to: z.iso.datetime(),
    days: z.array(day),
    currency: z.literal("EUR"),
    estimatedAsOnAws: z.boolean(),
    prices: z.object({ takenOn: day, region: z.string(), eurPerUsd: z.number() }),
    estimateSource: z.string(),
    services: z.array(z.object({ service: z.enum(SERVICES), label: z.string(), total: z.number(), daily: z.array(z.number()), ...provenance })),
    total: z.number(),
    split: z
      .object({ fixed: z.number(), perRun: z.number(), usage: z.number() })
      .describe("The total by how it bills: the always-on estate (MWAA, RDS, network, portal), the pipeline's clusters, storage and transfer"),
    runs: z.array(
      z.object({
        clusterId: z.string(),
        dagId: z.string().nullable(),
        runId: z.string().nullable(),
        createdAt: z.iso.datetime(),
        state: z.string(),
        eur: z.number(),
        onDemandEur: z.number(),
        spotSavingsEur: z.number(),
        instanceHours: z.number(),
        idleMinutes: z.number(),
        final: z.boolean(),
        ...provenance,
      }),
    ),
    dags: z.array(z.object({ dagId: z.string(), runs: z.number().int(), eur: z.number(), records: z.number() })),
    spotSavings: z.object({ eur: z.number(), onDemandEur: z.number(), ...provenance }),
    idle: z.object({ minutes: z.number(), daily: z.array(z.number()), ...provenance }),
    storage: z.array(z.object({ prefix: z.string(), dailyGb: z.array(z.number().nullable()), ...provenance })),
    records: z.object({ total: z.number(), daily: z.array(z.number()), ...provenance }),
    recordsPerEur: z.object({ value: z.number().nullable(), ...provenance }),
  })
  .meta({ id: "CostReport" });

export const getCosts = defineRoute({
  method: "get",
  path: "/api/costs",
  summary: "Cost series and totals over a range (at most 455 days), from the cached samples; each figure says whether it is measured or estimated",
  tag: "costs",
  access: COSTS_ROLE,
  query: costsQuery,
  errors: ["not_implemented"],
  response: z
    .object({
      groupBy: z.enum(["service", "dag", "run"]),
      adjusted: z.string().nullable().describe("How the range asked for was changed, if it was: reversed ends swapped, or cut to 455 days"),
      totals: z.array(CostRow),
      report: CostReport,
      freshness: z.object({ clusters: Freshness, costs: Freshness }),
    })
    .meta({ id: "Costs" }),
});
