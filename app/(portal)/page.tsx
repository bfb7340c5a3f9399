import Link from "next/link";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/current-user";
import { sectionsFor } from "@/lib/auth/roles";

const BLURBS: Record<string, string> = {
  "/lake": "Buckets, prefixes and dataset previews",
  "/pipelines": "DAGs, triggers and live runs",
  "/clusters": "Spark and EMR clusters and their steps",
  "/costs": "Daily cost, spot savings, idle minutes",
  "/runs": "The run history",
  "/audit": "Who changed what",
  "/status": "Which sources answer",
};

export default async function Overview() {
  const user = await requireRole("viewer");
  return (
    <>
      <PageHeader title="Overview" description={`Signed in as ${user.email} (${user.role}).`} />
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {sectionsFor(user.role).map((s) => (
          <li key={s.href}>
            <Link href={s.href} className="block rounded-lg border border-slate-200 bg-white p-5 hover:border-sky-400">
              <span className="font-semibold">{s.label}</span>
              <span className="mt-1 block text-sm text-slate-600">{BLURBS[s.href]}</span>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
