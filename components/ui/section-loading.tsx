/** What a portal section shows while its server component reads: the section's name, and a quiet placeholder. */
export function SectionLoading({ section }: { section: string }) {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4">
      <p className="text-sm text-slate-500">Loading {section}…</p>
      <div className="h-8 w-1/3 rounded bg-slate-200" />
      <div className="h-40 rounded bg-slate-100" />
    </div>
  );
}
