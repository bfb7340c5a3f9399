/**
 * What went wrong, in the domain's words. Ports, adapters and the features above them throw these;
 * the one mapper in `lib/api/errors.ts` turns each kind into an HTTP status, so nothing below the
 * route layer decides a status code. The message is written for the person who asked.
 */
export type DomainErrorKind = "invalid_input" | "not_found" | "conflict" | "refused" | "unreachable" | "unconfirmed" | "not_available" | "too_large" | "busy";

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
}

/** The base of one kind: the kind and the name are fixed, so a subclass declares nothing. */
function ofKind<K extends DomainErrorKind>(kind: K, name: string) {
  return class extends DomainError {
    readonly kind: K = kind;
    override name = name;
  };
}

/** The caller's input is refused as it stands: a bad key, cursor, limit, conf or range. */
export class InvalidInput extends ofKind("invalid_input", "InvalidInput") {}

/** The thing asked for does not exist (a bucket, object, cluster, DAG, run). */
export class NotFound extends ofKind("not_found", "NotFound") {}

/** The current state refuses the change (a name taken, one backfill at a time, a key already used). */
export class Conflict extends ofKind("conflict", "Conflict") {}

/** The source answered but refused or failed, for reasons that are its own. */
export class Refused extends ofKind("refused", "Refused") {}

/** The source did not answer at all (process down, network, credentials). */
export class Unreachable extends ofKind("unreachable", "Unreachable") {}

/**
 * The request reached the source but its answer did not come back (a timeout, a connection lost
 * after sending): it may or may not have taken effect, so nothing may be released or undone.
 */
export class Unconfirmed extends ofKind("unconfirmed", "Unconfirmed") {}

/** The port has no adapter in this mode: said plainly, nothing faked. */
export class NotAvailable extends ofKind("not_available", "NotAvailable") {}

/** The input is over a size the portal accepts (an upload past its byte cap). */
export class TooLarge extends ofKind("too_large", "TooLarge") {}

/** The source is at capacity here (a CLI transport's queue is full): try again after `retryAfterSeconds`. */
export class Busy extends ofKind("busy", "Busy") {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

/**
 * What a person is shown of a failure kept for the server log (a sync's last error, a probe's):
 * what failed and when, never the source's own text (hosts, account ids, role ARNs, stderr).
 */
export function failureNotice(what: string, at?: Date | null): string {
  return `${what} failed${at ? ` at ${at.toISOString()}` : ""}; the details are in the server log.`;
}

/** Any thrown value as one line, with the cause a domain error wraps (for logs and the sync's record). */
export function errorLine(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  return err.cause instanceof Error ? `${err.message} (${err.cause.message})` : err.message;
}

/**
 * The adapter with the failures of the named calls in the domain's words: a DomainError passes as
 * it is; anything else (an SDK exception, a file it cannot read) becomes Refused, whose message
 * names the call and shows no internals, with the original kept as `cause`.
 */
export function withDomainErrors<T extends object>(source: string, adapter: T, calls: readonly (keyof T & string)[]): T {
  const wrapped = { ...adapter };
  for (const call of calls) {
    const fn = adapter[call];
    if (typeof fn !== "function") continue;
    wrapped[call] = (async (...args: unknown[]) => {
      try {
        return await fn.apply(adapter, args);
      } catch (err) {
        if (err instanceof DomainError) throw err;
        throw new Refused(`${source} failed on ${call}: it did not answer as expected.`, { cause: err });
      }
    }) as T[typeof call];
  }
  return wrapped;
}
