import Link from "next/link";
import { PortPage } from "@/components/ui/port-page";
import { browseHref } from "@/components/lake/format";
import { requireRole } from "@/lib/auth/current-user";
import { getPlatform, portAvailability } from "@/lib/platform";

export const metadata = { title: "Lake" };

export default async function LakePage() {
  await requireRole("viewer");
  const lake = getPlatform().lake;
  const buckets = lake ? await lake.buckets() : [];
  return (
    <PortPage port={portAvailability("lake")} title="Lake" description="Browse the buckets, preview Parquet, CSV and JSON, upload to raw/.">
      <section aria-labelledby="buckets">
        <h2 id="buckets" className="mb-2 text-lg font-semibold">
          Buckets
        </h2>
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {buckets.map((b) => (
            <li key={b.name} className="flex items-center justify-between px-4 py-3">
              <Link href={browseHref(b.name, "")} className="font-mono text-sky-700 hover:underline">
                {b.name}
              </Link>
              <span className="text-xs text-slate-500">{b.versioned ? "versioned" : "not versioned"}</span>
            </li>
          ))}
        </ul>
      </section>
    </PortPage>
  );
}
