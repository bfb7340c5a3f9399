"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef } from "react";
import { fetchJson } from "@/lib/client/fetch-json";
import { queries } from "@/lib/client/queries";

const terminate = (id: string) => fetchJson<{ state: string }>(`/api/clusters/${encodeURIComponent(id)}/terminate`, { method: "POST", body: { confirm: id } });

/** Terminate, behind a confirmation dialog that names the cluster. */
export function ClusterTerminateButton({ id, name }: { id: string; name: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: () => terminate(id),
    onSuccess: () => {
      dialog.current?.close();
      return client.invalidateQueries({ queryKey: queries.clusters.all });
    },
  });
  return (
    <>
      <button type="button" onClick={() => dialog.current?.showModal()} className="rounded-md bg-rose-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-rose-700">
        Terminate cluster
      </button>
      <dialog ref={dialog} aria-labelledby={`terminate-${id}`} className="m-auto rounded-lg p-5 shadow-xl backdrop:bg-slate-900/40">
        <h2 id={`terminate-${id}`} className="text-lg font-semibold">
          Terminate {id}?
        </h2>
        <p className="mt-2 max-w-md text-sm text-slate-600">
          {name} stops now: running steps are cancelled and its instances released. This cannot be undone.
        </p>
        {mutation.error && (
          <p role="alert" className="mt-3 text-sm text-rose-700">
            {mutation.error.message}
          </p>
        )}
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" onClick={() => dialog.current?.close()} className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
            Cancel
          </button>
          <button type="button" disabled={mutation.isPending} onClick={() => mutation.mutate()} className="rounded-md bg-rose-600 px-3 py-1.5 text-sm font-semibold text-white disabled:opacity-60">
            {mutation.isPending ? "Terminating…" : "Yes, terminate"}
          </button>
        </div>
      </dialog>
    </>
  );
}
