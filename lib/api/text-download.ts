/**
 * A text file streamed from pieces (a log's download). The first piece is read before answering,
 * so a missing source is the route's 404, not a broken download; the file name is only ours.
 */
export async function textDownload(pieces: AsyncIterable<string>, fileName: string): Promise<Response> {
  const iterator = pieces[Symbol.asyncIterator]();
  const first = await iterator.next();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.done) controller.close();
      else controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  const safeName = fileName.replace(/[^A-Za-z0-9_.+-]/g, "_");
  return new Response(body, {
    headers: { "content-type": "text/plain; charset=utf-8", "content-disposition": `attachment; filename="${safeName}"`, "cache-control": "no-store" },
  });
}
