import { clusterCost, toEur } from "./model";
import { fixedEstate, type EstateEnvironment } from "./estate";
import { EUR_PER_USD, PRICES_TAKEN_ON, S3_STANDARD_GB_MONTH, type PriceRegion } from "./prices";
import { metricName } from "./samples";
import { startOfDay } from "./range";
import { BILLING_SERVICES, LAKE_PREFIXES, SERVICE_KIND, SERVICE_LABELS, SERVICES, type Service } from "./services";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { InstanceGroup } from "@/lib/platform/clusters/port";
import { PLATFORM_NAMESPACE } from "@/lib/platform/metrics/port";

/** Where a figure came from, and whether it was measured or estimated. */
export interface Provenance {
  source: string;
  measured: boolean;
}

export interface RunCost {
  clusterId: string;
  dagId: string | null;
  runId: string | null;
  createdAt: string;
  state: string;
  eur: number;
  onDemandEur: number;
  spotSavingsEur: number;
  instanceHours: number;
  idleMinutes: number;
  /** False while the cluster runs. */
  final: boolean;
}

export interface CostReport {
  from: string;
  to: string;
  /** YYYY-MM-DD, UTC, one per day of the range: every daily array lines up with it. */
  days: string[];
  currency: "EUR";
  /** Local mode: priced as if run on the production instance types. */
  estimatedAsOnAws: boolean;
  prices: { takenOn: string; region: PriceRegion; eurPerUsd: number };
  /** Where every per-cluster estimate (runs, DAGs, spot savings) comes from. */
  estimateSource: string;
  services: ({ service: Service; label: string; total: number; daily: number[] } & Provenance)[];
  total: number;
  /** The total split by how it bills: the always-on estate, the pipeline's runs, storage and transfer. */
  split: { fixed: number; perRun: number; usage: number };
  runs: (RunCost & Provenance)[];
  dags: { dagId: string; runs: number; eur: number; records: number }[];
  spotSavings: { eur: number; onDemandEur: number } & Provenance;
  idle: { minutes: number; daily: number[] } & Provenance;
  storage: ({ prefix: string; dailyGb: (number | null)[] } & Provenance)[];
  records: { total: number; daily: number[] } & Provenance;
  recordsPerEur: { value: number | null } & Provenance;
}

const DAY_MS = 86_400_000;
const GB = 1024 ** 3;
const day = (d: Date) => d.toISOString().slice(0, 10);
const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * The cost dashboards' figures for [from, to), from Postgres only (cluster snapshots and cached cost
 * samples): a view never calls CloudWatch. Money in EUR at the price table's rate.
 */
