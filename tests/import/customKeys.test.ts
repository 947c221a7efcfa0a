/**
 * The keys the designer does not model survive import → regenerate: what import keeps as a node's custom TOML is in
 * the file generated for that node again, key by key, with its value, for every set of files the designer never wrote.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { deploymentTomlPath, flatKeys, generateBundle } from '../../src/generate/index.ts';
import { importFiles } from '../../src/import/index.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/import/', import.meta.url));
const SETS = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

function read(set: string): { path: string; content: string }[] {
  const root = join(FIXTURES, set);
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return walk(root)
    .sort()
    .map((f) => ({ path: relative(root, f), content: readFileSync(f, 'utf8') }));
}

describe('keys the designer does not model survive import and regeneration', () => {
  it('has sets of foreign files to import', () => {
    expect(SETS.length).toBeGreaterThanOrEqual(4);
  });

  it.each(SETS)('%s', (set) => {
    const { topology } = importFiles(read(set));
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
