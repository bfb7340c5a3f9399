import type { AsyncBuffer } from "hyparquet";
import type { Lake } from "@/lib/platform/lake/port";

export const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 0);

/** A preview ran into one of its caps: said to the person as it is (a message, not an error). */
export class PreviewLimit extends Error {
  override name = "PreviewLimit";
}

/** An object seen as hyparquet's AsyncBuffer: every slice is one ranged read, and the bytes are counted. */
export interface RangedFile extends AsyncBuffer {
  bytesRead(): number;
}

/**
 * Slices inside a range already read are served from it: the footer read of a small file covers the
 * whole file, and its row group is then not read a second time.
 */
export function rangedFile(lake: Lake, bucket: string, key: string, size: number, budget = Infinity): RangedFile {
  let total = 0;
  const fetched: { start: number; bytes: Uint8Array }[] = [];
  const copy = (bytes: Uint8Array, from: number, to: number) => bytes.slice(from, to).buffer as ArrayBuffer;
  return {
    byteLength: size,
    async slice(start: number, end?: number) {
      const stop = Math.min(end ?? size, size);
      const hit = fetched.find((f) => f.start <= start && stop <= f.start + f.bytes.byteLength);
      if (hit) return copy(hit.bytes, start - hit.start, stop - hit.start);
      // A crafted file can point its reader anywhere: past the budget, the preview stops reading.
      if (total + (stop - start) > budget) {
        throw new PreviewLimit(`The preview stopped at its read budget of ${mib(budget)} MiB for one object.`);
      }
      const bytes = await lake.read(bucket, key, start, stop);
      total += bytes.byteLength;
      fetched.push({ start, bytes });
      return copy(bytes, 0, bytes.byteLength);
    },
    bytesRead: () => total,
  };
}
