import type { ReactNode } from "react";
import { requireRole } from "@/lib/auth/current-user";

// The role is checked here, above loading.tsx's Suspense boundary: below it the page streams a 200
// before forbidden() runs, so the person would get the 403 page with a 200 status.
export default async function PeopleLayout({ children }: { children: ReactNode }) {
  await requireRole("admin");
  return children;
}
