/**
 * The keys the designer does not model survive import → regenerate: what import keeps as a node's custom TOML is in
 * the file generated for that node again, key by key, with its value, for every set of files the designer never wrote.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deploymentTomlPath, flatKeys, generateBundle } from '../../src/generate/index.ts';
import { importFiles } from '../../src/import/index.ts';
import { FIXTURES, readSet } from './fixtures.ts';

const SETS = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

describe('keys the designer does not model survive import and regeneration', () => {
  it('has sets of foreign files to import', () => {
    expect(SETS.length).toBeGreaterThanOrEqual(4);
  });

  it.each(SETS)('%s', (set) => {
    const { topology } = importFiles(readSet(set));
    const bundle = generateBundle(topology);
    const kept = topology.nodes.flatMap((node) => ('customToml' in node && node.customToml ? [node] : []));
    expect(kept.length, `${set}: no key was kept as custom TOML`).toBeGreaterThan(0);
    for (const node of kept) {
      const file = bundle.files.find((f) => f.path === deploymentTomlPath(node));
      expect(file, `${set}: ${node.id} has no file`).toBeDefined();
      const written = flatKeys(file?.content ?? '');
      for (const [key, value] of flatKeys(node.customToml ?? '')) {
        // An element of an array of tables lands at another index beside the designer's elements: compare by key.
        if (/\[\d+\]/.test(key)) continue;
        expect(written.get(key), `${set}: ${node.id} ${key}`).toBe(value);
      }
    }
  });
});
