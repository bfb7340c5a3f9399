import { describe, expect, it } from "vitest";
import { MAX_JSON_BYTES, readBodyText, readMultipart } from "./body";

/** A request whose body arrives in chunks with no Content-Length (Transfer-Encoding: chunked). */
function chunked(parts: Uint8Array[], headers: Record<string, string> = {}): Request {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const p of parts) controller.enqueue(p);
      controller.close();
    },
  });
  return new Request("http://localhost/api/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

const status = (p: Promise<unknown>) => p.then(() => 200, (e: { status?: number }) => e.status ?? 500);

describe("JSON bodies", () => {
  it("reads a body under the limit", async () => {
    expect(await readBodyText(chunked([new TextEncoder().encode('{"a":1}')]))).toBe('{"a":1}');
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const req = new Request("http://localhost/api/x", { method: "POST", body: "{}", headers: { "content-length": String(MAX_JSON_BYTES + 1) } });
    expect(await status(readBodyText(req))).toBe(413);
  });

  it("refuses a chunked body once it passes the limit, whatever it claims", async () => {
    const chunk = new Uint8Array(16 * 1024).fill(0x20);
    const req = chunked(Array.from({ length: 5 }, () => chunk), { "content-length": "2" });
    expect(await status(readBodyText(req))).toBe(413);
  });
});

describe("multipart uploads", () => {
  async function form(size: number) {
    const fd = new FormData();
    fd.set("bucket", "b");
    fd.set("key", "raw/x.bin");
    fd.set("file", new File([new Uint8Array(size)], "x.bin"));
    const encoded = new Request("http://localhost", { method: "POST", body: fd });
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    // Sent in small chunks, as a network delivers it.
    const parts = Array.from({ length: Math.ceil(bytes.length / 1000) }, (_, i) => bytes.subarray(i * 1000, (i + 1) * 1000));
    return chunked(parts, { "content-type": encoded.headers.get("content-type")! });
  }
  const drain = async (s: ReadableStream<Uint8Array>) => (await new Response(s).arrayBuffer()).byteLength;

  it("gives the fields, then the file as a stream", async () => {
    const { fields, file } = await readMultipart(await form(5000), 10_000);
    expect(fields).toEqual({ bucket: "b", key: "raw/x.bin" });
    expect(file?.name).toBe("x.bin");
    expect(await drain(file!.stream)).toBe(5000);
  });

  it("fails the file's stream with TooLarge (413) past the cap", async () => {
    const { file } = await readMultipart(await form(50_000), 10_000);
    await expect(drain(file!.stream)).rejects.toMatchObject({ kind: "too_large" });
  });

  it("refuses a body that is not multipart", async () => {
    expect(await status(readMultipart(chunked([new Uint8Array(3)], { "content-type": "text/plain" }), 10))).toBe(400);
  });
});
