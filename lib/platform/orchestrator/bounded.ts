import { Busy } from "../errors";
import type { CliOutput, CliTransport } from "./transport";

export interface Bounds {
  /** Commands running at once. */
  concurrency: number;
  /** Commands waiting for a slot; one more fails at once. */
  queue: number;
  /** What a refused caller is told to wait (Retry-After). */
  retryAfterSeconds: number;
}

/** Airflow's CLI costs a process (locally) or a slot in MWAA's one-at-a-time CLI queue: few at once, a short line. */
export const CLI_BOUNDS: Bounds = { concurrency: 2, queue: 24, retryAfterSeconds: 5 };

/**
 * The transport with a concurrency cap and a bounded queue: past both, a call fails fast with Busy
 * (503 with Retry-After) instead of piling up processes or MWAA requests behind cheap reads.
 */
export function bounded(transport: CliTransport, bounds: Bounds = CLI_BOUNDS): CliTransport {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };
  const acquire = (): Promise<void> => {
    if (running < bounds.concurrency) {
      running++;
      return Promise.resolve();
    }
    if (waiting.length >= bounds.queue) {
      return Promise.reject(new Busy(`Airflow is busy (${running} commands running, ${waiting.length} waiting); try again shortly.`, bounds.retryAfterSeconds));
    }
    // The slot passes straight from the finishing call to the next in line.
    return new Promise((resolve) => waiting.push(resolve));
  };
  return {
    adapter: transport.adapter,
    async run(argv): Promise<CliOutput> {
      await acquire();
      try {
        return await transport.run(argv);
      } finally {
        release();
      }
    },
  };
}
