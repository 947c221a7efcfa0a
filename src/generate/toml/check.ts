/**
 * Every emitted file is parsed back with @iarna/toml (a TOML 0.5 parser, like WSO2's) and must equal the
 * document it came from. A mismatch is a bug in the generator or the writer.
 */
// parse-string alone: the package index also loads a Node stream parser the browser does not need.
import parseToml from '@iarna/toml/parse-string.js';
import type { TomlDocument } from './document.ts';
import { toPlain } from './document.ts';

export type RoundTrip = { ok: true } | { ok: false; reason: string };

export function checkRoundTrip(text: string, document: TomlDocument): RoundTrip {
  let parsed: unknown;
  try {
    parsed = parseToml(text);
  } catch (error) {
    return { ok: false, reason: `does not parse: ${(error as Error).message.split('\n')[0]}` };
  }
  const difference = firstDifference(toPlain(document), parsed, '');
  return difference === undefined ? { ok: true } : { ok: false, reason: `reads back differently at ${difference || 'the top'}` };
}

/** The path of the first difference between two plain values, or undefined when they are equal. */
export function firstDifference(expected: unknown, actual: unknown, path: string): string | undefined {
  const at = differenceAt(expected, actual);
  if (at === undefined) return undefined;
  return [path, ...at].filter((segment) => segment !== '').join('.').replace(/\.\[/g, '[');
}

/**
 * The segments to the first difference (`['apim', 'throttling', '[0]']`), or undefined. Paths are only
 * built on the way back from a difference: equal files, the usual case, allocate nothing.
 */
function differenceAt(expected: unknown, actual: unknown): string[] | undefined {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [];
    for (let i = 0; i < expected.length; i++) {
      const d = differenceAt(expected[i], actual[i]);
      if (d !== undefined) return [`[${i}]`, ...d];
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return [];
    const a = expected as Record<string, unknown>;
    const b = actual as Record<string, unknown>;
    let count = 0;
    for (const k in a) {
      count++;
      if (!Object.hasOwn(b, k)) return [k];
      const d = differenceAt(a[k], b[k]);
      if (d !== undefined) return [k, ...d];
    }
    return count === Object.keys(b).length ? undefined : [];
  }
  return Object.is(expected, actual) ? undefined : [];
}
