import type { Command } from "@/lib/platform/orchestrator/commands";
import type { CliOutput, CliTransport } from "@/lib/platform/orchestrator/transport";

/**
 * An Airflow CLI stand-in for the benchmark only: answers the sync's commands for N DAGs in
 * Airflow 3.0.6's JSON shapes, so the calls per sync cycle can be counted at 20 DAGs (the local
 * Airflow has two). It counts; it does not time anything.
 */
export function recordedAirflow(dagCount: number): CliTransport & { activeRuns: Set<string>; calls: Command[] } {
  const dags = Array.from({ length: dagCount }, (_, i) => `dag_${String(i).padStart(2, "0")}`);
  const activeRuns = new Set<string>();
  const calls: Command[] = [];
  const ok = (stdout: string): CliOutput => ({ stdout, stderr: "", exitCode: 0 });
  return {
    adapter: "local",
    activeRuns,
    calls,
    async run(argv) {
      calls.push(argv);
      const [group, verb, dagId, runId] = argv;
      if (group === "dags" && verb === "list") {
        return ok(
          JSON.stringify(
            dags.map((d) => ({ dag_id: d, is_paused: "False", description: null, timetable_summary: "0 0 * * *", tags: [], next_dagrun_run_after: "2026-11-27 00:00:00+00:00" })),
          ),
        );
      }
      if (group === "dags" && verb === "show") return { stdout: "", stderr: "Traceback (most recent call last):\nAirflowException: no graphviz", exitCode: 1 };
      if (group === "tasks" && verb === "list") return ok("start\nwork\nend\n");
      if (group === "dags" && verb === "list-import-errors") return ok("[]");
      if (group === "dags" && verb === "list-runs") {
        const runs = [...activeRuns].filter((r) => r.startsWith(`${dagId}/`)).map((r) => r.split("/")[1]);
        return ok(JSON.stringify(runs.map((r) => ({ dag_id: dagId, run_id: r, state: "running", run_after: "2026-11-26T06:00:00+00:00", logical_date: "", start_date: "2026-11-26T06:00:01+00:00", end_date: "" }))));
      }
      if (group === "tasks" && verb === "states-for-dag-run") {
        return ok(JSON.stringify(["start", "work", "end"].map((t) => ({ dag_id: dagId, logical_date: "", task_id: t, state: t === "start" ? "success" : null, start_date: "", end_date: "", run: runId }))));
      }
      return { stdout: "", stderr: `airflow command error: ${argv.join(" ")} not recorded`, exitCode: 2 };
    },
  };
}
