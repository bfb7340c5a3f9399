import { z } from "zod";
import { isRole, ROLES, type Role } from "./roles";

/**
 * The configuration schema, free of `server-only` so that tools outside Next (prisma.config.ts)
 * can validate the same variables. All configuration, validated once. Import `env` instead of reading process.env anywhere else.
 * The process refuses to start with a message naming each variable that is missing or wrong.
 */
/** `group=role,group=role`: each group once, each role one of ROLES. */
const roleMap = z.string().transform((s, ctx) => {
  const map: Record<string, Role> = {};
  for (const entry of s.split(",").map((x) => x.trim()).filter(Boolean)) {
    const eq = entry.lastIndexOf("=");
    const group = entry.slice(0, eq).trim();
    const role = entry.slice(eq + 1).trim();
    if (eq <= 0 || !group) ctx.addIssue({ code: "custom", message: `OIDC_ROLE_MAP: "${entry}" is not group=role` });
    else if (!isRole(role)) ctx.addIssue({ code: "custom", message: `OIDC_ROLE_MAP: "${role}" is not a role (${ROLES.join(", ")})` });
    else if (group in map) ctx.addIssue({ code: "custom", message: `OIDC_ROLE_MAP: group "${group}" is mapped twice` });
    else map[group] = role;
  }
  return map;
});

const csv = z
  .string()
  .transform((s) => s.split(",").map((x) => x.trim()).filter(Boolean));

// Missing in aws mode: say which variable and why, rather than zod's "expected string".
const requiredInAws = (name: string) => ({ error: (issue: { input?: unknown }) => (issue.input === undefined ? `${name} is required when PLATFORM_MODE=aws` : undefined) });
const awsRegion = (params?: ReturnType<typeof requiredInAws>) => z.string(params).regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "AWS_REGION must look like eu-west-1");

const common = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  NEXT_PHASE: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),

  /** Any Postgres. Unset: the embedded PGlite served on EMBEDDED_PG_PORT. */
  DATABASE_URL: z.url().optional(),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(5433),
  /** pglite-socket serves one connection at a time; a real Postgres takes a pool. */
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(50).optional(),

  /** Root of the local estate (lake, Airflow, PGlite data). */
  PLATFORM_HOME: z.string().default(".platform"),
  LAKE_BUCKETS: csv.default(["builditall-lake"]),

  NEXTAUTH_URL: z.url().optional(),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
  LOCAL_SEED_PASSWORD: z.string().min(12, "LOCAL_SEED_PASSWORD must be at least 12 characters").optional(),
  /** Proxies in front of the portal that append to X-Forwarded-For (the ALB: 1); the sign-in limit counts the address the outermost one saw. 0: trust no header. */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(1),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** The Bearer token OpenLineage clients send to POST /api/v1/lineage (Secrets Manager on AWS); unset: the route answers 503. */
  LINEAGE_API_KEY: z.string().min(32, "LINEAGE_API_KEY must be at least 32 characters").optional(),
  /** The ID token claim that lists a person's groups: `cognito:groups` for Cognito, `roles` for Entra ID app roles. */
  OIDC_GROUPS_CLAIM: z.string().regex(/^[\w:./-]{1,100}$/, "OIDC_GROUPS_CLAIM: a claim name (letters, digits, _ : . / -)").default("cognito:groups"),
  /** Which IdP group gives which role, `group=role,group=role`; a member of several groups gets the highest. Re-read at every sign-in. */
  OIDC_ROLE_MAP: roleMap.optional(),
  /** The role of a person in no mapped group; unset, such a person has no access (a page says so). */
  OIDC_DEFAULT_ROLE: z.enum(ROLES).optional(),

  /** Overrides every AWS client's endpoint: a moto server or another protocol peer in tests. */
  AWS_ENDPOINT_URL: z.url().optional(),

  /** How old cached cluster snapshots and cost samples may be before a view refreshes them (the staleness bound). */
  CLUSTER_CACHE_MAX_AGE_SECONDS: z.coerce.number().int().min(5).max(3600).default(30),
  COST_CACHE_MAX_AGE_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
  /** How old the cached alarm states may be before the Status page refreshes them. */
  ALARM_CACHE_MAX_AGE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  /** A running cluster idle for longer than this is flagged on the Clusters page. */
  CLUSTER_IDLE_ALERT_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),

  /** The estate's alarms on the Status page: those whose name starts with this (infra/modules/monitoring names them `<name>-…`). */
  ALARM_NAME_PREFIX: z.string().regex(/^[\w.-]{1,200}$/, "ALARM_NAME_PREFIX: letters, digits, _ . - only").default("builditall-local-"),
  /** The environment's monthly budget (the monitoring module's `<name>-monthly`). */
  BUDGET_NAME: z.string().regex(/^[^:\\]{1,100}$/, "BUDGET_NAME: up to 100 characters, no : or \\").default("builditall-local-monthly"),
  /** Local estate: the monthly budget, in USD, the local cost series is held against; unset, ESTATE_ENVIRONMENT's budget in infra/. */
  LOCAL_BUDGET_USD: z.coerce.number().positive().max(10_000_000).optional(),
  /** Which estate of infra/ (dev or prod) the portal estimates the always-on cost of, when AWS/Billing does not measure it. */
  ESTATE_ENVIRONMENT: z.enum(["dev", "prod"]).default("dev"),

  /** The local Airflow's API server port (scripts/airflow/local.sh). */
  AIRFLOW_PORT: z.coerce.number().int().min(1024).max(65535).default(8080),
  /** Background syncs (lib/sync) start with the server unless "false" (tests that drive them). */
  SYNC_ENABLED: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
  /** Airflow's web UI for task log links on MWAA (its private web server); locally the API server's port is used. */
  AIRFLOW_UI_URL: z.url().optional(),
  /** Pause between two polls of the Airflow sync. */
  AIRFLOW_SYNC_INTERVAL_MS: z.coerce.number().int().min(1_000).max(600_000).default(5_000),
});

