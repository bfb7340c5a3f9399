import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-lg p-10">
      <p className="text-sm font-semibold text-rose-700">403 — Forbidden</p>
      <h1 className="mt-2 text-2xl font-semibold">Your role may not open this page</h1>
      <p className="mt-3 text-slate-600">
        Ask an admin for a higher role if you need it. Everything you may see is in the navigation.
      </p>
      <Link href="/" className="mt-6 inline-block text-sky-700 underline">
        Back to the overview
      </Link>
    </main>
  );
}
