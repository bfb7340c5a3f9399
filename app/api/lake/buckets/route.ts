import { handle } from "@/lib/api/handler";
import { listBuckets } from "@/lib/api/contracts/lake";
import { requirePort } from "@/lib/platform";

export const GET = handle(listBuckets, async () => ({ items: await requirePort("lake").buckets() }));
