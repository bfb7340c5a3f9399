"use client";

import { TableHead } from "@/components/ui/table-head";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { rangeOf } from "@/lib/costs/range";
import { queries, type CostsBody } from "@/lib/client/queries";
import { BarChart } from "@/components/ui/charts/bar-chart";
import { LineChart } from "@/components/ui/charts/line-chart";
import { euros } from "@/components/clusters/format";
import { RUN_COST_CSV_HEADER, runCostCsvRows } from "./csv";
import { CostCsvButton } from "./csv-button";
import { CostProvenance } from "./provenance";
import { EstateSplit } from "./split";

export const RANGES = [7, 30, 90] as const;

function Panel({ title, children, csv }: { title: string; children: React.ReactNode; csv?: React.ReactNode }) {
  return (
    <section aria-label={title} className="space-y-2">
      <div className="flex items-center justify-between">
        <h2 className="text-lg font-semibold">{title}</h2>
        {csv}
      </div>
      {children}
    </section>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note?: React.ReactNode }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      <div className="text-xs text-slate-500">{label}</div>
      <div className="text-xl font-semibold">{value}</div>
      {note}
    </div>
  );
}

/** The cost dashboards over a chosen range, from the cached samples. */
export function CostDashboard({ initial, initialDays }: { initial: CostsBody; initialDays: number }) {
  const [days, setDays] = useState<number>(initialDays);
  const range = rangeOf(days);
  const { data, error, isFetching } = useQuery({
    ...queries.costs.report(range.from, range.to),
    initialData: days === initialDays ? initial : undefined,
  });
  if (!data) return <p className="text-slate-600">Loading {days} days…</p>;
  const r = data.report;
  const emr = r.services.find((s) => s.service === "emr");
  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center gap-3">
        <label className="text-sm" htmlFor="cost-range">
          Range
        </label>
        <select id="cost-range" value={days} onChange={(e) => setDays(Number(e.target.value))} className="rounded border border-slate-300 px-2 py-1 text-sm">
          {RANGES.map((d) => (
            <option key={d} value={d}>
              last {d} days
            </option>
          ))}
        </select>
        <span className="text-xs text-slate-500">
          {r.days[0]} to {r.days.at(-1)} (UTC) · prices of {r.prices.takenOn}, {r.prices.region}, 1 USD = {r.prices.eurPerUsd} EUR
          {isFetching ? " · refreshing…" : ""}
        </span>
      </div>
      {r.estimatedAsOnAws && (
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Local estate: every euro here is <strong>estimated as on AWS</strong> — the local runs priced as if they had run on the production instance types and services.
        </p>
      )}

      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Figure label="Total over the range" value={euros(r.total)} note={<CostProvenance source="sum of the services below" measured={r.services.every((s) => s.measured)} />} />
        <Figure label="Spot savings" value={euros(r.spotSavings.eur)} note={<CostProvenance source={`vs ${euros(r.spotSavings.onDemandEur)} on demand; ${r.spotSavings.source}`} measured={false} />} />
        <Figure label="Idle cluster time" value={`${r.idle.minutes} min`} note={<CostProvenance source={r.idle.source} measured={r.idle.measured} />} />
        <Figure
          label="Records processed per euro"
          value={r.recordsPerEur.value === null ? "—" : r.recordsPerEur.value.toLocaleString("en-GB")}
          note={<CostProvenance source={r.recordsPerEur.source} measured={false} />}
        />
      </div>

      <Panel title="The estate or the pipeline?">
        <EstateSplit split={r.split} total={r.total} />
      </Panel>

      <Panel
        title="Daily cost by service"
        csv={<CostCsvButton label="daily cost by service" filename={`costs-by-service-${range.from}-${range.to}.csv`} header={["day", ...r.services.map((s) => `${s.label} (EUR)`)]} rows={r.days.map((d, i) => [d, ...r.services.map((s) => s.daily[i] ?? 0)])} />}
      >
        <BarChart title="Estimated daily platform cost" unit="EUR" categories={r.days} series={r.services.map((s) => ({ name: s.label, values: s.daily }))} />
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Cost by service</caption>
          <thead className="text-slate-600">
            <tr>
              <th scope="col" className="py-1">Service</th>
              <th scope="col" className="py-1">Total</th>
              <th scope="col" className="py-1">Where it comes from</th>
            </tr>
          </thead>
          <tbody>
            {r.services.map((s) => (
              <tr key={s.service} className="border-t border-slate-100">
                <td className="py-1">{s.label}</td>
                <td className="py-1 font-mono">{euros(s.total)}</td>
                <td className="py-1 text-xs text-slate-600">
                  <span className={s.measured ? "text-emerald-700" : "text-amber-700"}>{s.measured ? "measured" : "estimated"}</span> · {s.source}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {r.services.every((s) => s.service !== "transfer") && <p className="text-xs text-slate-500">Data transfer is not estimated locally: only AWS/Billing measures it.</p>}
      </Panel>

      <Panel
        title="Cost per pipeline run"
        csv={<CostCsvButton label="cost per run" filename={`costs-per-run-${range.from}-${range.to}.csv`} header={RUN_COST_CSV_HEADER} rows={runCostCsvRows(r.runs)} />}
      >
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Cost per pipeline run</caption>
            <TableHead columns={["DAG run", "Cluster", "Created", "Cost", "On demand would be", "Instance-hours", "Idle"]} />
            <tbody>
              {r.runs.map((x) => (
                <tr key={x.clusterId} className="border-t border-slate-100">
                  <td className="px-3 py-1.5 text-xs">{x.dagId ? `${x.dagId} · ${x.runId}` : "—"}</td>
                  <td className="px-3 py-1.5 font-mono text-xs">{x.clusterId}</td>
                  <td className="px-3 py-1.5 font-mono text-xs">{x.createdAt.slice(0, 16).replace("T", " ")}</td>
                  <td className="px-3 py-1.5 font-mono">
                    {euros(x.eur)}
                    {!x.final && <span className="ml-1 text-xs text-slate-500">(running)</span>}
                  </td>
                  <td className="px-3 py-1.5 font-mono">{euros(x.onDemandEur)}</td>
                  <td className="px-3 py-1.5 font-mono">{x.instanceHours}</td>
                  <td className="px-3 py-1.5">{x.idleMinutes} min</td>
                </tr>
              ))}
              {r.runs.length === 0 && (
                <tr>
                  <td colSpan={7} className="px-3 py-3 text-slate-500">
                    No cluster ran in this range.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <CostProvenance source={r.estimateSource} measured={false} />
      </Panel>

      <Panel
        title="Cost per DAG"
        csv={<CostCsvButton label="cost per DAG" filename={`costs-per-dag-${range.from}-${range.to}.csv`} header={["dag", "runs", "EUR", "records"]} rows={r.dags.map((d) => [d.dagId, d.runs, d.eur, d.records])} />}
      >
        <BarChart title="Estimated cost per DAG over the range" unit="EUR" per="DAG" categories={r.dags.map((d) => d.dagId)} series={[{ name: "cost", values: r.dags.map((d) => d.eur) }]} />
        <CostProvenance source={r.estimateSource} measured={false} />
      </Panel>

      <div className="grid gap-6 lg:grid-cols-2">
        <Panel
          title="Idle cluster minutes"
          csv={<CostCsvButton label="idle minutes" filename={`idle-minutes-${range.from}-${range.to}.csv`} header={["day", "idle minutes"]} rows={r.days.map((d, i) => [d, r.idle.daily[i] ?? 0])} />}
        >
          <BarChart title="Minutes clusters sat ready with nothing to run" unit="min" categories={r.days} series={[{ name: "idle", values: r.idle.daily }]} />
          <CostProvenance source={r.idle.source} measured={r.idle.measured} />
        </Panel>
        <Panel
          title="Records processed"
          csv={<CostCsvButton label="records processed" filename={`records-${range.from}-${range.to}.csv`} header={["day", "records"]} rows={r.days.map((d, i) => [d, r.records.daily[i] ?? 0])} />}
        >
          <BarChart title="Records processed per day" unit="records" categories={r.days} series={[{ name: "records", values: r.records.daily }]} />
          <CostProvenance source={r.records.source} measured={r.records.measured} />
        </Panel>
      </div>

      <Panel
        title="Storage by lake prefix"
        csv={<CostCsvButton label="storage by prefix" filename={`storage-${range.from}-${range.to}.csv`} header={["day", ...r.storage.map((s) => `${s.prefix} (GB)`)]} rows={r.days.map((d, i) => [d, ...r.storage.map((s) => s.dailyGb[i] ?? null)])} />}
      >
        {r.storage.length === 0 ? (
          <p className="text-sm text-slate-600">No storage samples in this range yet.</p>
        ) : (
          <>
            <LineChart
              title="Lake size per prefix"
              unit="GB"
              xLabel="day (UTC)"
              series={r.storage.map((s) => ({ name: s.prefix, points: r.days.map((d, i) => ({ x: Date.parse(`${d}T00:00:00Z`), y: s.dailyGb[i] ?? null })) }))}
            />
            <CostProvenance source={r.storage[0]!.source} measured={r.storage[0]!.measured} />
          </>
        )}
      </Panel>

      <p className="text-xs text-slate-500">
        Cost samples cached {data.freshness.costs.lastSuccessAt?.slice(0, 19).replace("T", " ") ?? "never"} UTC, refreshed when older than {data.freshness.costs.maxAgeSeconds / 60} min
        {data.freshness.costs.error ? ` · the source did not answer: ${data.freshness.costs.error}` : ""}
        {emr && !emr.measured ? " · EMR compute priced from cluster instance-hours" : ""}
        {error ? ` · last refresh failed: ${error.message}` : ""}
      </p>
    </div>
  );
}
