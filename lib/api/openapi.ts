import "zod-openapi";
import { createDocument, type ZodOpenApiOperationObject,
  type ZodOpenApiResponseObject, type ZodOpenApiPathsObject } from "zod-openapi";
import { ApiError, ErrorBody, type ErrorCode } from "./errors";
import type { RouteSpec } from "./handler";
import { ROUTES } from "./routes";

const ERROR_DESCRIPTIONS: Record<ErrorCode, string> = {
  bad_request: "Invalid input",
  unauthorized: "Not signed in",
  forbidden: "Role too low, or a cross-site request",
  not_found: "No such resource",
  conflict: "Conflicts with the current state",
  payload_too_large: "The body is over the size limit (64 KiB of JSON; an upload's byte cap)",
  unsupported_media_type: "Not application/json",
  too_many_requests: "Rate limited",
  internal: "Internal error",
  not_implemented: "Adapter not available",
  bad_gateway: "The source (Airflow, S3, EMR, CloudWatch) failed",
  unavailable: "A dependency is not answering",
  gateway_timeout: "Sent, but the source did not confirm it in time: retry with the same Idempotency-Key to learn the outcome",
};

/** The errors a route can answer with, from its guards plus those it declares. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function errorsOf(spec: RouteSpec<any, any, any, any>): ErrorCode[] {
  const codes = new Set<ErrorCode>(["internal", ...(spec.errors ?? [])]);
  if (spec.query || spec.params || spec.body) codes.add("bad_request");
  if (spec.body) codes.add("payload_too_large");
  if (spec.access === "api-key") ["unauthorized", "unavailable"].forEach((c) => codes.add(c as ErrorCode));
  else if (spec.access !== "public") ["unauthorized", "forbidden"].forEach((c) => codes.add(c as ErrorCode));
  if (spec.readsPerMinute) codes.add("too_many_requests");
  if (spec.method !== "get") {
    [...(spec.access === "api-key" ? [] : ["forbidden"]), "unsupported_media_type", "too_many_requests"].forEach((c) => codes.add(c as ErrorCode));
  }
  return [...codes];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function operation(spec: RouteSpec<any, any, any, any>): ZodOpenApiOperationObject {
  const responses: Record<string, ZodOpenApiResponseObject> = {
    [String(spec.status ?? 200)]: {
      description: "Success",
      content: { "application/json": { schema: spec.response } },
    },
  };
  for (const code of errorsOf(spec)) {
    responses[String(new ApiError(code, "").status)] = {
      description: ERROR_DESCRIPTIONS[code],
      content: { "application/json": { schema: ErrorBody } },
    };
  }
  return {
    operationId: `${spec.method}${spec.path.replace(/[^a-zA-Z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase())}`,
    summary: spec.summary,
    tags: [spec.tag],
    security: spec.access === "public" ? [] : spec.access === "api-key" ? [{ apiKey: [] }] : [{ session: [] }],
    requestParams: { ...(spec.query && { query: spec.query }), ...(spec.params && { path: spec.params }) },
    requestBody: spec.body
      ? // Required: a mutation without its body is refused (415) before it is validated.
        { required: true, content: { [spec.bodyType === "multipart" ? "multipart/form-data" : "application/json"]: { schema: spec.body } } }
      : undefined,
    responses,
  };
}

export function openApiDocument() {
  const paths: ZodOpenApiPathsObject = {};
  for (const spec of ROUTES) {
    paths[spec.path] = { ...paths[spec.path], [spec.method]: operation(spec) };
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "BuildItAll Data Platform portal API",
      version: "1",
      description: "JSON API of the portal. Errors: { error: { code, message, issues?, requestId } }.",
    },
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "Sign in at /login" },
        apiKey: { type: "http", scheme: "bearer", description: "LINEAGE_API_KEY (Secrets Manager on AWS): for OpenLineage clients" },
      },
    },
    paths,
  });
}
