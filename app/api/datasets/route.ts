import { handle } from "@/lib/api/handler";
import { listDatasets } from "@/lib/api/contracts/lineage";
import { prisma } from "@/lib/db";
import { listDatasets as datasets } from "@/lib/lineage/read";

export const GET = handle(listDatasets, async () => ({ items: await datasets(prisma) }));
