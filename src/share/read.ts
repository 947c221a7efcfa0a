/**
 * The one restore path for untrusted input (a file, a link, a bundle zip, the autosave), in this order:
 * a size cap, parse, format and version check, migrations, defaults and schema, references. The result
 * is typed: a topology, or errors that each name the field and the fix, such as
 * `nodes[2].offset: 70000 is out of range 0–1000`.
 */
import * as v from 'valibot';
import type { BaseIssue } from 'valibot';
import type { Topology } from '../model/index.ts';
import { TOPOLOGY_FORMAT } from '../model/index.ts';
import { topologySchema, typeName } from './schema.ts';
import { CURRENT_FORMAT_NUMBER, formatNumber, migrate } from './migrations.ts';

/**
 * What stopped a read, for a program to act on; the message says it to a person.
 * - `too-large`: past a size cap (the text, a link, what a link or a zip unpacks to).
 * - `not-json`: not JSON, or JSON cut short.
 * - `not-a-topology`: not a topology at all (no or another format, not an object, not a link, a zip
 *   without topology.json).
 * - `newer-format`: a format or link version newer than this designer reads: open it with a newer one.
 * - `damaged`: bytes that do not decode (a link with foreign characters, a damaged zip, text that is
 *   not UTF-8).
 * - `invalid`: a topology with mistakes, each at its field (the schema, a reference).
 */
export const READ_ERROR_KINDS = ['too-large', 'not-json', 'not-a-topology', 'newer-format', 'damaged', 'invalid'] as const;
export type ReadErrorKind = (typeof READ_ERROR_KINDS)[number];

export interface ReadError {
  kind: ReadErrorKind;
  /** Where: `nodes[2].offset`, `links[3].to`; empty for the document as a whole. */
  path: string;
  message: string;
}

/** A read error; `path` empty for the document as a whole. */
export function readError(kind: ReadErrorKind, message: string, path = ''): ReadError {
  return { kind, path, message };
}

export type ReadResult = { ok: true; topology: Topology } | { ok: false; errors: ReadError[] };

/** At most this many errors are reported: past that, one more line says how many were left out. */
const MAX_ERRORS = 20;

export function formatReadError(error: ReadError): string {
  return error.path ? `${error.path}: ${error.message}` : error.message;
}

/** The largest topology document read, in characters of JSON (a 5,000-node topology is about 1 MB). */
export const MAX_DOCUMENT_CHARS = 2_000_000;

/** The largest picture read (share/image.ts), in bytes: a 5,000-node topology's picture is a few MB, its JSON at most 2 MB. */
export const MAX_IMAGE_BYTES = 20_000_000;

/** Reads a topology from JSON text. */
export function readTopology(text: string): ReadResult {
  if (text.length > MAX_DOCUMENT_CHARS) {
    return fail([
      readError(
        'too-large',
        `is ${text.length.toLocaleString('en')} characters long; a topology is at most ${MAX_DOCUMENT_CHARS.toLocaleString('en')}`,
      ),
    ]);
  }
  let value: unknown;
  try {
    // A file saved by an editor that writes a byte-order mark reads like any other.
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    return fail([readError('not-json', `not valid JSON (${(error as Error).message})`)]);
  }
  return restoreTopology(value);
}

/** Restores a topology from a parsed JSON value. */
export function restoreTopology(value: unknown): ReadResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail([readError('not-a-topology', `expected a topology object, got ${typeName(value)}`)]);
  }
  const format = (value as Record<string, unknown>).format;
  if (format === undefined) {
    return fail([readError('not-a-topology', `missing: a topology file starts with "format": "${TOPOLOGY_FORMAT}"`, 'format')]);
  }
  const number = formatNumber(format);
  if (number === undefined) {
    return fail([
      readError(
        'not-a-topology',
        `${JSON.stringify(format)} is not a format this designer reads (expected "${TOPOLOGY_FORMAT}")`,
        'format',
      ),
    ]);
  }
  if (number > CURRENT_FORMAT_NUMBER) {
    return fail([
      readError(
        'newer-format',
        `${JSON.stringify(format)} was written by a newer version of the designer; this one reads up to "${TOPOLOGY_FORMAT}": open it with the newer version`,
        'format',
      ),
    ]);
  }
  if (number < CURRENT_FORMAT_NUMBER) value = migrate(value as Record<string, unknown>, number);

  const parsed = v.safeParse(topologySchema, value);
  if (!parsed.success) return fail(parsed.issues.map(fromIssue));
  const topology = parsed.output;

  // References: ids are unique, links name existing nodes.
  const errors: ReadError[] = [];
  const firstIndex = new Map<string, number>();
  topology.nodes.forEach((node, index) => {
    const first = firstIndex.get(node.id);
    if (first !== undefined)
      errors.push(readError('invalid', `"${node.id}" is already the id of nodes[${first}]; ids must be unique`, `nodes[${index}].id`));
    else firstIndex.set(node.id, index);
  });
  topology.links.forEach((link, index) => {
    for (const end of ['from', 'to'] as const) {
      if (!firstIndex.has(link[end])) {
        errors.push(readError('invalid', `no node ${JSON.stringify(link[end])}`, `links[${index}].${end}`));
      }
    }
  });
  if (errors.length > 0) return fail(errors);
  return { ok: true, topology };
}

function fromIssue(issue: BaseIssue<unknown>): ReadError {
  const keys = (issue.path ?? []).map((item) => item.key as string | number);
  const pathOf = (parts: (string | number)[]) =>
    parts.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key), '');
  if (issue.type === 'strict_object' && issue.kind === 'schema' && keys.length > 0) {
    const field = String(keys[keys.length - 1]);
    const parent = pathOf(keys.slice(0, -1));
    if (issue.expected === 'never') return readError('invalid', `unknown field ${JSON.stringify(field)}`, parent);
    if (issue.input === undefined) return readError('invalid', `missing field ${JSON.stringify(field)}`, parent);
  }
  return readError('invalid', issue.message, pathOf(keys));
}

function fail(errors: ReadError[]): ReadResult {
  if (errors.length <= MAX_ERRORS) return { ok: false, errors };
  const shown = errors.slice(0, MAX_ERRORS);
  shown.push(readError('invalid', `and ${errors.length - MAX_ERRORS} more problems`));
  return { ok: false, errors: shown };
}
