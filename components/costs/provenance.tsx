/** Says where a figure came from and whether it was measured or estimated. */
export function CostProvenance({ source, measured }: { source: string; measured: boolean }) {
  return (
    <p className="mt-1 text-xs text-slate-500">
      <span className={measured ? "font-semibold text-emerald-700" : "font-semibold text-amber-700"}>{measured ? "Measured" : "Estimated"}</span> · {source}
    </p>
  );
}