export async function costReport(deps: {
  prisma: PrismaClient;
  from: Date;
  to: Date;
  region: PriceRegion;
  mode: "local" | "aws";
  /** Whose always-on estate is estimated when AWS/Billing does not measure it. */
  environment: EstateEnvironment;
  bucket: string;
  now?: Date;
}): Promise<CostReport> {
  const now = deps.now ?? new Date();
  const from = startOfDay(deps.from);
  const to = deps.to;
  const days: string[] = [];
  for (let t = from.getTime(); t < to.getTime(); t += DAY_MS) days.push(day(new Date(t)));
  const index = new Map(days.map((d, i) => [d, i]));
  const zeros = () => days.map(() => 0);
  const eur = (usd: number) => usd * EUR_PER_USD;
  const local = deps.mode === "local";
  const pricedFrom = local ? `price table ${PRICES_TAKEN_ON}, estimated as on AWS (${deps.region})` : `price table ${PRICES_TAKEN_ON} (${deps.region})`;

  const [snapshots, samples] = await Promise.all([
    deps.prisma.clusterSnapshot.findMany({ where: { createdAt: { gte: from, lt: to } }, orderBy: { capturedAt: "desc" } }),
    deps.prisma.costSample.findMany({ where: { ts: { gte: new Date(from.getTime() - DAY_MS), lt: to } }, orderBy: { ts: "asc" } }),
  ]);
  const sampleSource = samples[0]?.source === "cloudwatch" ? "CloudWatch" : "local run figures";

  // Per cluster: its latest capture, priced.
  const latest = new Map<string, (typeof snapshots)[number]>();
  for (const s of snapshots) if (!latest.has(s.clusterId)) latest.set(s.clusterId, s);
  const runs: CostReport["runs"] = [...latest.values()].map((s) => {
    const c = clusterCost({ createdAt: s.createdAt!, endedAt: s.endedAt, instanceGroups: s.instanceGroups as unknown as InstanceGroup[] }, deps.region, now);
    return {
      clusterId: s.clusterId,
      dagId: s.dagId,
      runId: s.runId,
      createdAt: s.createdAt!.toISOString(),
      state: s.state,
      eur: toEur(c.cost),
      onDemandEur: toEur(c.onDemandCost),
      spotSavingsEur: toEur(c.spotSavings),
      instanceHours: round(c.instanceHours),
      idleMinutes: round((s.idleSeconds ?? 0) / 60, 1),
      final: c.final,
      source: pricedFrom,
      measured: false,
    };
  });
  runs.sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  const valuesOf = (metric: string, match: (d: Record<string, string>) => boolean = () => true) => {
    const daily = zeros();
    let found = false;
    for (const s of samples) {
      const i = index.get(day(s.ts));
      if (s.metric !== metric || i === undefined || !match(s.dimensions as Record<string, string>)) continue;
      daily[i]! += Number(s.value);
      found = true;
    }
    return { daily, found };
  };

  // Services: AWS/Billing when the account publishes it (month-to-date, so a day is the difference
  // from the day before), otherwise estimates from the price table.
  const billing = samples.filter((s) => s.metric === metricName("AWS/Billing", "EstimatedCharges"));
  const services: CostReport["services"] = [];
  if (billing.length > 0) {
    // Only the services AWS/Billing's service names are mapped to: no measured zero for the others.
    for (const service of SERVICES.filter((x) => Object.values(BILLING_SERVICES).includes(x as never))) {
      const daily = zeros();
      for (const [name, target] of Object.entries(BILLING_SERVICES)) {
        if (target !== service) continue;
        const points = billing.filter((s) => (s.dimensions as Record<string, string>).ServiceName === name);
        points.forEach((p, k) => {
          const i = index.get(day(p.ts));
          if (i === undefined) return;
          const previous = points[k - 1];
          const firstOfMonth = p.ts.getUTCDate() === 1;
          const contiguous = previous && p.ts.getTime() - previous.ts.getTime() === DAY_MS;
          const usd = firstOfMonth ? Number(p.value) : contiguous ? Number(p.value) - Number(previous.value) : 0;
          daily[i]! += eur(Math.max(0, usd));
        });
      }
      services.push({ service, label: SERVICE_LABELS[service], daily: daily.map((x) => round(x)), total: round(daily.reduce((a, b) => a + b, 0)), source: "CloudWatch AWS/Billing EstimatedCharges", measured: true });
    }
  } else {
    const fixed = fixedEstate(deps.environment);
    const emr = zeros();
    for (const r of runs) {
      const i = index.get(r.createdAt.slice(0, 10));
      if (i !== undefined) emr[i]! += r.eur;
    }
    const bytes = valuesOf(metricName("AWS/S3", "BucketSizeBytes"), (d) => d.Prefix === undefined);
    // Hours of each day inside the range (today only up to now), for the always-on services.
    const hours = days.map((d) => {
      const start = new Date(`${d}T00:00:00Z`).getTime();
      return Math.max(0, Math.min(start + DAY_MS, Math.min(to.getTime(), now.getTime())) - start) / 3_600_000;
    });
    const hourly = (usdPerHour: number) => hours.map((h) => eur(h * usdPerHour));
    const estimate = (service: Service, daily: number[], source: string) =>
      services.push({ service, label: SERVICE_LABELS[service], daily: daily.map((x) => round(x)), total: round(daily.reduce((a, b) => a + b, 0)), source, measured: false });
    estimate("emr", emr, `cluster instance-hours × ${pricedFrom}`);
    estimate(
      "s3",
      bytes.daily.map((b) => eur((b / GB) * (S3_STANDARD_GB_MONTH[deps.region] / 30))),
      `lake size (${local ? "measured on disk" : "AWS/S3 BucketSizeBytes"}) × S3 Standard, ${pricedFrom}`,
    );
    // The always-on estate of this environment, as infra's estimate prices its Terraform.
    for (const [service, f] of fixed) estimate(service, hourly(f.usdPerHour), `always on, ${deps.environment} estate (${f.items.join(", ")}), ${pricedFrom}`);
    services.sort((a, b) => SERVICES.indexOf(a.service) - SERVICES.indexOf(b.service));
  }

  const totalOf = (kind: (typeof SERVICE_KIND)[Service]) => round(services.filter((s) => SERVICE_KIND[s.service] === kind).reduce((a, s) => a + s.total, 0));
  const records = valuesOf(metricName(PLATFORM_NAMESPACE, "RecordsProcessed"));
  const recordsTotal = records.daily.reduce((a, b) => a + b, 0);
  const emrTotal = services.find((s) => s.service === "emr")?.total ?? 0;

  const dags = new Map<string, { dagId: string; runs: number; eur: number; records: number }>();
  for (const r of runs) {
    const key = r.dagId ?? "(no DAG run tag)";
    const d = dags.get(key) ?? { dagId: key, runs: 0, eur: 0, records: 0 };
    d.runs += 1;
    d.eur = round(d.eur + r.eur);
    dags.set(key, d);
  }
  for (const s of samples.filter((s) => s.metric === metricName(PLATFORM_NAMESPACE, "RecordsProcessed") && index.has(day(s.ts)))) {
    const key = (s.dimensions as Record<string, string>).DagId ?? "";
    const d = dags.get(key) ?? { dagId: key, runs: 0, eur: 0, records: 0 };
    d.records += Number(s.value);
    dags.set(key, d);
  }

  const idle = zeros();
  for (const r of runs) {
    const i = index.get(r.createdAt.slice(0, 10));
    if (i !== undefined) idle[i]! += r.idleMinutes;
  }

  return {
    from: from.toISOString(),
    to: to.toISOString(),
    days,
    currency: "EUR",
    estimatedAsOnAws: local,
    prices: { takenOn: PRICES_TAKEN_ON, region: deps.region, eurPerUsd: EUR_PER_USD },
    estimateSource: `cluster instance-hours × ${pricedFrom}`,
    services,
    total: round(services.reduce((a, s) => a + s.total, 0)),
    split: { fixed: totalOf("fixed"), perRun: totalOf("perRun"), usage: totalOf("usage") },
    runs,
    dags: [...dags.values()].sort((a, b) => b.eur - a.eur),
    spotSavings: {
      eur: round(runs.reduce((a, r) => a + r.spotSavingsEur, 0)),
      onDemandEur: round(runs.reduce((a, r) => a + r.onDemandEur, 0)),
      source: `spot vs on-demand instance-hours × ${pricedFrom}`,
      measured: false,
    },
    idle: { minutes: round(idle.reduce((a, b) => a + b, 0), 1), daily: idle.map((x) => round(x, 1)), source: "cluster timelines and steps", measured: true },
    storage: [undefined, ...LAKE_PREFIXES].map((prefix) => {
      const v = valuesOf(metricName("AWS/S3", "BucketSizeBytes"), (d) => d.Prefix === prefix);
      const seen = new Set(samples.filter((s) => s.metric === metricName("AWS/S3", "BucketSizeBytes") && (s.dimensions as Record<string, string>).Prefix === prefix).map((s) => day(s.ts)));
      return {
        prefix: prefix ?? "(whole lake)",
        dailyGb: v.daily.map((b, i) => (seen.has(days[i]!) ? round(b / GB, 6) : null)),
        source: local ? "lake size on disk, sampled once a day by the cost sync" : "CloudWatch AWS/S3 BucketSizeBytes",
        measured: true,
      };
    }).filter((s) => s.dailyGb.some((x) => x !== null)),
    records: { total: recordsTotal, daily: records.daily, source: `${sampleSource}: ${PLATFORM_NAMESPACE} RecordsProcessed`, measured: true },
    recordsPerEur: {
      value: emrTotal > 0 ? Math.round(recordsTotal / emrTotal) : null,
      source: `records processed ÷ EMR compute (${services.find((s) => s.service === "emr")?.measured ? "measured" : "estimated"})`,
      measured: false,
    },
  };
}