/** The embedded estate: AWS settings are optional (the region, if set, picks the price table). */
const localMode = common.extend({
  PLATFORM_MODE: z.literal("local"),
  AWS_REGION: awsRegion().optional(),
  MWAA_ENVIRONMENT: z.string().min(1).optional(),
});

/** AWS: the region and the MWAA environment are required, so code in this mode reads them without `!`. */
const awsMode = common.extend({
  PLATFORM_MODE: z.literal("aws"),
  AWS_REGION: awsRegion(requiredInAws("AWS_REGION")),
  MWAA_ENVIRONMENT: z.string(requiredInAws("MWAA_ENVIRONMENT")).min(1),
  /** The account owning BUDGET_NAME (AWS Budgets asks for it); unset, the Costs page has no budget. */
  AWS_ACCOUNT_ID: z.string().regex(/^\d{12}$/, "AWS_ACCOUNT_ID must be 12 digits").optional(),
});

const schema = z
  .preprocess(
    (source) => ({ ...(source as Record<string, unknown>), PLATFORM_MODE: (source as Record<string, unknown>).PLATFORM_MODE ?? "local" }),
    z.discriminatedUnion("PLATFORM_MODE", [localMode, awsMode]),
  )
  .superRefine((e, ctx) => {
    const need = (key: keyof typeof e, why: string) => {
      if (e[key] === undefined) ctx.addIssue({ code: "custom", path: [key], message: `${key} is required ${why}` });
    };
    // `next build` evaluates modules under NODE_ENV=production; secrets belong to the running server.
    if (e.NODE_ENV === "production" && e.NEXT_PHASE !== "phase-production-build") {
      need("NEXTAUTH_SECRET", "in production");
      need("NEXTAUTH_URL", "in production");
      need("OIDC_ISSUER", "in production (local accounts are refused there)");
      need("OIDC_CLIENT_ID", "in production");
      need("OIDC_CLIENT_SECRET", "in production");
      need("OIDC_ROLE_MAP", "in production (without it nobody signing in through the IdP gets a role)");
      need("DATABASE_URL", "in production");
    }
  });

/** One of the two modes; narrow on `PLATFORM_MODE` to read the AWS settings. */
export type Env = z.infer<typeof schema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

/**
 * What a running portal server needs beyond what tools (migrations, benchmarks) need: a session
 * secret in every mode. Without one next-auth would derive a predictable secret outside production;
 * the local estate generates one under .platform/ (scripts/up.sh), so nothing runs without it.
 */
export function serverStartProblems(e: Env): string[] {
  if (e.NEXT_PHASE === "phase-production-build") return [];
  return e.NEXTAUTH_SECRET ? [] : ["NEXTAUTH_SECRET is required to start the portal (npm run up generates one under .platform/)"];
}

/** The embedded database unless DATABASE_URL names another. */
export function databaseUrl(e: Env): string {
  return e.DATABASE_URL ?? `postgresql://postgres:postgres@127.0.0.1:${e.EMBEDDED_PG_PORT}/postgres?sslmode=disable`;
}

export function isEmbeddedDatabase(e: Env): boolean {
  return e.DATABASE_URL === undefined;
}
