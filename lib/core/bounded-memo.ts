/**
 * `compute(key)`, remembered for at most `limit` keys (forgotten all at once when full): for the
 * few values a hot path derives again and again from the same strings (endpoint URLs, secrets).
 */
export function boundedMemo<V>(limit: number, compute: (key: string) => V): (key: string) => V {
  const cache = new Map<string, V>();
  return (key) => {
    let value = cache.get(key);
    if (value !== undefined) return value;
    value = compute(key);
    if (cache.size >= limit) cache.clear();
    cache.set(key, value);
    return value;
  };
}
