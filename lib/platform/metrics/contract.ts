import { expect, it } from "vitest";
import { contractSuite, type AdapterUnderTest } from "../contract";
import { PLATFORM_NAMESPACE, QUERIES_PER_CALL, type MetricQuery, type Metrics } from "./port";

const HOUR = 3_600_000;
/** An hour boundary three hours ago: ranges aligned to the period bucket alike on every source. */
export const contractStart = () => new Date(Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR);

/** Datums a factory must publish (as the pipeline does) before handing over the adapter, at `contractStart() + offsetMinutes`. */
export const CONTRACT_DATUMS = [
  { metric: "RecordsProcessed", dagId: "contract_dag", offsetMinutes: 5, value: 100, unit: "Count" },
  { metric: "RecordsProcessed", dagId: "contract_dag", offsetMinutes: 15, value: 50, unit: "Count" },
  { metric: "RecordsProcessed", dagId: "contract_dag", offsetMinutes: 125, value: 7, unit: "Count" },
  { metric: "RecordsProcessed", dagId: "other_dag", offsetMinutes: 5, value: 1000, unit: "Count" },
  { metric: "InstanceSeconds", dagId: "contract_dag", offsetMinutes: 5, value: 320, unit: "Seconds", usage: { Market: "SPOT", InstanceType: "m5.xlarge" } },
  { metric: "InstanceSeconds", dagId: "contract_dag", offsetMinutes: 5, value: 160, unit: "Seconds", usage: { Market: "ON_DEMAND", InstanceType: "m5.xlarge" } },
] as const;

/** A contract datum's dimensions as PutMetricData takes them: DagId, then any usage dimensions. */
export const contractDimensions = (d: (typeof CONTRACT_DATUMS)[number]) =>
  Object.entries({ DagId: d.dagId, ...("usage" in d ? d.usage : {}) }).map(([Name, Value]) => ({ Name, Value }));

export function metricsContract(adapterName: string, factory: () => Promise<AdapterUnderTest<Metrics>>): void {
  contractSuite("Metrics", adapterName, factory, (metrics) => {
    const q = (id: string, metric: string, dagId: string, stat: MetricQuery["stat"] = "Sum"): MetricQuery => ({
      id,
      namespace: PLATFORM_NAMESPACE,
      metric,
      dimensions: { DagId: dagId },
      stat,
      periodSeconds: 3600,
    });
    const range = () => [contractStart(), new Date(contractStart().getTime() + 4 * HOUR)] as const;

    it("probes its source", async () => {
      expect(await metrics().probe()).toMatch(/\S/);
    });

    it("folds datums into periods with the statistic asked for, oldest first", async () => {
      const [from, to] = range();
      const [sum, avg] = await metrics().query([q("sum", "RecordsProcessed", "contract_dag"), q("avg", "RecordsProcessed", "contract_dag", "Average")], from, to);
      expect(sum!.id).toBe("sum");
      expect(sum!.points.map((p) => [p.at.getTime() - from.getTime(), p.value])).toEqual([
        [0, 150],
        [2 * HOUR, 7],
      ]);
      expect(avg!.points[0]!.value).toBe(75);
    });

    it("keeps series apart by dimension and metric, and answers nothing for an unknown one", async () => {
      const [from, to] = range();
      const [other, spot, dagOnly, none] = await metrics().query(
        [
          q("other", "RecordsProcessed", "other_dag"),
          { ...q("spot", "InstanceSeconds", "contract_dag"), dimensions: { DagId: "contract_dag", Market: "SPOT", InstanceType: "m5.xlarge" } },
          q("dagOnly", "InstanceSeconds", "contract_dag"),
          q("none", "NoSuchMetric", "contract_dag"),
        ],
        from,
        to,
      );
      expect(other!.points.map((p) => p.value)).toEqual([1000]);
      expect(spot!.points.map((p) => p.value)).toEqual([320]);
      // CloudWatch matches every dimension: DagId alone is another series.
      expect(dagOnly!.points).toEqual([]);
      expect(none).toEqual({ id: "none", unit: null, points: [] });
    });

    it("answers more queries than one CloudWatch call takes, each under its own id, in order", async () => {
      const [from, to] = range();
      const many = Array.from({ length: QUERIES_PER_CALL + 3 }, (_, i) => q(`Series ${i}`, "RecordsProcessed", i % 2 ? "contract_dag" : "nobody"));
      const result = await metrics().query(many, from, to);
      expect(result.map((s) => s.id)).toEqual(many.map((m) => m.id));
      expect(result[1]!.points.length).toBe(2);
      expect(result[0]!.points).toEqual([]);
    });

    it("refuses a range that ends before it starts", async () => {
      const [from] = range();
      await expect(metrics().query([q("x", "RecordsProcessed", "contract_dag")], from, new Date(from.getTime() - 1))).rejects.toThrow(/after its start/);
    });
  });
}
