import { z } from "zod";

/** Every error the API returns has this shape: `{ error: { code, message, issues? } }`. */
const STATUS = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unsupported_media_type: 415,
  too_many_requests: 429,
  internal: 500,
  not_implemented: 501,
  bad_gateway: 502,
  unavailable: 503,
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

/** Maps anything thrown to the public error body: internal details never reach the caller. */
export function toErrorResponse(err: unknown, requestId: string): { status: number; body: ErrorBody } {
  if (err instanceof ApiError) {
    return {
      status: err.status,
      body: { error: { code: err.code, message: err.message, issues: err.issues, requestId } },
    };
  }
  console.error(`[api] request ${requestId} failed`, err);
  return {
    status: 500,
    body: { error: { code: "internal", message: "Internal error; quote the request id to an admin.", requestId } },
  };
}
