/** State colours and time formats shared by the pipeline and run components (Airflow's palette, roughly). */
export const STATE_COLOURS: Record<string, string> = {
  success: "#15803d",
  failed: "#b91c1c",
  running: "#65a30d",
  queued: "#6b7280",
  scheduled: "#a8a29e",
  up_for_retry: "#d97706",
  up_for_reschedule: "#0d9488",
  upstream_failed: "#ea580c",
  skipped: "#db2777",
  removed: "#cbd5e1",
  deferred: "#7c3aed",
  restarting: "#7c3aed",
};
export const NO_STATE = "#e2e8f0";

export const stateColour = (state: string | null | undefined) => (state ? (STATE_COLOURS[state] ?? NO_STATE) : NO_STATE);

export function formatTime(iso: string | null): string {
  return iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 19) + " UTC" : "—";
}

export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return "—";
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export const runHref = (id: string) => `/runs/${encodeURIComponent(id)}`;
export const dagHref = (dagId: string) => `/pipelines/${encodeURIComponent(dagId)}`;
