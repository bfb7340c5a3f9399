import type { BudgetBody } from "@/lib/client/queries";
import { CostProvenance } from "./provenance";

const dollars = (x: number) => `$${x.toLocaleString("en-US", { maximumFractionDigits: 0 })}`;
const percent = (x: number, of: number) => `${Math.round((100 * x) / of)} %`;

/** The environment's budget this month: limit, spent, forecast and where the alerts fire. */
export function BudgetPanel({ body }: { body: BudgetBody }) {
  const b = body.budget;
  if (!b) {
    return (
      <section aria-label="Budget" className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-600">
        No budget figures cached yet{body.freshness.error ? `: the source did not answer (${body.freshness.error})` : ""}.
      </section>
    );
  }
  const scale = Math.max(b.limitUsd, b.actualUsd, b.forecastUsd ?? 0) * 1.05;
  const at = (x: number) => `${Math.min(100, (100 * x) / scale)}%`;
  const alertUsd = (a: (typeof b.alerts)[number]) => (a.absolute ? a.threshold : (a.threshold / 100) * b.limitUsd);
  const reached = (a: (typeof b.alerts)[number]) => {
    const value = a.kind === "ACTUAL" ? b.actualUsd : b.forecastUsd;
    return value !== null && (a.comparison === "LESS_THAN" ? value < alertUsd(a) : value > alertUsd(a));
  };
  return (
    <section aria-labelledby="budget-heading" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="budget-heading" className="text-lg font-semibold">
          Budget this month
        </h2>
        <span className="text-xs text-slate-500">
          {b.name} · {b.periodStart.slice(0, 10)} to {b.periodEnd.slice(0, 10)} (UTC) · USD
        </span>
      </div>
      <dl className="grid gap-3 sm:grid-cols-3">
        <div>
          <dt className="text-xs text-slate-500">Budget</dt>
          <dd className="text-xl font-semibold">{dollars(b.limitUsd)}</dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Spent so far</dt>
          <dd className="text-xl font-semibold">
            {dollars(b.actualUsd)} <span className="text-sm font-normal text-slate-500">{percent(b.actualUsd, b.limitUsd)} of the budget</span>
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">Forecast for the month</dt>
          <dd className="text-xl font-semibold">
            {b.forecastUsd === null ? "not yet" : dollars(b.forecastUsd)}
            {b.forecastUsd !== null && <span className="text-sm font-normal text-slate-500"> {percent(b.forecastUsd, b.limitUsd)} of the budget</span>}
          </dd>
        </div>
      </dl>
      <div className="relative h-6 rounded bg-slate-100" role="img" aria-label={`Spent ${dollars(b.actualUsd)}, forecast ${b.forecastUsd === null ? "not yet" : dollars(b.forecastUsd)}, budget ${dollars(b.limitUsd)}`}>
        {b.forecastUsd !== null && <div className="absolute inset-y-0 left-0 rounded bg-sky-200" style={{ width: at(b.forecastUsd) }} />}
        <div className="absolute inset-y-0 left-0 rounded bg-sky-600" style={{ width: at(b.actualUsd) }} />
        {b.alerts.map((a) => (
          <div key={`${a.kind}-${a.threshold}`} className="absolute -inset-y-1 w-0.5 bg-rose-600" style={{ left: at(alertUsd(a)) }} title={`${a.kind.toLowerCase()} alert at ${dollars(alertUsd(a))}`} />
        ))}
      </div>
      <ul className="space-y-1 text-sm">
        {b.alerts.map((a) => (
          <li key={`${a.kind}-${a.threshold}`}>
            Alert when {a.kind === "ACTUAL" ? "the actual spend" : "the forecast"} is {a.comparison === "LESS_THAN" ? "below" : "above"}{" "}
            {a.absolute ? dollars(a.threshold) : `${a.threshold} % (${dollars(alertUsd(a))})`}
            {reached(a) && <span className="ml-2 rounded-full bg-rose-100 px-2 py-0.5 text-xs font-semibold text-rose-800">reached</span>}
          </li>
        ))}
      </ul>
      <CostProvenance source={b.source} measured={b.measured} />
      <p className="text-xs text-slate-500">
        Cached {b.capturedAt.slice(0, 16).replace("T", " ")} UTC{body.freshness.error ? ` · the source did not answer: ${body.freshness.error}` : ""}
      </p>
    </section>
  );
}
