import type { RunDetailBody } from "@/lib/client/queries";
import { euros } from "@/components/clusters/format";
import { formatDuration } from "@/components/pipelines/format";
import { TableHead } from "@/components/ui/table-head";

const time = (s: number) => formatDuration(s * 1000);

function offBy(expected: number, actual: number): string {
  if (actual === 0) return "—";
  const share = (expected - actual) / actual;
  return `${share > 0 ? "+" : ""}${Math.round(share * 100)} %`;
}

/** The estimate stored when the run was triggered, against what it cost and took once it ended. */
export function EstimateVsActual({ estimate }: { estimate: RunDetailBody["estimate"] }) {
  const { expected, actual } = estimate;
  if (!expected) {
    return <p className="text-sm text-slate-500">No estimate for this run: it was triggered outside the portal, or the DAG had no successful run yet.</p>;
  }
  const rows = [
    { label: "Cost", e: expected.costEur, a: actual?.costEur ?? null, show: euros },
    { label: "Duration", e: expected.durationS, a: actual?.durationS ?? null, show: time },
  ];
  return (
    <table className="w-full text-left text-sm" aria-label="Estimate against actual">
      <TableHead columns={["", "Estimated", "Range", "Actual", "Estimate off by"]} className="text-slate-600" dense />
      <tbody>
        {rows.map(({ label, e, a, show }) => (
          <tr key={label} className="border-t border-slate-100">
            <th scope="row" className="px-2 py-1 font-medium">
              {label}
            </th>
            <td className="px-2 py-1" data-testid={`estimate-${label.toLowerCase()}-expected`}>
              {show(e.expected)}
            </td>
            <td className="px-2 py-1 text-slate-600">
              {show(e.low)} – {show(e.high)}
            </td>
            <td className="px-2 py-1" data-testid={`estimate-${label.toLowerCase()}-actual`}>
              {a === null ? "once the run ends" : show(a)}
            </td>
            <td className="px-2 py-1">{a === null ? "—" : offBy(e.expected, a)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
