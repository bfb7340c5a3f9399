"use client";

import { SectionError } from "@/components/ui/section-error";

export default function SectionErrorBoundary({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return <SectionError section="People" error={error} retry={retry} />;
}
