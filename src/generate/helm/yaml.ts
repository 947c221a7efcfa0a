/**
 * The YAML of a values file: block maps and lists of the values tree, every string double-quoted.
 *
 * Written here rather than with a YAML library because values files need only this subset, which maps one to one
 * onto JSON's: a double-quoted JSON string is a YAML 1.2 double-quoted scalar, so no string (a label with a colon,
 * `yes`, `#`, a line break) can change type or break out of its line, and the output is deterministic by
 * construction. The tests read every file back with the `yaml` package and compare it with the tree.
 */
import type { HelmValue, HelmValues } from './values.ts';

/** Words YAML 1.1 or 1.2 reads as null or a boolean (Helm's parser is YAML 1.1's): never plain. */
const RESERVED = /^(?:null|true|false|yes|no|on|off|y|n)$/i;

/** A key as YAML writes it: plain when it is an identifier that is no reserved word, else double-quoted. */
function key(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !RESERVED.test(name) ? name : scalar(name);
}

/**
 * A string as a double-quoted scalar: JSON's escapes, and `\uXXXX` for what YAML does not allow as is (DEL, the C1
 * controls, the byte-order mark) or reads as a line break in YAML 1.1 (U+2028, U+2029), as Helm's parser may.
 */
function scalar(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function isMap(value: HelmValue): value is HelmValues {
  return typeof value === 'object' && !Array.isArray(value);
}

function inline(value: HelmValue): string | undefined {
  if (typeof value === 'string') return scalar(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.length === 0) return '[]';
  if (isMap(value) && Object.keys(value).length === 0) return '{}';
  return undefined;
}

function mapLines(map: HelmValues, indent: string, out: string[]): void {
  for (const [name, value] of Object.entries(map)) {
    const simple = inline(value);
    if (simple !== undefined) out.push(`${indent}${key(name)}: ${simple}`);
    else {
      out.push(`${indent}${key(name)}:`);
      valueLines(value, `${indent}  `, out);
    }
  }
}

function valueLines(value: HelmValue, indent: string, out: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value as readonly HelmValue[]) {
      const simple = inline(item);
      if (simple !== undefined) {
        out.push(`${indent}- ${simple}`);
        continue;
      }
      // A map or list item: its first line after the dash, the rest aligned under it.
      const lines: string[] = [];
      valueLines(item, `${indent}  `, lines);
      const [head = '', ...rest] = lines;
      out.push(`${indent}- ${head.slice(indent.length + 2)}`, ...rest);
    }
  } else if (isMap(value)) mapLines(value, indent, out);
}

/** The values as a YAML document, after `header` as comment lines. */
export function writeYaml(values: HelmValues, header: readonly string[] = []): string {
  const out = header.map((line) => (line === '' ? '#' : `# ${line.replace(/[\r\n\u2028\u2029]/g, ' ')}`));
  mapLines(values, '', out);
  return `${out.join('\n')}\n`;
}
