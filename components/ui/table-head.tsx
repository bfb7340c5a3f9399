/**
 * The header row of the portal's tables: one column header per label; `dense` for the pipeline and
 * lineage tables; the `numeric` columns are right-aligned, like their figures.
 */
export function TableHead({
  columns,
  className = "bg-slate-50 text-slate-600",
  dense = false,
  numeric = [],
}: {
  columns: string[];
  className?: string;
  dense?: boolean;
  numeric?: string[];
}) {
  return (
    <thead className={className}>
      <tr>
        {columns.map((h) => (
          <th key={h} scope="col" className={`${dense ? "px-2 py-1" : "px-3 py-2"} font-medium ${numeric.includes(h) ? "text-right" : dense ? "text-left" : ""}`}>
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}
