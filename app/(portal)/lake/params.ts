import { ApiError } from "@/lib/api/errors";

type SearchParams = Record<string, string | string[] | undefined>;

/** One query-string value; a repeated parameter is refused rather than guessed at. */
export function single(params: SearchParams, name: string, fallback?: string): string {
  const value = params[name];
  if (Array.isArray(value)) throw new ApiError("bad_request", `Give ${name} once.`);
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw new ApiError("bad_request", `The address names no ${name}.`);
  }
  return value;
}
