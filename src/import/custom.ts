/**
 * The keys the designer does not write: the topology is generated, each node's file is compared with the file it
 * came from, and every key the regenerated file lacks goes into the node's `customToml`, as TOML text. A key the
 * designer writes with another value is reported (the designer's value is what the topology gives).
 */
import type { TomlValue } from '../generate/index.ts';
import type { Topology } from '../model/index.ts';
import { generateBundle, isTomlTable as isTable, key as tomlKey, parseTomlText, value as tomlValue } from '../generate/index.ts';
import { isApimNode, own } from '../model/index.ts';
import type { NodeFile, Table } from './nodeFile.ts';
import type { ImportReport } from './report.ts';

const isTableArray = (v: unknown): v is Table[] => Array.isArray(v) && v.length > 0 && v.every(isTable);

interface Missing {
  /** Table path segments; an element of an array of tables is `name[i]`. */
  table: string[];
  key: string;
  value: unknown;
}

/** Keys (and whole array-of-table elements) of `original` that `regenerated` lacks, and keys whose value differs. */
function compare(original: Table, regenerated: Table | undefined, path: string[], missing: Missing[], differs: string[]): void {
  for (const [k, v] of Object.entries(original)) {
    // Its own key only: a key named `constructor` or `toString` must not find what every object inherits.
    const other = regenerated === undefined ? undefined : own(regenerated, k);
    if (isTable(v)) compare(v, isTable(other) ? other : undefined, [...path, k], missing, differs);
    else if (isTableArray(v)) {
      v.forEach((element, i) => {
        const twin = Array.isArray(other) ? other[i] : undefined;
        if (isTable(twin)) compare(element, twin, [...path, `${k}[${i}]`], missing, differs);
        else missing.push({ table: [...path], key: `${k}[${i}]`, value: element });
      });
    } else if (other === undefined) missing.push({ table: path, key: k, value: v });
    else if (JSON.stringify(other) !== JSON.stringify(v)) differs.push([...path, k].join('.'));
  }
}

const header = (segments: string[]) =>
  segments
    .map((s) => s.replace(/\[\d+\]$/, ''))
    .map(tomlKey)
    .join('.');

function scalar(v: unknown): TomlValue {
  if (Array.isArray(v)) return v.map(scalar);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return String(v);
}

function tableText(segments: string[], t: Table, array: boolean): string {
  const lines = [array ? `[[${header(segments)}]]` : `[${header(segments)}]`];
  const nested: string[] = [];
  for (const [k, v] of Object.entries(t)) {
    if (isTable(v)) nested.push(tableText([...segments, k], v, false));
    else if (isTableArray(v)) for (const e of v) nested.push(tableText([...segments, k], e, true));
    else lines.push(`${tomlKey(k)} = ${tomlValue(scalar(v))}`);
  }
  return [lines.join('\n'), ...nested].join('\n\n');
}

/** TOML text of the missing keys, grouped by table, in the order met. */
function customText(missing: Missing[]): string {
  const byTable = new Map<string, { segments: string[]; lines: string[] }>();
  const blocks: string[] = [];
  for (const m of missing) {
    if (/\[\d+\]$/.test(m.key)) {
      blocks.push(tableText([...m.table, m.key], m.value as Table, true));
      continue;
    }
    if (m.table.some((s) => /\[\d+\]$/.test(s))) continue; // a key inside an array element the designer also writes
    const id = m.table.join('.');
    const group = byTable.get(id) ?? { segments: m.table, lines: [] };
    if (!byTable.has(id)) byTable.set(id, group);
    group.lines.push(`${tomlKey(m.key)} = ${tomlValue(scalar(m.value))}`);
  }
  const tables = [...byTable.values()].map((g) => (g.segments.length ? [`[${header(g.segments)}]`, ...g.lines] : g.lines).join('\n'));
  // Top-level keys first: after a table header they would belong to it.
  tables.sort((a, b) => Number(a.startsWith('[')) - Number(b.startsWith('[')));
  return [...tables, ...blocks].join('\n\n');
}

export function keepUnplaced(topology: Topology, files: readonly NodeFile[], report: ImportReport): Topology {
  const bundle = generateBundle(topology);
  const regenerated = new Map(bundle.files.map((f) => [f.path, f.content]));
  const nodes = topology.nodes.map((node) => {
    const file = files.find((f) => f.id === node.id);
    if (!file || !isApimNode(node)) return node;
    const text = regenerated.get(`nodes/${node.id}/repository/conf/deployment.toml`);
    const parsed = text === undefined ? undefined : (parseTomlText(text) as Table);
    const missing: Missing[] = [];
    const differs: string[] = [];
    compare(file.data, parsed, [], missing, differs);
    for (const path of differs)
      report.rewritten.push({ subject: node.id, message: `${path}: the designer writes another value than ${file.path}` });
    if (missing.length === 0) return node;
    for (const m of missing) {
      const path = [...m.table, m.key].join('.');
      // customText leaves these out: custom TOML cannot add a key to an array-of-tables element the designer writes.
      const lost = m.table.some((s) => /\[\d+\]$/.test(s));
      report[lost ? 'conflicts' : 'unplaced'].push({
        subject: node.id,
        message: lost ? `${path}: a key inside a [[table]] the designer writes; not kept, add it by hand after generating` : path,
      });
    }
    const custom = customText(missing);
    return custom === '' ? node : { ...node, customToml: custom };
  });
  return { ...topology, nodes };
}
