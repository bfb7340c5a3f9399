import Link from "next/link";
import type { ReactNode } from "react";
import type { Role } from "@/lib/auth/roles";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";

export function AppShell({
  user,
  sections,
  mode,
  children,
}: {
  user: { email: string; role: Role };
  sections: { href: string; label: string }[];
  mode: "local" | "aws";
  children: ReactNode;
}) {
  return (
    <div className="flex min-h-screen">
      <aside className="flex w-56 shrink-0 flex-col border-r border-slate-200 bg-white">
        <Link href="/" className="px-5 py-5">
          <span className="block text-xs font-semibold uppercase tracking-wider text-sky-700">BuildItAll</span>
          <span className="block text-lg font-semibold">Data Platform</span>
        </Link>
        <nav aria-label="Main" className="flex-1 px-3">
          <NavLinks sections={sections} />
        </nav>
        <div className="border-t border-slate-200 p-4 text-sm">
          <p className="truncate font-medium" title={user.email}>
            {user.email}
          </p>
          <p className="text-slate-500">
            {user.role} · {mode === "local" ? "local estate" : "AWS"}
          </p>
          <SignOutButton />
        </div>
      </aside>
      <main className="min-w-0 flex-1 p-8">{children}</main>
    </div>
  );
}
