/** Display helpers shared by the lake's server and client components. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function formatDate(iso: string | null): string {
  return iso ? new Date(iso).toISOString().replace("T", " ").slice(0, 19) + " UTC" : "—";
}

export const browseHref = (bucket: string, prefix: string) => `/lake/browse?${new URLSearchParams({ bucket, prefix })}`;
export const objectHref = (bucket: string, key: string) => `/lake/object?${new URLSearchParams({ bucket, key })}`;
