/** Text mutations for the fuzz tests of links and files, and what every read of them must give. */
import { expect } from 'vitest';
import { serializeTopology } from '../../src/model/index.ts';
import type { ReadResult } from '../../src/share/index.ts';
import { READ_ERROR_KINDS, formatReadError, readTopology } from '../../src/share/index.ts';
import { validate, validateFields } from '../../src/validate/index.ts';
export type Mutation = 'flip' | 'truncate' | 'insert' | 'delete' | 'duplicate' | 'repeat';

export const MUTATIONS: Mutation[] = ['flip', 'truncate', 'insert', 'delete', 'duplicate', 'repeat'];

/** `source` changed by `kind` at `at` (wrapped to its length), with `text` and `count` as the kind needs. */
export function mutate(source: string, kind: Mutation, at: number, text: string, count: number): string {
  const i = source.length === 0 ? 0 : at % source.length;
  switch (kind) {
    case 'flip':
      return source.slice(0, i) + text + source.slice(i + 1);
    case 'truncate':
      return source.slice(0, i);
    case 'insert':
      return source.slice(0, i) + text.repeat(count) + source.slice(i);
    case 'delete':
      return source.slice(0, i) + source.slice(i + count);
    case 'duplicate':
      return source.slice(0, i) + source.slice(i, i + 200).repeat(count) + source.slice(i);
    case 'repeat':
      return source.repeat(count * 40);
  }
}

/**
 * What every read of untrusted input must give: a topology that passes the schema again unchanged and
 * whose fields are valid (validateFields checks what the schema guarantees), or errors, at least one,
 * each a sentence saying where and what.
 */
export function expectTypedResult(result: ReadResult): void {
  if (result.ok) {
    const again = readTopology(serializeTopology(result.topology));
    expect(again.ok && serializeTopology(again.topology)).toBe(serializeTopology(result.topology));
    expect(validateFields(result.topology)).toEqual([]);
    expect(() => validate(result.topology)).not.toThrow();
  } else {
    expect(result.errors.length).toBeGreaterThan(0);
    for (const error of result.errors) {
      expect(READ_ERROR_KINDS).toContain(error.kind);
      expect(typeof error.path).toBe('string');
      expect(error.message).toMatch(/\w.{8,}/);
      expect(formatReadError(error).length).toBeGreaterThan(10);
    }
  }
}
