import { expect, it } from "vitest";
import { contractSuite, type AdapterUnderTest } from "../contract";
import { ACTIVE_STATES, ClusterNotFoundError, STEP_STATES, TERMINAL_STATES, type Clusters } from "./port";

/**
 * What a factory prepares: one live cluster created by the run `dag_id=contract_dag, run_id=run-1`
 * with a primary on demand and two core nodes on spot and one step named `transform`, and one
 * cluster already terminated. The last test terminates the live one.
 */
export interface ClustersFixture {
  clusters: Clusters;
  liveId: string;
  endedId: string;
}

export function clustersContract(adapterName: string, factory: () => Promise<AdapterUnderTest<ClustersFixture>>): void {
  contractSuite("Clusters", adapterName, factory, (under) => {
    it("probes its source", async () => {
      expect(await under().clusters.probe()).toMatch(/\S/);
    });

    it("lists active clusters only when asked for them, newest first", async () => {
      const { clusters, liveId, endedId } = under();
      const active = await clusters.list({ active: true });
      expect(active.map((c) => c.id)).toContain(liveId);
      expect(active.map((c) => c.id)).not.toContain(endedId);
      expect(active.every((c) => ACTIVE_STATES.includes(c.state))).toBe(true);
      const recent = await clusters.list({ active: false, createdAfter: new Date(Date.now() - 86_400_000) });
      expect(recent.map((c) => c.id)).toEqual(expect.arrayContaining([liveId, endedId]));
      const times = recent.map((c) => c.createdAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => b - a));
      expect(await clusters.list({ active: false, createdAfter: new Date(Date.now() + 86_400_000) })).toEqual([]);
    });

    it("describes a cluster: markets per group, its creating DAG run, its timeline", async () => {
      const { clusters, liveId } = under();
      const c = await clusters.describe(liveId);
      expect(c.id).toBe(liveId);
      expect(c.dagRun).toEqual({ dagId: "contract_dag", runId: "run-1" });
      expect(c.instanceGroups).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ role: "MASTER", market: "ON_DEMAND", count: 1 }),
          expect.objectContaining({ role: "CORE", market: "SPOT", count: 2 }),
        ]),
      );
      expect(c.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
      expect(c.endedAt).toBeNull();
      expect(c.stateHistory[0]?.at.getTime()).toBe(c.createdAt.getTime());
    });

    it("reports a terminated cluster with its end and reason", async () => {
      const { clusters, endedId } = under();
      const c = await clusters.describe(endedId);
      expect(TERMINAL_STATES).toContain(c.state);
      expect(c.endedAt).toBeInstanceOf(Date);
      expect(c.idleSince).toBeNull();
    });

    it("lists a cluster's steps with their states and where their logs are", async () => {
      const { clusters, liveId } = under();
      const steps = await clusters.steps(liveId);
      const step = steps.find((s) => s.name === "transform");
      expect(step).toBeDefined();
      expect(STEP_STATES).toContain(step!.state);
      expect(step!.logUri).toContain(step!.id);
    });

    it("answers an unknown or malformed id with ClusterNotFoundError", async () => {
      const { clusters } = under();
      await expect(clusters.describe("j-NOSUCHCLUSTER1")).rejects.toBeInstanceOf(ClusterNotFoundError);
      await expect(clusters.steps("j-NOSUCHCLUSTER1")).rejects.toBeInstanceOf(ClusterNotFoundError);
      await expect(clusters.describe("j-../../etc/passwd")).rejects.toBeInstanceOf(ClusterNotFoundError);
      await expect(clusters.terminate("../j-X")).rejects.toBeInstanceOf(ClusterNotFoundError);
    });

    it("terminates a live cluster, and leaves a terminated one as it is", async () => {
      const { clusters, liveId, endedId } = under();
      const endedBefore = await clusters.describe(endedId);
      await clusters.terminate(liveId);
      const after = await clusters.describe(liveId);
      expect(["TERMINATING", ...TERMINAL_STATES]).toContain(after.state);
      expect((await clusters.list({ active: true })).map((c) => c.id)).not.toContain(endedId);
      await clusters.terminate(endedId);
      expect(await clusters.describe(endedId)).toEqual(endedBefore);
    });
  });
}
