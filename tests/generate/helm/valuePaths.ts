/**
 * The key paths of a Helm values tree, spelled as the chart path lists in tests/fixtures/helm/ spell them, and the
 * check that each one is a key of the chart (Helm ignores any other without a word).
 *
 * Spelling (tests/fixtures/helm/README.md): dotted; `[]` for the fields of list items; a segment with characters
 * outside `[A-Za-z0-9_]` single-quoted; empty maps, empty lists and lists of scalars are leaves.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The paths of one chart of one helm-apim branch (`4.7.x`, `wso2am-acp`). */
export function chartPaths(branch: string, chart: string): ReadonlySet<string> {
  const file = fileURLToPath(new URL(`../../fixtures/helm/${branch}/${chart}.paths`, import.meta.url));
  return new Set(readFileSync(file, 'utf8').split('\n').filter(Boolean));
}

const isMap = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function segment(key: string): string {
  return /^[A-Za-z0-9_]+$/.test(key) ? key : `'${key}'`;
}

/** One key of a values tree: its path, and whether it is an empty map or list (which may stand for a map or list of the chart). */
export interface KeyPath {
  readonly path: string;
  readonly empty: boolean;
}

/** Every leaf of a values tree, in document order. */
export function keyPathsOf(values: unknown, prefix = ''): KeyPath[] {
  const join = (key: string) => (prefix ? `${prefix}.${segment(key)}` : segment(key));
  if (isMap(values)) {
    const keys = Object.keys(values);
    if (keys.length === 0) return prefix ? [{ path: prefix, empty: true }] : [];
    return keys.flatMap((key) => keyPathsOf(values[key], join(key)));
  }
  if (Array.isArray(values)) {
    if (values.length === 0) return [{ path: prefix, empty: true }];
    // A list of maps: the fields of its items; a list of scalars is a leaf.
    if (values.every(isMap)) {
      const seen = new Set<string>();
      return values.flatMap((item) => keyPathsOf(item, `${prefix}[]`)).filter((k) => !seen.has(k.path) && !!seen.add(k.path));
    }
    return [{ path: prefix, empty: false }];
  }
  return [{ path: prefix, empty: false }];
}

/**
 * Maps and lists the charts take whole, for the user to fill with keys of their own (which the path lists cannot
 * hold): pod annotations and labels, environment variables, extra volumes, route annotations and filters (helm-apim
 * values.yaml of every chart: `annotations: {}`, `labels: {}`, `envs: {}`, `extraVolumes: []`, `filters: []`; the
 * Ingress annotations, which come with a few NGINX keys, are written whole by `toYaml`, e.g. 4.2.x
 * distributed/control-plane/templates/control-plane/wso2am-cp-ingress.yaml:17–19).
 */
const OPEN = /(^|\.)(annotations|labels|envs|extraVolumes|extraVolumeMounts|filters)$/;

/** The paths of a values tree that are not keys of the chart. */
export function unknownPaths(values: unknown, known: ReadonlySet<string>): string[] {
  const interior = new Set([...known].flatMap((path) => [...prefixes(path)]));
  const openPrefix = (path: string) => [...prefixes(path)].some((p) => (known.has(p) || interior.has(p)) && OPEN.test(p));
  return keyPathsOf(values)
    .filter(({ path, empty }) => !known.has(path) && !(empty && interior.has(path)) && !openPrefix(path))
    .map(({ path }) => path);
}

/** The proper prefixes of a path at its segment boundaries (`a.b[].c` → `a`, `a.b`). */
function* prefixes(path: string): Generator<string> {
  let quoted = false;
  for (let i = 0; i < path.length; i += 1) {
    if (path[i] === "'") quoted = !quoted;
    else if (!quoted && (path[i] === '.' || path.startsWith('[]', i))) yield path.slice(0, i);
  }
}
