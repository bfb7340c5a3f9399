import { PageHeader } from "@/components/ui/page-header";
import { TableHead } from "@/components/ui/table-head";
import { auditQuery } from "@/lib/api/contracts/audit";
import { listAudit } from "@/lib/audit";

export const metadata = { title: "Audit" };

type Search = Record<string, string | string[] | undefined>;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const raw = Object.fromEntries(
    Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== ""),
  );
  const parsed = auditQuery.safeParse(raw);
  const page = parsed.success
    ? await listAudit({
        ...parsed.data,
        from: parsed.data.from ? new Date(parsed.data.from) : undefined,
        to: parsed.data.to ? new Date(parsed.data.to) : undefined,
      })
    : null;
  const next = page?.nextCursor ? new URLSearchParams({ ...raw, cursor: page.nextCursor }).toString() : null;

  return (
    <>
      <PageHeader title="Audit" description="Every change made through the portal: who, what, when, and how it ended." />
      <form className="mb-4 flex flex-wrap items-end gap-3 text-sm" role="search">
        {(
          [
            ["actor", "Actor", "text", "engineer@local"],
            ["action", "Action", "text", "dag.trigger"],
            ["from", "From", "date", ""],
            ["to", "To", "date", ""],
          ] as const
        ).map(([name, label, type, placeholder]) => (
          <label key={name} className="flex flex-col">
            <span className="font-medium text-slate-700">{label}</span>
            <input
              name={name}
              type={type}
              placeholder={placeholder}
              defaultValue={typeof raw[name] === "string" ? raw[name] : ""}
              className="mt-1 rounded-md border border-slate-300 px-2 py-1"
            />
          </label>
        ))}
        <button type="submit" className="rounded-md bg-sky-700 px-3 py-1.5 font-medium text-white">
          Filter
        </button>
      </form>
      {!parsed.success && (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800">
          {parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}
        </p>
      )}
      {page && (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <TableHead columns={["Time (UTC)", "Actor", "Action", "Target", "Result", "Request"]} />
            <tbody>
              {page.items.map((e) => (
                <tr key={e.id} className="border-t border-slate-100">
                  <td className="whitespace-nowrap px-3 py-2 font-mono">{e.at.toISOString().replace("T", " ").slice(0, 19)}</td>
                  <td className="px-3 py-2">{e.actor}</td>
                  <td className="px-3 py-2 font-mono">{e.action}</td>
                  <td className="px-3 py-2 font-mono">{e.target}</td>
                  <td className={`px-3 py-2 ${e.result === "ok" ? "text-emerald-700" : "text-rose-700"}`}>{e.result}</td>
                  <td className="px-3 py-2 font-mono text-xs text-slate-500">{e.requestId.slice(0, 8)}</td>
                </tr>
              ))}
              {page.items.length === 0 && (
                <tr>
                  <td colSpan={6} className="px-3 py-6 text-center text-slate-500">
                    No audit events match.
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
      {next && (
        <a href={`?${next}`} className="mt-4 inline-block text-sky-700 underline">
          Older events
        </a>
      )}
    </>
  );
}
