import { PortPage } from "@/components/port-page";
import { requireRole } from "@/lib/auth/current-user";

export const metadata = { title: "Lake" };

export default async function LakePage() {
  await requireRole("viewer");
  return <PortPage port="lake" title="Lake" description="Browse the buckets, preview Parquet, CSV and JSON, upload to raw/." />;
}
