import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";
import { requireRole } from "@/lib/auth/current-user";
import { sectionsFor } from "@/lib/auth/roles";
import { getPlatform } from "@/lib/platform";

export default async function PortalLayout({ children }: { children: ReactNode }) {
  const user = await requireRole("viewer");
  const sections = sectionsFor(user.role).map(({ href, label }) => ({ href, label }));
  return (
    <AppShell user={user} sections={sections} mode={getPlatform().mode}>
      {children}
    </AppShell>
  );
}
