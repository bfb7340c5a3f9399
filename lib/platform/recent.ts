/**
 * Results kept for `ttlMs` per key and shared while in flight: however many callers ask within the
 * interval, the source is called once. Failures are kept too (a source that just failed is not
 * hammered); at most `maxKeys` keys, the oldest dropped first.
 */
export function recentResults<T>(ttlMs: number, maxKeys = 500) {
  const entries = new Map<string, { at: number; result: Promise<T> }>();
  return function get(key: string, fn: () => Promise<T>, now = Date.now()): Promise<T> {
    const hit = entries.get(key);
    if (hit && now - hit.at < ttlMs) return hit.result;
    entries.delete(key);
    const result = fn();
    // A rejection is handled by the callers that await it; this only keeps it from being reported as unhandled.
    result.catch(() => undefined);
    entries.set(key, { at: now, result });
    if (entries.size > maxKeys) entries.delete(entries.keys().next().value!);
    return result;
  };
}
