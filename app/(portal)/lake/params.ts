import { InvalidInput } from "@/lib/platform/errors";

type SearchParams = Record<string, string | string[] | undefined>;

/** One query-string value; a repeated parameter is refused rather than guessed at. */
export function single(params: SearchParams, name: string, fallback?: string): string {
  const value = params[name];
  if (Array.isArray(value)) throw new InvalidInput(`Give ${name} once.`);
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw new InvalidInput(`The address names no ${name}.`);
  }
  return value;
}
