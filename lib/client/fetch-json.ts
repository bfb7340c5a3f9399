/**
 * The one way browser code calls the JSON API: the body sent as JSON, the answer read once, and a
 * refusal turned into an ApiCallError carrying the API's own message
 * (`{ error: { code, message } }`, see lib/api/errors.ts) or, without one, the status line.
 */
export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
  ) {
    super(message);
    this.name = "ApiCallError";
  }
}

/** The API's error from a response text (also for XMLHttpRequest, which uploads use for progress). */
export function apiCallError(status: number, text: string, what: string): ApiCallError {
  try {
    const error = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
    if (error?.message) return new ApiCallError(status, error.code ?? null, error.message);
  } catch {
    // Not the API's JSON (a proxy's page, an empty body): the status line says enough.
  }
  return new ApiCallError(status, null, `${what} failed (${status}).`);
}

export async function fetchJson<T>(url: string, init: { method?: "GET" | "POST" | "DELETE"; body?: unknown } = {}): Promise<T> {
  const method = init.method ?? "GET";
  const res = await fetch(url, {
    method,
    headers: { accept: "application/json", ...(init.body === undefined ? {} : { "content-type": "application/json" }) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  if (!res.ok) throw apiCallError(res.status, text, `${method} ${url.split("?")[0]}`);
  return JSON.parse(text) as T;
}
