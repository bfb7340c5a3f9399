import Link from "next/link";

/** A DAG the run history does not know: mistyped, removed, or not yet seen by the sync. */
export default function DagNotFound() {
  return (
    <div className="max-w-xl space-y-3">
      <p className="text-sm font-semibold text-slate-500">404 — Not found</p>
      <h1 className="text-2xl font-semibold">No DAG by that name</h1>
      <p className="text-sm text-slate-600">
        The portal knows the DAGs Airflow had at its last sync, every few seconds. A DAG just added, or an Airflow just started, appears after
        the next one.
      </p>
      <Link href="/pipelines" className="inline-block text-sky-700 underline">
        All pipelines
      </Link>
    </div>
  );
}
