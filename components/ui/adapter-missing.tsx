/** What a page shows while its port has no adapter for the current mode: said plainly, nothing faked. */
export function AdapterMissing({ label, mode }: { label: string; mode: "local" | "aws" }) {
  return (
    <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 p-5 text-amber-900">
      <p className="font-medium">The {mode} {label} adapter is not available yet.</p>
      <p className="mt-1 text-sm">
        This page reads through the {label} port; its {mode} adapter has not been built. Nothing here is
        simulated — the Status page lists which adapters answer.
      </p>
    </div>
  );
}
