/** The header row of the portal's tables: one column header per label; `dense` for the pipeline tables. */
export function TableHead({
  columns,
  className = "bg-slate-50 text-slate-600",
  dense = false,
}: {
  columns: string[];
  className?: string;
  dense?: boolean;
}) {
  return (
    <thead className={className}>
      <tr>
        {columns.map((h) => (
          <th key={h} scope="col" className={dense ? "px-2 py-1 text-left font-medium" : "px-3 py-2 font-medium"}>
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}
