"use client";

import { useEffect } from "react";

/**
 * A portal section's error boundary: says what failed without internals (the server logged them,
 * under the digest quoted here) and offers to read the section again.
 */
export function SectionError({ section, error, retry }: { section: string; error: Error & { digest?: string }; retry: () => void }) {
  useEffect(() => console.error(`[${section}]`, error), [section, error]);
  return (
    <div role="alert" className="rounded-lg border border-rose-300 bg-rose-50 p-5 text-rose-900">
      <p className="font-medium">The {section} page could not be shown.</p>
      <p className="mt-1 text-sm">
        Something failed while reading it{error.digest ? ` (reference ${error.digest})` : ""}. The Status page says whether a source is down.
      </p>
      <button type="button" onClick={retry} className="mt-3 rounded border border-rose-400 px-3 py-1 text-sm font-medium">
        Try again
      </button>
    </div>
  );
}
