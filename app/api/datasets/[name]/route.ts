import { handle } from "@/lib/api/handler";
import { getDataset } from "@/lib/api/contracts/lineage";
import { ApiError } from "@/lib/api/errors";
import { prisma } from "@/lib/db";
import { lakeBucket } from "@/lib/platform";
import { datasetDetail, namespaceOf } from "@/lib/lineage/read";

export const GET = handle(getDataset, async ({ input: { params, query } }) => {
  const detail = await datasetDetail(prisma, namespaceOf(query.bucket ?? lakeBucket()), params.name);
  if (!detail) throw new ApiError("not_found", `No lineage event names the dataset ${JSON.stringify(params.name)} yet.`);
  return detail;
});
