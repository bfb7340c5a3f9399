import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
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
});
