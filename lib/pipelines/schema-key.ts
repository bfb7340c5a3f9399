/**
 * The key a Param schema's generated validator is filed under: its JSON with keys sorted at every
 * level, so a schema that went through a parser that reorders keys (zod) still finds its validator.
 */
export function schemaKey(schema: unknown): string {
  const sorted = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(sorted)
      : value !== null && typeof value === "object"
        ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]))
        : value;
  return JSON.stringify(sorted(schema));
}
