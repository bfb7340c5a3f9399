import { formatTime } from "./format";

/** Says plainly when the history may be behind: the Airflow sync cannot reach Airflow. */
export function PipelineSyncBanner({ sync }: { sync: { lastSuccessAt: string | null; unreachableSince: string | null; lastError: string | null } }) {
  if (sync.unreachableSince) {
    return (
      <p role="alert" className="mb-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        Airflow unreachable since {formatTime(sync.unreachableSince)}; the history shows what was known at{" "}
        {formatTime(sync.lastSuccessAt)} and catches up when Airflow answers again. {sync.lastError && <span className="font-mono text-xs">({sync.lastError.slice(0, 200)})</span>}
      </p>
    );
  }
  return (
    <p className="mb-4 text-xs text-slate-500">
      {sync.lastSuccessAt ? `Synced from Airflow ${formatTime(sync.lastSuccessAt)}.` : "The Airflow sync has not completed a poll yet."}
    </p>
  );
}
