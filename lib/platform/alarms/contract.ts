import { expect, it } from "vitest";
import { contractSuite, type AdapterUnderTest } from "../contract";
import { ALARM_STATES, type Alarms } from "./port";

/** The estate's alarm names (infra/modules/monitoring) under the contract's prefix. */
export const CONTRACT_PREFIX = "contract-estate-";
export const FAILED_RUN_ALARM = `${CONTRACT_PREFIX}dag-run-failed`;
export const IDLE_CLUSTER_ALARM = `${CONTRACT_PREFIX}emr-cluster-idle`;

/**
 * A factory hands over an adapter watching CONTRACT_PREFIX on an estate where a DAG run failed a
 * minute ago (FAILED_RUN_ALARM fires) and no cluster has idled long (IDLE_CLUSTER_ALARM is OK),
 * and where an alarm of another estate exists beside them.
 */
export function alarmsContract(adapterName: string, factory: () => Promise<AdapterUnderTest<Alarms>>): void {
  contractSuite("Alarms", adapterName, factory, (alarms) => {
    it("probes its source", async () => {
      expect(await alarms().probe()).toMatch(/\S/);
    });

    it("lists the estate's alarms by name, and only those", async () => {
      const names = (await alarms().list()).map((a) => a.name);
      expect(names).toEqual([FAILED_RUN_ALARM, IDLE_CLUSTER_ALARM]);
    });

    it("gives each alarm its state, since when, the metric it watches and its rule", async () => {
      const [failed, idle] = await alarms().list();
      for (const a of [failed!, idle!]) expect(ALARM_STATES).toContain(a.state);
      expect(failed).toMatchObject({ state: "ALARM", metric: expect.stringContaining("DagRunFailed"), condition: "≥ 1 over 1 × 300 s" });
      expect(failed!.since!.getTime()).toBeGreaterThan(Date.now() - 10 * 60_000);
      expect(failed!.since!.getTime()).toBeLessThanOrEqual(Date.now());
      expect(failed!.description).toMatch(/DAG run failed/);
      expect(idle).toMatchObject({ state: "OK", metric: expect.stringContaining("IsIdle"), condition: "≥ 1 over 6 × 300 s" });
    });
  });
}
