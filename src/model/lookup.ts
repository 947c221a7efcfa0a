/**
 * What a lookup table holds under `key` itself, or undefined. The keys come from files, links and URLs,
 * and a key such as `constructor` or `toString` must not find what every object inherits.
 */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
