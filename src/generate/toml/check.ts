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
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return path;
    for (let i = 0; i < expected.length; i++) {
      const d = firstDifference(expected[i], actual[i], `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return path;
    const a = expected as Record<string, unknown>;
    const b = actual as Record<string, unknown>;
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    if (keysA.length !== keysB.length) return path;
    for (const k of keysA) {
      if (!Object.hasOwn(b, k)) return path ? `${path}.${k}` : k;
      const d = firstDifference(a[k], b[k], path ? `${path}.${k}` : k);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  return Object.is(expected, actual) ? undefined : path;
}
