"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { fetchJson } from "@/lib/client/fetch-json";
import { browseHref } from "./format";

/** Admins only (the API refuses anyone else): asks first, then says whether a delete marker was written. */
export function DeleteButton({ bucket, objectKey, versioned }: { bucket: string; objectKey: string; versioned: boolean }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<string | null>(null);

  async function remove() {
    let body: { deleteMarker: boolean };
    try {
      body = await fetchJson("/api/lake/objects", { method: "DELETE", body: { bucket, key: objectKey } });
    } catch (error) {
      setResult((error as Error).message);
      return;
    }
    setResult(body.deleteMarker ? "Deleted: a delete marker was written; earlier versions remain in the bucket." : "Deleted.");
    setConfirming(false);
    const folder = objectKey.slice(0, objectKey.lastIndexOf("/") + 1);
    setTimeout(() => router.push(browseHref(bucket, folder)), 1500);
  }

  return (
    <div className="space-y-2">
      {!confirming ? (
        <button type="button" onClick={() => setConfirming(true)} className="rounded border border-rose-300 px-3 py-1 text-sm text-rose-800">
          Delete object
        </button>
      ) : (
        <div role="alertdialog" aria-labelledby="delete-confirm" className="rounded border border-rose-300 bg-rose-50 p-3 text-sm">
          <p id="delete-confirm">
            Delete <span className="font-mono">{objectKey}</span>?{" "}
            {versioned ? "The bucket is versioned: this writes a delete marker and the earlier versions remain." : "This cannot be undone."}
          </p>
          <div className="mt-2 flex gap-2">
            <button type="button" onClick={remove} className="rounded bg-rose-700 px-3 py-1 font-medium text-white">
              Confirm delete
            </button>
            <button type="button" onClick={() => setConfirming(false)} className="rounded border border-slate-300 px-3 py-1">
              Cancel
            </button>
          </div>
        </div>
      )}
      {result && (
        <p role="status" className="text-sm">
          {result}
        </p>
      )}
    </div>
  );
}
