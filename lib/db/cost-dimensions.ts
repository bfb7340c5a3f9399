/**
 * The unique-key form of a cost sample's dimensions: the pairs sorted by name, as JSON, so the
 * same dimensions in any order give the same key and no value can be mistaken for a separator.
 */
export function dimensionsKey(dimensions: Record<string, string>): string {
  const pairs = Object.entries(dimensions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, value] of pairs) {
    if (typeof value !== "string") throw new TypeError(`dimension ${name} must be a string`);
  }
  return JSON.stringify(pairs);
}
