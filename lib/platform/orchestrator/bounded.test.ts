import { describe, expect, it } from "vitest";
import { bounded } from "./bounded";
import type { CliOutput, CliTransport } from "./transport";

/** A transport whose calls finish only when the test says so, counting how many run at once. */
function gated() {
  const pending: (() => void)[] = [];
  let active = 0;
  let peak = 0;
  const transport: CliTransport = {
    adapter: "local",
    run: () =>
      new Promise<CliOutput>((resolve) => {
        active++;
        peak = Math.max(peak, active);
        pending.push(() => {
          active--;
          resolve({ stdout: "", stderr: "", exitCode: 0 });
        });
      }),
  };
  return { transport, pending, peak: () => peak };
}

describe("a bounded CLI transport", () => {
  it("runs at most `concurrency` commands, queues `queue` more and refuses the rest with Busy", async () => {
    const g = gated();
    const cli = bounded(g.transport, { concurrency: 2, queue: 3, retryAfterSeconds: 7 });
    const calls = Array.from({ length: 10 }, () => cli.run(["version"]).then(() => "ok", (e: { kind?: string; retryAfterSeconds?: number }) => `${e.kind}:${e.retryAfterSeconds}`));
    await new Promise((r) => setTimeout(r, 0));
    // Let every call finish, the queued ones as slots free.
    while (g.pending.length) {
      g.pending.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
    const results = await Promise.all(calls);
    expect(results.filter((r) => r === "ok")).toHaveLength(5);
    expect(results.filter((r) => r === "busy:7")).toHaveLength(5);
    expect(g.peak()).toBe(2);
  });

  it("frees the slot when a command fails", async () => {
    const failing: CliTransport = { adapter: "local", run: () => Promise.reject(new Error("boom")) };
    const cli = bounded(failing, { concurrency: 1, queue: 0, retryAfterSeconds: 1 });
    await expect(cli.run(["version"])).rejects.toThrow("boom");
    await expect(cli.run(["version"])).rejects.toThrow("boom");
  });
});
