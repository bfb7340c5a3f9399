import type { AsyncBuffer } from "hyparquet";
import type { Lake } from "@/lib/platform/lake/port";

/** An object seen as hyparquet's AsyncBuffer: every slice is one ranged read, and the bytes are counted. */
export interface RangedFile extends AsyncBuffer {
  bytesRead(): number;
}

export function rangedFile(lake: Lake, bucket: string, key: string, size: number): RangedFile {
  let total = 0;
  return {
    byteLength: size,
    async slice(start: number, end?: number) {
      const bytes = await lake.read(bucket, key, start, Math.min(end ?? size, size));
      total += bytes.byteLength;
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
    bytesRead: () => total,
  };
}
