import { InvalidInput } from "../errors";

/** Passes `body` through, failing it (400) as soon as it proves longer or shorter than `size` bytes. */
export function exactly(body: ReadableStream<Uint8Array>, size: number): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > size) controller.error(new InvalidInput(`The upload is longer than the ${size} bytes announced.`));
        else controller.enqueue(chunk);
      },
      flush(controller) {
        if (seen !== size) controller.error(new InvalidInput(`The upload ended after ${seen} of ${size} bytes.`));
      },
    }),
  );
}
