/**
 * Layered layout of a DAG, left to right: each task's column is the longest path to it from a
 * source (so every edge points right), rows within a column ordered by the mean row of the
 * task's upstream tasks to keep edges short. Cycles cannot happen in a DAG; a broken input
 * (an edge to an unknown task) is ignored rather than drawn.
 */
export interface LaidOutNode {
  taskId: string;
  column: number;
  row: number;
}

export function layoutDag(tasks: { taskId: string; downstream: string[] }[]): { nodes: LaidOutNode[]; edges: [string, string][]; columns: number; rows: number } {
  const ids = new Set(tasks.map((t) => t.taskId));
  const edges: [string, string][] = tasks.flatMap((t) => t.downstream.filter((d) => ids.has(d) && d !== t.taskId).map((d): [string, string] => [t.taskId, d]));
  const upstream = new Map<string, string[]>([...ids].map((id) => [id, []]));
  for (const [from, to] of edges) upstream.get(to)!.push(from);

  const column = new Map<string, number>();
  const visiting = new Set<string>();
  const depth = (id: string): number => {
    const known = column.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const d = Math.max(-1, ...upstream.get(id)!.map(depth)) + 1;
    visiting.delete(id);
    column.set(id, d);
    return d;
  };
  for (const id of ids) depth(id);

  const columns = Math.max(0, ...column.values()) + 1;
  const row = new Map<string, number>();
  let rows = 0;
  for (let c = 0; c < columns; c++) {
    const inColumn = [...ids].filter((id) => column.get(id) === c);
    const weight = (id: string) => {
      const ups = upstream.get(id)!.map((u) => row.get(u) ?? 0);
      return ups.length ? ups.reduce((a, b) => a + b, 0) / ups.length : 0;
    };
    inColumn.sort((a, b) => weight(a) - weight(b) || a.localeCompare(b));
    inColumn.forEach((id, i) => row.set(id, i));
    rows = Math.max(rows, inColumn.length);
  }
  return { nodes: [...ids].map((taskId) => ({ taskId, column: column.get(taskId)!, row: row.get(taskId)! })), edges, columns, rows };
}
