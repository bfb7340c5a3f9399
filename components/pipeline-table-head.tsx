/** The header row of the pipeline and run tables: one column header per label. */
export function PipelineTableHead({ labels, className = "text-slate-600" }: { labels: string[]; className?: string }) {
  return (
    <thead className={className}>
      <tr>
        {labels.map((h) => (
          <th key={h} scope="col" className="px-2 py-1 text-left font-medium">
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}
