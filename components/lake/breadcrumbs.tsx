import Link from "next/link";
import { browseHref } from "./format";

/** bucket / raw / orders / … — each step a link to that folder, the last one the current place. */
export function LakeBreadcrumbs({ bucket, path }: { bucket: string; path: string }) {
  const parts = path.split("/").filter(Boolean);
  const isObject = path !== "" && !path.endsWith("/");
  return (
    <nav aria-label="Breadcrumb" className="mb-4 text-sm">
      <ol className="flex flex-wrap items-center gap-1 text-slate-600">
        <li>
          <Link href="/lake" className="text-sky-700 hover:underline">
            Lake
          </Link>
        </li>
        <li aria-hidden>/</li>
        <li>
          <Link href={browseHref(bucket, "")} className="text-sky-700 hover:underline">
            {bucket}
          </Link>
        </li>
        {parts.map((part, i) => {
          const last = i === parts.length - 1;
          const prefix = parts.slice(0, i + 1).join("/") + "/";
          return (
            <li key={prefix} className="flex items-center gap-1">
              <span aria-hidden>/</span>
              {last ? (
                <span aria-current="page" className="font-medium text-slate-900">
                  {part}
                  {isObject ? "" : "/"}
                </span>
              ) : (
                <Link href={browseHref(bucket, prefix)} className="text-sky-700 hover:underline">
                  {part}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
