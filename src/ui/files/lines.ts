/**
 * Which lines of a file changed since its previous version, to mark them as nginxconfig.io does. Common
 * leading and trailing lines are skipped; in the middle, a line is marked unless the old middle had the
 * same line (each old line matches once). Linear, and exact for the edits the designer makes.
 */
export function changedLines(before: string, after: string): Set<number> {
  const changed = new Set<number>();
  if (before === after) return changed;
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const old = new Map<string, number>();
  for (const line of a.slice(start, endA)) old.set(line, (old.get(line) ?? 0) + 1);
  for (const [offset, line] of b.slice(start, endB).entries()) {
    const left = old.get(line) ?? 0;
    if (left > 0) old.set(line, left - 1);
    else changed.add(start + offset);
  }
  return changed;
}
