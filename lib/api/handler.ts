import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { userFromRequest, type PortalUser } from "@/lib/auth/current-user";
import { hasRole, type Role } from "@/lib/auth/roles";
import { ApiError, fromZodError, toErrorResponse, type ErrorCode } from "./errors";
import { rateLimit } from "../auth/rate-limit";
import { isSameOrigin } from "./same-origin";
import { readBodyText, readMultipart, type UploadedFile } from "./body";
import { checkApiKey } from "./api-key";

export type Method = "get" | "post" | "put" | "patch" | "delete";
type AnyObject = z.ZodObject<z.ZodRawShape>;

/** One route of the JSON API: its contract (also the source of /api/openapi.json) and its guards. */
export interface RouteSpec<
  P extends AnyObject | undefined = undefined,
  Q extends AnyObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
> {
  method: Method;
  /** OpenAPI form, e.g. /api/dags/{dagId}/runs */
  path: string;
  summary: string;
  tag: string;
  /**
   * "public" needs no session; a role needs that role or a higher one; "api-key" is for machine
   * clients (OpenLineage): the configured key as a Bearer token, no session, no Origin check.
   */
  access: "public" | "api-key" | Role;
  /** A JSON body's byte cap when the default (64 KiB) is too small (413 past it). */
  maxBodyBytes?: number;
  params?: P;
  query?: Q;
  body?: B;
  response: R;
  status?: number;
  /** How a mutation's body arrives: JSON (default), or multipart/form-data for file uploads. */
  bodyType?: "json" | "multipart";
  /** multipart only: the file part's byte cap (413 past it); its other fields are validated by `body` without `file`. */
  maxFileBytes?: number;
  /** GETs that reach a paid or slow source (AWS): at most this many per user per minute (429 past it). */
  readsPerMinute?: number;
  /** Errors the business step can answer with, beyond those of the guards (documented in OpenAPI). */
  errors?: ErrorCode[];
  /** Every mutation names what it changes; the audit event is written after the change. */
  audit?: (input: Input<P, Q, B>) => { action: string; target: string };
}

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;
export type Input<P, Q, B> = { params: Infer<P>; query: Infer<Q>; body: Infer<B> };

export interface Context<P, Q, B> {
  input: Input<P, Q, B>;
  /** A multipart route's file part, streamed (fields come in `input.body`). */
  file: UploadedFile | null;
  user: PortalUser | null;
  requestId: string;
  req: NextRequest;
}

export function defineRoute<
  P extends AnyObject | undefined = undefined,
  Q extends AnyObject | undefined = undefined,
  B extends z.ZodType | undefined = undefined,
  R extends z.ZodType = z.ZodType,
>(spec: RouteSpec<P, Q, B, R>): RouteSpec<P, Q, B, R> {
  return spec;
}

const MUTATIONS_PER_MINUTE = 60;
/** Shared by every holder of the key: a pipeline run sends a few events per job. */
const KEY_MUTATIONS_PER_MINUTE = 600;

/** Postgres text and jsonb cannot hold U+0000, so no input that may be stored may carry one. */
function hasNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === "object" && !(value instanceof Blob)) {
    return Object.entries(value).some(([k, v]) => k.includes("\u0000") || hasNul(v));
  }
  return false;
}

function parse<T extends z.ZodType | undefined>(schema: T, value: unknown, where: string): Infer<T> {
  if (!schema) return undefined as Infer<T>;
  const result = schema.safeParse(value);
  if (!result.success) throw fromZodError(where, result.error);
  // What the schema kept is checked: unknown keys it dropped are never stored.
  if (hasNul(result.data)) throw new ApiError("bad_request", `Invalid ${where}: text may not contain the NUL character (U+0000).`);
  return result.data as Infer<T>;
}

/** What the audit log keeps of an input: a file as its name and type, never its bytes. */
function auditParams(file: UploadedFile | null, ...parts: unknown[]): Record<string, unknown> {
  const merged: Record<string, unknown> = Object.assign({}, ...parts.filter((p) => p && typeof p === "object"));
  if (file) merged.file = { name: file.name, type: file.type };
  return merged;
}

async function readJson(req: NextRequest, limit?: number): Promise<unknown> {
  const text = await readBodyText(req, limit);
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("bad_request", "The request body is not valid JSON.");
  }
}

