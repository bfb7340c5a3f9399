import { notFound } from "next/navigation";
import { BackfillDetail } from "@/components/backfills/detail";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/current-user";
import { prisma } from "@/lib/db";
import { backfillDetailJson } from "@/lib/pipelines/backfill-history";

export const metadata = { title: "Backfill" };

export default async function BackfillPage({ params }: { params: Promise<{ id: string }> }) {
  await requireRole("viewer");
  const { id } = await params;
  if (!/^[a-z0-9]{1,64}$/.test(id)) notFound();
  const initial = await backfillDetailJson(prisma, id);
  if (!initial) notFound();
  return (
    <>
      <PageHeader title={`Backfill of ${initial.backfill.dagId}`} description={`${initial.backfill.total} logical dates, asked for ${initial.backfill.createdAt.slice(0, 16).replace("T", " ")} UTC`} />
      <BackfillDetail initial={initial} />
    </>
  );
}
