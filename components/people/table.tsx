"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { TableHead } from "@/components/ui/table-head";
import { fetchJson } from "@/lib/client/fetch-json";
import { ROLES, type Role } from "@/lib/auth/roles";

/** A person as /api/people carries it (lib/api/contracts/people.ts; its types stay out of the browser bundle). */
export interface PersonRow {
  id: string;
  email: string;
  name: string | null;
  role: Role | null;
  source: "override" | "idp" | "local";
  boundToIdp: boolean;
  idpRole: Role | null;
  overrideReason: string | null;
  lastSignInAt: string | null;
  disabled: boolean;
}

const SOURCE_LABEL = { override: "manual", idp: "IdP group", local: "local account" } as const;

function Source({ p }: { p: PersonRow }) {
  if (p.source !== "override") return <>{SOURCE_LABEL[p.source]}</>;
  return (
    <>
      manual <span className="text-slate-500">— {p.overrideReason}</span>
      {p.idpRole !== null && <span className="block text-xs text-slate-500">IdP group gives {p.idpRole}</span>}
    </>
  );
}

/** One person's controls: disable/enable, and a manual role with its reason (or removing it). */
function Actions({ p, me }: { p: PersonRow; me: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [role, setRole] = useState<string>(p.role ?? "viewer");
  const [reason, setReason] = useState("");

  async function send(path: string, body: unknown) {
    setPending(true);
    setError(null);
    try {
      await fetchJson(`/api/people/${p.id}/${path}`, { method: "POST", body });
      setReason("");
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPending(false);
    }
  }

  return (
    <div className="flex flex-col gap-2">
      <form
        className="flex flex-wrap items-center gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          void send("role", { role, reason });
        }}
      >
        <select aria-label={`Role for ${p.email}`} value={role} onChange={(e) => setRole(e.target.value)} className="rounded-md border border-slate-300 px-2 py-1">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <input
          aria-label={`Reason for ${p.email}`}
          placeholder="reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          className="w-40 rounded-md border border-slate-300 px-2 py-1"
        />
        <button type="submit" disabled={pending} className="rounded-md bg-sky-700 px-2 py-1 font-medium text-white disabled:opacity-60">
          Set role
        </button>
        {p.source === "override" && p.boundToIdp && (
          <button type="button" disabled={pending} onClick={() => void send("role", { role: null, reason: reason || "back to the IdP's groups" })} className="rounded-md border border-slate-300 px-2 py-1 disabled:opacity-60">
            Remove manual role
          </button>
        )}
        {p.id !== me && (
          <button
            type="button"
            disabled={pending}
            onClick={() => void send("access", { disabled: !p.disabled })}
            className={`rounded-md px-2 py-1 disabled:opacity-60 ${p.disabled ? "border border-slate-300" : "border border-rose-300 text-rose-800"}`}
          >
            {p.disabled ? "Enable" : "Disable"}
          </button>
        )}
      </form>
      {error && (
        <p role="alert" className="rounded-md bg-rose-50 px-2 py-1 text-rose-800">
          {error}
        </p>
      )}
    </div>
  );
}

export function PeopleTable({ people, me }: { people: PersonRow[]; me: string }) {
  if (people.length === 0) {
    return <p className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600">Nobody has signed in yet. People appear here after their first sign-in through the identity provider.</p>;
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <TableHead columns={["Person", "Role", "From", "Last sign-in (UTC)", "Status", "Change"]} />
        <tbody>
          {people.map((p) => (
            <tr key={p.id} className="border-t border-slate-100 align-top" data-email={p.email}>
              <td className="px-3 py-2">
                <span className="font-medium">{p.email}</span>
                {p.name && p.name !== p.email && <span className="block text-xs text-slate-500">{p.name}</span>}
              </td>
              <td className="px-3 py-2">{p.role ?? <span className="text-rose-700">no access</span>}</td>
              <td className="px-3 py-2">
                <Source p={p} />
              </td>
              <td className="whitespace-nowrap px-3 py-2 font-mono">{p.lastSignInAt ? p.lastSignInAt.replace("T", " ").slice(0, 16) : "never"}</td>
              <td className={`px-3 py-2 ${p.disabled ? "text-rose-700" : "text-emerald-700"}`}>{p.disabled ? "disabled" : "active"}</td>
              <td className="px-3 py-2">
                <Actions p={p} me={me} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
