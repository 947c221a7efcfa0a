/**
 * Keys the chosen API-M version does not read (APIM035). WSO2's config mapper ignores a key no
 * template reads, so a misspelt or misplaced key is a setting lost without a word; this check names
 * it and the key WSO2 does read that it most likely meant. It runs on every deployment.toml the
 * generator writes, and on any TOML the designer is given (custom tables, imported files).
 */
import type { ApimKind, Diagnostic, KeyListVersion } from '../model/index.ts';
import { distributionOf, joinKey, keyRead, keysRead, versionsReading } from '../model/index.ts';
import type { Distribution } from '../model/index.ts';
import { report } from './rules.ts';

export interface UnreadKey {
  /** The dotted key path, `[]` marking an element of an array of tables. */
  key: string;
  /** The versions that do read it, if any. */
  readBy: KeyListVersion[];
  /** The key this version reads that it most likely meant, if any is near. */
  nearest?: string | undefined;
}

type Plain = { [key: string]: unknown };

function isTable(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The path of every value in a parsed TOML document; a table in a list (`[[x]]`) adds `x[]`. */
export function keyPaths(document: Plain): string[][] {
  const paths: string[][] = [];
  const walk = (table: Plain, prefix: string[]) => {
    for (const key of Object.keys(table)) {
      const value = table[key];
      if (isTable(value)) walk(value, [...prefix, key]);
      else if (Array.isArray(value) && value.length > 0 && value.every(isTable)) {
        for (const element of value) walk(element as Plain, [...prefix, `${key}[]`]);
      } else paths.push([...prefix, key]);
    }
  };
  walk(document, []);
  return paths;
}

/** The keys of `paths` that `version` does not read on a node of `kind`, each once, in order. */
export function unreadKeys(paths: readonly (readonly string[])[], version: KeyListVersion, kind: ApimKind): UnreadKey[] {
  const distribution = distributionOf(version, kind);
  const seen = new Set<string>();
  const unread: UnreadKey[] = [];
  for (const path of paths) {
    if (keyRead(path, version, distribution)) continue;
    const key = joinKey(path);
    if (seen.has(key)) continue;
    seen.add(key);
    unread.push({ key, readBy: versionsReading(path), nearest: nearestKey(path, version, distribution) });
  }
  return unread;
}

/** One APIM035 warning per key a file sets that its version does not read. */
export function unreadKeyDiagnostics(file: string, nodeId: string, version: KeyListVersion, unread: readonly UnreadKey[]): Diagnostic[] {
  return unread.map(({ key, readBy, nearest }) => {
    const elsewhere = readBy.length
      ? ` (API-M ${readBy.join(', ')} ${readBy.length === 1 ? 'reads' : 'read'} it)`
      : ' (no API-M version from 4.0 to 4.7 reads it)';
    return report('APIM035', {
      message: `${file}: API-M ${version} does not read ${key}${elsewhere}, so WSO2 ignores it without a word`,
      nodeIds: [nodeId],
      fix: nearest
        ? `Did you mean ${nearest}? Use the key this version reads, or remove it.`
        : 'Remove the key, or choose a version that reads it.',
    });
  });
}

const candidates = new Map<string, { key: string; segments: string[] }[]>();

function candidatesOf(version: KeyListVersion, distribution: Distribution) {
  const id = `${version} ${distribution}`;
  let list = candidates.get(id);
  if (!list) {
    list = keysRead(version, distribution)
      .filter((key) => !key.includes('*'))
      .map((key) => ({ key, segments: key.split('.') }));
    candidates.set(id, list);
  }
  return list;
}

/**
 * The key the version reads that `path` most likely meant: the closest in spelling (at most a quarter
 * of its letters differ), else one with the same last segment in another table
 * (`apim.event_hub.event_duplicate_url` → `apim.throttling.event_duplicate_url`).
 */
export function nearestKey(path: readonly string[], version: KeyListVersion, distribution: Distribution): string | undefined {
  const key = joinKey(path);
  // Each search reads every key the version reads (about a millisecond): custom TOML asks again on every generation.
  const id = `${version} ${distribution} ${key}`;
  if (nearest.has(id)) return nearest.get(id);
  if (nearest.size >= NEAREST_CACHE) nearest.clear();
  const found = searchNearest(key, path, version, distribution);
  nearest.set(id, found);
  return found;
}

/** The answers of nearestKey so far, by version, distribution and key: a bounded cache of a pure function. */
const nearest = new Map<string, string | undefined>();
const NEAREST_CACHE = 10_000;

function searchNearest(key: string, path: readonly string[], version: KeyListVersion, distribution: Distribution): string | undefined {
  const limit = Math.max(2, Math.floor(key.length / 4));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidatesOf(version, distribution)) {
    if (Math.abs(candidate.key.length - key.length) >= bestDistance) continue;
    const d = editDistance(key, candidate.key, bestDistance);
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate.key < best)) {
      best = candidate.key;
      bestDistance = d;
    }
  }
  if (best) return best;
  const last = path[path.length - 1];
  return candidatesOf(version, distribution).find((c) => c.segments[c.segments.length - 1] === last)?.key;
}

/**
 * Levenshtein distance, or `cap` as soon as it is sure to reach it. Written here rather than taken
 * from a package: the validate layer imports no npm code, and this is its only string metric.
 */
export function editDistance(a: string, b: string, cap = Infinity): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(cell(previous, j) + 1, cell(current, j - 1) + 1, cell(previous, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1));
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin >= cap) return cap;
    previous = current;
  }
  return cell(previous, b.length);
}

/** A cell of editDistance's table: the loops read only cells already filled. */
function cell(row: readonly number[], j: number): number {
  const value = row[j];
  if (value === undefined) throw new Error(`editDistance read column ${j} of a row of ${row.length}`);
  return value;
}
