import hljs from "highlight.js/lib/core";
import python from "highlight.js/lib/languages/python";
import { dagFiles, type DagFiles } from "@/lib/platform";
import { NotFound } from "@/lib/platform/errors";

hljs.registerLanguage("python", python);

/** The largest DAG file the Code tab shows whole; a longer one is cut there and says so. */
export const MAX_DAG_SOURCE_BYTES = 256 * 1024;
/** The bundle whose files CI syncs (and the local Airflow reads from dags/). */
export const SYNCED_BUNDLE = "dags-folder";

export interface DagCode {
  path: string;
  source: string;
  truncated: boolean;
  /** The commit CI synced the folder from (`<prefix>_commit`); null when none was recorded. */
  commit: string | null;
}

/** A DAG's source file and the commit it came from, through the Lake port (lib/platform's dagFiles()). */
export async function readDagCode(files: DagFiles, relativeFileloc: string): Promise<DagCode> {
  const key = files.prefix + relativeFileloc;
  const head = await files.lake.head(files.bucket, key);
  const end = Math.min(head.size, MAX_DAG_SOURCE_BYTES);
  const source = end > 0 ? new TextDecoder().decode(await files.lake.read(files.bucket, key, 0, end)) : "";
  return { path: relativeFileloc, source, truncated: head.size > end, commit: await syncedCommit(files) };
}

async function syncedCommit(files: DagFiles): Promise<string | null> {
  try {
    const text = new TextDecoder().decode(await files.lake.read(files.bucket, `${files.prefix}_commit`, 0, 100)).trim();
    return /^[0-9a-f]{7,40}$/.test(text) ? text : null;
  } catch (error) {
    if (error instanceof NotFound) return null;
    throw error;
  }
}

export type DagCodeView = { path: string; html: string; truncated: boolean; commit: string | null } | { unavailable: string };

/**
 * The Code tab's content: the source highlighted on the server (highlight.js escapes the text; the
 * CSP allows no inline script, and none is needed), or why there is none to show.
 */
export async function dagCodeView(dag: { bundleName: string | null; relativeFileloc: string | null }): Promise<DagCodeView> {
  if (!dag.relativeFileloc) return { unavailable: "The Airflow sync has not read this DAG's file location yet." };
  if (dag.bundleName && dag.bundleName !== SYNCED_BUNDLE) {
    return { unavailable: `This DAG comes from Airflow's "${dag.bundleName}" bundle, not from dags/: its file is not where CI syncs the DAGs.` };
  }
  try {
    const code = await readDagCode(dagFiles(), dag.relativeFileloc);
    return { path: code.path, html: hljs.highlight(code.source, { language: "python" }).value, truncated: code.truncated, commit: code.commit };
  } catch (error) {
    if (error instanceof NotFound) return { unavailable: `${dag.relativeFileloc} is not in the DAG folder (removed since Airflow parsed it?).` };
    throw error;
  }
}
