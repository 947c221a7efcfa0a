/**
 * Fuzzing the file and zip inputs (the links have their own 10,000 in link.test.ts): mutated, truncated
 * and oversized topology files and bundle zips must each give a typed error or a valid topology, never
 * an exception.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { generateBundle } from '../../src/generate/index.ts';
import { zipBundle } from '../../src/generate/zip.ts';
import { readBundleZip, readTopology } from '../../src/share/index.ts';
import { examplePath, loadExample } from '../factories.ts';
import { MUTATIONS, expectTypedResult, mutate } from './mutate.ts';

const files = (['seed-sample', 'ha-cp-gw', 'separate-tm-ha'] as const).map((name) => readFileSync(examplePath(name), 'utf8'));
const CHARS = [
  '{',
  '}',
  '[',
  ']',
  '"',
  ',',
  ':',
  '\\',
  '0',
  '-',
  'e',
  'null',
  'true',
  '\u0000',
  '\ud800',
  'apim-topology/2',
  '"kind"',
  '"__proto__"',
];

describe('fuzzing files and zips', () => {
  it('5,000 mutated and truncated topology files: a typed error or a valid topology', () => {
    fc.assert(
      fc.property(
        fc.record({
          file: fc.integer({ min: 0, max: files.length - 1 }),
          kind: fc.constantFrom(...MUTATIONS),
          at: fc.nat(),
          count: fc.integer({ min: 1, max: 40 }),
          text: fc.constantFrom(...CHARS),
        }),
        ({ file, kind, at, count, text }) => {
          const mutated = mutate(files[file]!, kind, at, text, kind === 'repeat' ? Math.min(count, 3) : count);
          expectTypedResult(readTopology(mutated));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('1,000 mutated bundle zips: a typed error or a valid topology', () => {
    const zip = zipBundle(generateBundle(loadExample('ha-cp-gw')).files);
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean(), (at, byte, truncate) => {
        const i = at % zip.length;
        const mutated = truncate ? zip.slice(0, i) : Uint8Array.from(zip, (b, j) => (j === i ? byte : b));
        expectTypedResult(readBundleZip(mutated));
      }),
      { numRuns: 1000 },
    );
  });

  it('oversized input is refused before it is parsed', () => {
    const huge = `{"format": "apim-topology/1", "product": "4.0.0", "name": "${'x'.repeat(2_100_000)}", "nodes": []}`;
    const result = readTopology(huge);
    expect(!result.ok && result.errors[0]!.message).toMatch(/at most 2,000,000/);
  });
});
