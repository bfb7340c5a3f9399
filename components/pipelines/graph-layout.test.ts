import { describe, expect, it } from "vitest";
import { layoutDag } from "./graph-layout";

describe("the DAG layout", () => {
  it("puts every task right of its upstream tasks", () => {
    const tasks = [
      { taskId: "begin", downstream: ["create", "end"] },
      { taskId: "create", downstream: ["submit"] },
      { taskId: "submit", downstream: ["end"] },
      { taskId: "end", downstream: [] },
    ];
    const { nodes, edges, columns } = layoutDag(tasks);
    const col = Object.fromEntries(nodes.map((n) => [n.taskId, n.column]));
    expect(col).toEqual({ begin: 0, create: 1, submit: 2, end: 3 });
    expect(edges.every(([a, b]) => col[a]! < col[b]!)).toBe(true);
    expect(columns).toBe(4);
  });

  it("stacks parallel tasks in rows and ignores edges to unknown tasks", () => {
    const { nodes, rows, edges } = layoutDag([
      { taskId: "a", downstream: ["b", "c", "ghost"] },
      { taskId: "b", downstream: [] },
      { taskId: "c", downstream: [] },
    ]);
    expect(rows).toBe(2);
    expect(nodes.filter((n) => n.column === 1).map((n) => n.row).sort()).toEqual([0, 1]);
    expect(edges).toEqual([["a", "b"], ["a", "c"]]);
  });

  it("lays out tasks without edges in one column", () => {
    const { columns, rows } = layoutDag([{ taskId: "x", downstream: [] }, { taskId: "y", downstream: [] }]);
    expect([columns, rows]).toEqual([1, 2]);
  });
});
