import type { ReactNode } from "react";
import { requireRole } from "@/lib/auth/current-user";
import { COSTS_ROLE } from "@/lib/auth/roles";

// The role is checked here, above loading.tsx's Suspense boundary: below it the page streams a 200
// before forbidden() runs, so the person would get the 403 page with a 200 status.
export default async function CostsLayout({ children }: { children: ReactNode }) {
  await requireRole(COSTS_ROLE);
  return children;
}
