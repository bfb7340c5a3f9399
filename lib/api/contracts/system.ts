import { z } from "zod";
import { defineRoute } from "../handler";
import { list } from "./lists";

export const health = defineRoute({
  method: "get",
  path: "/api/health",
  summary: "Liveness for the load balancer: 200 when the portal and its database answer",
  tag: "system",
  access: "public",
  errors: ["unavailable"],
  response: z.object({ status: z.literal("ok"), database: z.literal("ok") }).meta({ id: "Health" }),
});

export const AdapterStatus = z
  .object({
    port: z.enum(["database", "lake", "orchestrator", "clusters", "metrics", "alarms", "logs", "budget"]),
    label: z.string(),
    adapter: z.enum(["local", "aws"]).nullable(),
    state: z.enum(["ok", "down", "missing"]),
    latencyMs: z.number().nonnegative().nullable(),
    message: z.string(),
  })
  .meta({ id: "AdapterStatus" });
export type AdapterStatus = z.infer<typeof AdapterStatus>;

export const status = defineRoute({
  method: "get",
  path: "/api/status",
  summary: "Each adapter's reachability and latency",
  tag: "system",
  access: "viewer",
  response: list("Status", AdapterStatus, { mode: z.enum(["local", "aws"]), checkedAt: z.iso.datetime() }),
});
