import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { Busy, Conflict, InvalidInput, NotAvailable, NotFound, Refused, TooLarge, Unreachable } from "@/lib/platform/errors";
import { commandFailure } from "@/lib/platform/orchestrator/transport";
import { ApiError, ErrorBody, fromZodError, toErrorResponse } from "./errors";

describe("API errors", () => {
  it("turns zod issues into a 400 that names the field", () => {
    const result = z.object({ limit: z.number().max(500) }).safeParse({ limit: 9000 });
    const err = fromZodError("query", (result as { error: z.ZodError }).error);
    expect(err.status).toBe(400);
    expect(err.message).toMatch(/^Invalid query\.limit: /);
    expect(err.issues?.[0]?.path).toBe("query.limit");
  });

  it("never shows an internal error's message or stack to the caller, and logs it instead", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { status, body } = toErrorResponse(new Error("password=hunter2 at db.ts:12"), "req-1");
    expect(log).toHaveBeenCalledWith(expect.stringContaining("req-1"), expect.any(Error));
    log.mockRestore();
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain("hunter2");
    expect(ErrorBody.parse(body).error.requestId).toBe("req-1");
  });

  it("maps each code to its status", () => {
    expect(new ApiError("unauthorized", "").status).toBe(401);
    expect(new ApiError("forbidden", "").status).toBe(403);
    expect(new ApiError("too_many_requests", "").status).toBe(429);
    expect(new ApiError("not_implemented", "").status).toBe(501);
  });

  it("answers each domain error with its status and its own message", () => {
    const cases = [
      [new InvalidInput("Invalid key"), 400, "bad_request"],
      [new NotFound("No cluster j-1."), 404, "not_found"],
      [new Conflict("A folder is there."), 409, "conflict"],
      [new Refused("S3 failed on the listing: SlowDown"), 502, "bad_gateway"],
      [new Unreachable("Airflow is unreachable: not running"), 503, "unavailable"],
      [new NotAvailable("The aws Lake adapter is not available yet."), 501, "not_implemented"],
    ] as const;
    for (const [error, status, code] of cases) {
      const response = toErrorResponse(error, "req-2");
      expect(response.status).toBe(status);
      expect(response.body.error).toMatchObject({ code, message: error.message, requestId: "req-2" });
    }
  });

  it("answers Airflow's refusal with what failed and the request id; its stderr goes to the server log only", () => {
    const stderr = "Traceback … psycopg2.OperationalError: connection to 10.9.8.7 failed (arn:aws:iam::123456789012:role/mwaa)";
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const response = toErrorResponse(commandFailure("dags trigger", stderr), "req-3");
    expect(response.status).toBe(502);
    expect(response.body.error.message).toBe("Airflow refused the dags trigger command; the details are in the server log.");
    expect(response.body.error.requestId).toBe("req-3");
    expect(log.mock.calls.flat().join(" ")).toContain("10.9.8.7");
    log.mockRestore();
  });

  it("maps TooLarge to 413 and Busy to 503 with its Retry-After", () => {
    expect(toErrorResponse(new TooLarge("over"), "r").status).toBe(413);
    expect(toErrorResponse(new Busy("busy", 7), "r")).toMatchObject({ status: 503, retryAfter: 7 });
  });
});
