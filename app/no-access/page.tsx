import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "No access" };

/** Where a sign-in through the IdP lands when none of the person's groups gives a role. */
export default function NoAccessPage() {
  return (
    <main className="mx-auto max-w-lg p-10">
      <p className="text-sm font-semibold text-rose-700">No access</p>
      <h1 className="mt-2 text-2xl font-semibold">You signed in, but the portal gives you no role</h1>
      <p className="mt-3 text-slate-600">
        None of your groups at the identity provider is one the portal maps to a role. Ask your identity team to add you to
        the data platform&apos;s group (engineers, leads or viewers), or ask a portal admin for a role; then sign in again.
      </p>
      <Link href="/login" className="mt-6 inline-block text-sky-700 underline">
        Back to sign-in
      </Link>
    </main>
  );
}