/**
 * Wraps a route handler: CSRF and content-type checks for mutations, session and role,
 * input validation, per-user rate limit, audit, and the one error shape. The body of `fn`
 * does only the business step; it may answer with a Response of its own (a stream, a redirect),
 * which goes out as it is, after every guard.
 */
export function handle<P extends AnyObject | undefined, Q extends AnyObject | undefined, B extends z.ZodType | undefined, R extends z.ZodType>(
  spec: RouteSpec<P, Q, B, R>,
  fn: (ctx: Context<P, Q, B>) => Promise<z.input<R> | Response>,
) {
  const mutating = spec.method !== "get";
  const byKey = spec.access === "api-key";
  const mediaType = spec.bodyType === "multipart" ? "multipart/form-data" : "application/json";
  return async (req: NextRequest, route?: { params: Promise<Record<string, string | string[]>> }) => {
    const requestId = crypto.randomUUID();
    let audited: { action: string; target: string; params: unknown; actor: string } | null = null;
    try {
      if (byKey) checkApiKey(req.headers);
      if (mutating) {
        // A key-authenticated client sends no cookie a cross-site page could ride on.
        if (!byKey && !isSameOrigin(req.headers, req.url)) {
          throw new ApiError("forbidden", "Cross-site request refused: Origin is not the portal's own.");
        }
        const type = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
        if (type !== mediaType) {
          throw new ApiError("unsupported_media_type", `Send the request body as ${mediaType}.`);
        }
      }

      const user = spec.access === "public" || byKey ? null : await userFromRequest(req);
      if (spec.access !== "public" && !byKey) {
        if (!user) throw new ApiError("unauthorized", "Sign in first.");
        if (!hasRole(user.role, spec.access as Role)) {
          throw new ApiError("forbidden", `This needs the ${spec.access} role; you are ${user.role}.`);
        }
      }

      const params = parse(spec.params, route ? await route.params : {}, "path");
      const query = parse(spec.query, Object.fromEntries(req.nextUrl.searchParams), "query");
      let body: unknown;
      let file: UploadedFile | null = null;
      if (spec.bodyType === "multipart" && spec.body) {
        const form = await readMultipart(req, spec.maxFileBytes ?? 0);
        const fields = (spec.body as unknown as AnyObject).omit({ file: true } as never);
        body = parse(fields, form.fields, "body");
        if (!form.file) throw new ApiError("bad_request", "Invalid body.file: the form has no file part (send the fields first, then the file).");
        file = form.file;
      } else if (spec.body) {
        body = parse(spec.body, await readJson(req, spec.maxBodyBytes), "body");
      }
      const input = { params, query, body } as Input<P, Q, B>;

      if (mutating && byKey) {
        const wait = await rateLimit(`api-key:${spec.path}`, KEY_MUTATIONS_PER_MINUTE, 60_000);
        if (wait > 0) throw new ApiError("too_many_requests", `Too many requests; try again in ${wait} s.`, undefined, wait);
      }
      if (mutating && user) {
        const wait = await rateLimit(`mutation:${user.id}`, MUTATIONS_PER_MINUTE, 60_000);
        if (wait > 0) throw new ApiError("too_many_requests", `Too many changes; try again in ${wait} s.`, undefined, wait);
      }
      if (!mutating && user && spec.readsPerMinute) {
        const wait = await rateLimit(`read:${spec.path}:${user.id}`, spec.readsPerMinute, 60_000);
        if (wait > 0) throw new ApiError("too_many_requests", `Too many requests for this; try again in ${wait} s.`, undefined, wait);
      }
      if (spec.audit && user) {
        audited = { ...spec.audit(input), params: auditParams(file, input.params, input.query, input.body), actor: user.email };
      }

      const out = await fn({ input, file, user, requestId, req });
      if (out instanceof Response) {
        if (audited) await recordAudit({ ...audited, result: "ok", requestId });
        out.headers.set("x-request-id", requestId);
        return out;
      }
      const result = spec.response.parse(out);
      if (audited) await recordAudit({ ...audited, result: "ok", requestId });
      return NextResponse.json(result, { status: spec.status ?? 200, headers: { "x-request-id": requestId } });
    } catch (err) {
      if (audited) await recordAudit({ ...audited, result: "error", requestId }).catch(() => undefined);
      const { status, body, retryAfter } = toErrorResponse(err, requestId);
      const headers: Record<string, string> = { "x-request-id": requestId };
      if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);
      return NextResponse.json(body, { status, headers });
    }
  };
}
