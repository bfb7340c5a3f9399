/** Shared formatting of the cluster components. */
export function duration(seconds: number | null): string {
  if (seconds === null) return "—";
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export const when = (iso: string | null) => (iso ? iso.slice(0, 19).replace("T", " ") : "—");

export const euros = (value: number) => `€${value.toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: value < 1 ? 4 : 2 })}`;

const STATE_STYLE: Record<string, string> = {
  STARTING: "bg-sky-100 text-sky-800",
  BOOTSTRAPPING: "bg-sky-100 text-sky-800",
  RUNNING: "bg-emerald-100 text-emerald-800",
  WAITING: "bg-amber-100 text-amber-900",
  TERMINATING: "bg-slate-200 text-slate-700",
  TERMINATED: "bg-slate-100 text-slate-600",
  TERMINATED_WITH_ERRORS: "bg-rose-100 text-rose-800",
  PENDING: "bg-slate-100 text-slate-600",
  COMPLETED: "bg-emerald-100 text-emerald-800",
  FAILED: "bg-rose-100 text-rose-800",
  CANCELLED: "bg-slate-200 text-slate-700",
  INTERRUPTED: "bg-rose-100 text-rose-800",
};

export const stateClass = (state: string) => `rounded-full px-2 py-0.5 text-xs font-semibold ${STATE_STYLE[state] ?? "bg-slate-100"}`;

export const TERMINAL = new Set(["TERMINATED", "TERMINATED_WITH_ERRORS"]);
