import { z } from "zod";
import { defineRoute } from "../handler";
import { Freshness } from "./clusters";
import { ALARM_STATES } from "@/lib/platform/alarms/port";

const iso = z.iso.datetime();

export const AlarmJson = z
  .object({
    name: z.string(),
    description: z.string().nullable(),
    state: z.enum(ALARM_STATES),
    reason: z.string(),
    since: iso.nullable().describe("When the alarm entered its state; null when the source has no such moment (a local alarm that never fired)"),
    metric: z.string().describe("What it watches: namespace, metric and dimensions, or the Metrics Insights query"),
    condition: z.string().describe("Comparison, threshold and evaluation window"),
  })
  .meta({ id: "Alarm" });

export const listAlarms = defineRoute({
  method: "get",
  path: "/api/alarms",
  summary: "The estate's CloudWatch alarms (locally: those the local estate evaluates), firing first, from the cache the alarms sync keeps",
  tag: "system",
  access: "viewer",
  errors: ["not_implemented"],
  response: z
    .object({
      mode: z.enum(["local", "aws"]),
      items: z.array(AlarmJson),
      /** What the local estate cannot evaluate, said rather than hidden. */
      notEvaluated: z.string().nullable(),
      freshness: Freshness,
    })
    .meta({ id: "AlarmList" }),
});

export const BudgetJson = z
  .object({
    name: z.string(),
    limitUsd: z.number(),
    actualUsd: z.number().describe("Spent in the current period (month to date)"),
    forecastUsd: z.number().nullable().describe("What the period will have cost at its end; null when not forecast yet"),
    periodStart: iso,
    periodEnd: iso,
    alerts: z.array(
      z.object({
        kind: z.enum(["ACTUAL", "FORECASTED"]),
        comparison: z.enum(["GREATER_THAN", "LESS_THAN", "EQUAL_TO"]),
        threshold: z.number(),
        absolute: z.boolean().describe("True: threshold in USD; false: percent of the limit"),
      }),
    ),
    measured: z.boolean(),
    source: z.string(),
    capturedAt: iso,
  })
  .meta({ id: "Budget" });

export const getBudget = defineRoute({
  method: "get",
  path: "/api/budget",
  summary: "The environment's monthly budget: limit, spend this month, forecast and alert thresholds (AWS Budgets; locally the configured budget against the local cost series)",
  tag: "costs",
  access: "lead",
  errors: ["not_implemented"],
  response: z.object({ budget: BudgetJson.nullable(), freshness: Freshness }).meta({ id: "BudgetStatus" }),
});
