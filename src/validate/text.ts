/** Wording shared by the rule modules. */

/** "a, b and c"; past `max` items, "a, b, c and 4 more". */
export function names(items: readonly string[], max = 5): string {
  if (items.length <= 1) return items.join('');
  if (items.length > max) return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
