import { z } from "zod";
import { Busy, DomainError, errorLine, type DomainErrorKind } from "@/lib/platform/errors";

/** Every error the API returns has this shape: `{ error: { code, message, issues? } }`. */
const STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal: 500,
  not_implemented: 501,
  bad_gateway: 502,
  unavailable: 503,
  gateway_timeout: 504,
} as const;

export type ErrorCode = keyof typeof STATUS;

export const ErrorIssue = z.object({ path: z.string(), message: z.string() });
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(STATUS) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      issues: z.array(ErrorIssue).optional(),
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: "Error" });

export type ErrorBody = z.infer<typeof ErrorBody>;

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: z.infer<typeof ErrorIssue>[],
    /** Seconds after which a retry may succeed (429, 503): sent as Retry-After. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export function fromZodError(where: string, error: z.ZodError): ApiError {
  const issues = error.issues.map((i) => ({
    path: [where, ...i.path.map(String)].join("."),
    message: i.message,
  }));
  const first = issues[0];
  return new ApiError("bad_request", first ? `Invalid ${first.path}: ${first.message}` : `Invalid ${where}`, issues);
}

/** The one place a domain error becomes HTTP: what the port said, as the status a caller expects. */
const CODE_OF_KIND: Record<DomainErrorKind, ErrorCode> = {
  invalid_input: "bad_request",
  not_found: "not_found",
  conflict: "conflict",
  refused: "bad_gateway",
  unreachable: "unavailable",
  unconfirmed: "gateway_timeout",
  not_available: "not_implemented",
  too_large: "payload_too_large",
  busy: "unavailable",
};

/** An ApiError as it is, a domain error as its HTTP equivalent (same message); anything else is not the caller's to see. */
export function asApiError(err: unknown): ApiError | null {
  if (err instanceof ApiError) return err;
  if (err instanceof Busy) return new ApiError("unavailable", err.message, undefined, err.retryAfterSeconds);
  if (err instanceof DomainError) return new ApiError(CODE_OF_KIND[err.kind], err.message);
  return null;
}

/** Maps anything thrown to the public error body: internal details never reach the caller. */
export function toErrorResponse(thrown: unknown, requestId: string): { status: number; body: ErrorBody; retryAfter?: number } {
  const err = asApiError(thrown);
  // A source's failure is answered without its internals; they go to the log.
  if (thrown instanceof DomainError && thrown.cause) console.error(`[api] request ${requestId}: ${errorLine(thrown)}`);
  if (err) {
    return {
      status: err.status,
      body: { error: { code: err.code, message: err.message, issues: err.issues, requestId } },
      retryAfter: err.retryAfter,
    };
  }
  console.error(`[api] request ${requestId} failed`, thrown);
  return {
    status: 500,
    body: { error: { code: "internal", message: "Internal error; quote the request id to an admin.", requestId } },
  };
}
