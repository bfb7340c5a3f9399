import { expect, it } from "vitest";
import { contractSuite, type AdapterUnderTest } from "../contract";
import { DomainError } from "../errors";
import type { Logs, StepLogRef, TaskLogRef } from "./port";

/** The adapter, and a way to write lines to a try's log as its source would (file or log stream). */
export interface LogsUnderTest {
  logs: Logs;
  append(ref: TaskLogRef, lines: string[]): Promise<void>;
  /** A step's log folder as the Clusters port would report it. */
  stepFolder(clusterId: string, stepId: string): string;
  /** Writes a step's whole stream as EMR (gzipped, whole) or the local step runner does. */
  writeStep(folder: string, stream: "stdout" | "stderr", lines: string[]): Promise<void>;
}

/** Reads in pieces this small, so a "long" log is a few kilobytes. */
export const CONTRACT_READ_BYTES = 1024;

export const contractRef = (over: Partial<TaskLogRef> = {}): TaskLogRef => ({
  dagId: "contract_dag",
  runId: "manual__2026-01-01T00:00:00+00:00_ab12cd34",
  taskId: "extract",
  mapIndex: -1,
  tryNumber: 1,
  ...over,
});

const kindOf = async (p: Promise<unknown>) => {
  try {
    await p;
    return "none";
  } catch (err) {
    return err instanceof DomainError ? err.kind : String(err);
  }
};

const jsonLine = (event: string, level = "info") => JSON.stringify({ timestamp: "2026-01-01T00:00:01.000000Z", level, event, logger: "task" });

/**
 * A factory hands over an adapter reading CONTRACT_READ_BYTES at a time, on an estate with no logs
 * yet; the tests write them through `append`.
 */
export function logsContract(adapterName: string, factory: () => Promise<AdapterUnderTest<LogsUnderTest>>): void {
  contractSuite("Logs", adapterName, factory, (under) => {
    it("probes its source", async () => {
      expect(await under().logs.probe()).toMatch(/\S/);
    });

    it("reads a try's log as readable lines, then only what was written since", async () => {
      const ref = contractRef();
      await under().append(ref, [jsonLine("Task started"), "plain line"]);
      const first = await under().logs.readTaskLog(ref, null);
      expect(first.text).toBe("2026-01-01T00:00:01.000000Z INFO task: Task started\nplain line\n");
      expect(first).toMatchObject({ more: false, truncated: false });

      const idle = await under().logs.readTaskLog(ref, first.cursor);
      expect(idle.text).toBe("");

      await under().append(ref, [jsonLine("Task failed", "error")]);
      const next = await under().logs.readTaskLog(ref, idle.cursor);
      expect(next.text).toBe("2026-01-01T00:00:01.000000Z ERROR task: Task failed\n");
    });

    it("keeps each try and each mapped index apart", async () => {
      await under().append(contractRef({ tryNumber: 2 }), ["second try"]);
      await under().append(contractRef({ mapIndex: 3 }), ["mapped 3"]);
      expect((await under().logs.readTaskLog(contractRef({ tryNumber: 2 }), null)).text).toBe("second try\n");
      expect((await under().logs.readTaskLog(contractRef({ mapIndex: 3 }), null)).text).toBe("mapped 3\n");
    });

    it("gives the tail of a long log first and the whole of it as a download", async () => {
      const ref = contractRef({ taskId: "long_task" });
      const lines = Array.from({ length: 200 }, (_, i) => `line ${String(i).padStart(3, "0")} ${"x".repeat(40)}`);
      await under().append(ref, lines);
      const tail = await under().logs.readTaskLog(ref, null);
      expect(tail.truncated).toBe(true);
      expect(Buffer.byteLength(tail.text)).toBeLessThanOrEqual(CONTRACT_READ_BYTES + 100);
      expect(tail.text.endsWith(`${lines.at(-1)}\n`)).toBe(true);
      expect(tail.text.split("\n")[0]).toMatch(/^line \d{3} x+$/);
      let all = "";
      for await (const piece of under().logs.downloadTaskLog(ref)) all += piece;
      expect(all).toBe(lines.map((l) => `${l}\n`).join(""));
    });

    it("says NotFound for a try with no log, and refuses a bad id or cursor before any read", async () => {
      const logs = under().logs;
      expect(await kindOf(logs.readTaskLog(contractRef({ tryNumber: 9 }), null))).toBe("not_found");
      expect(await kindOf(logs.readTaskLog(contractRef({ taskId: "../../etc" }), null))).toBe("invalid_input");
      expect(await kindOf(logs.readTaskLog(contractRef({ runId: ".." }), null))).toBe("invalid_input");
      expect(await kindOf(logs.readTaskLog(contractRef({ dagId: "a/b" }), null))).toBe("invalid_input");
      await under().append(contractRef({ taskId: "cursor_task" }), ["x"]);
      expect(await kindOf(logs.readTaskLog(contractRef({ taskId: "cursor_task" }), "../x"))).toBe("invalid_input");
    });

    it("reads a step's stderr and stdout apart, its tail first, then from a cursor, and whole as a download", async () => {
      const folder = under().stepFolder("j-CONTRACT0001", "s-CONTRACT0001");
      const lines = Array.from({ length: 120 }, (_, i) => `25/01/01 00:00:${String(i % 60).padStart(2, "0")} INFO stage ${i} ${"y".repeat(30)}`);
      await under().writeStep(folder, "stderr", lines);
      await under().writeStep(folder, "stdout", ["42"]);
      const stderr: StepLogRef = { logUri: folder, stream: "stderr" };
      const logs = under().logs;
      expect((await logs.readStepLog({ logUri: folder, stream: "stdout" }, null)).text).toBe("42\n");
      const tail = await logs.readStepLog(stderr, null);
      expect(tail.truncated).toBe(true);
      expect(tail.text.endsWith(`${lines.at(-1)}\n`)).toBe(true);
      expect(await logs.readStepLog(stderr, tail.cursor)).toMatchObject({ text: "", more: false });
      let all = "";
      for await (const piece of logs.downloadStepLog(stderr)) all += piece;
      expect(all).toBe(lines.map((l) => `${l}\n`).join(""));
      expect(await kindOf(logs.readStepLog({ logUri: under().stepFolder("j-CONTRACT0001", "s-NOSUCHSTEP01"), stream: "stderr" }, null))).toBe("not_found");
      expect(await kindOf(logs.readStepLog({ logUri: "file:///etc/", stream: "stderr" }, null))).toBe("invalid_input");
      expect(await kindOf(logs.readStepLog({ logUri: folder, stream: "passwd" as "stderr" }, null))).toBe("invalid_input");
    });
  });
}
