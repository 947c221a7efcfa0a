/**
 * Golden files: the whole bundle of every example, byte for byte. Each was reviewed against the seed
 * page and REFERENCE.md before it was committed; a change to one is a change to what users deploy,
 * so review the diff the same way. `npm run golden:update` rewrites them.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { generateBundle } from '../../src/generate/index.ts';
import { EXAMPLE_FILES, loadExample } from '../factories.ts';

const GOLDEN = fileURLToPath(new URL('../golden/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe.each(EXAMPLE_FILES)('golden bundle of %s', (example) => {
  const bundle = generateBundle(loadExample(example));
  const root = join(GOLDEN, example);

  if (update) {
    rmSync(root, { recursive: true, force: true });
    for (const file of bundle.files) {
      mkdirSync(dirname(join(root, file.path)), { recursive: true });
      writeFileSync(join(root, file.path), file.content);
    }
  }

  it('has exactly the golden files', () => {
    const golden = listFiles(root).map((path) => relative(root, path).split('\\').join('/')).sort();
    expect(bundle.files.map((f) => f.path).sort()).toEqual(golden);
  });

  it.each(bundle.files.map((f) => [f.path, f] as const))('%s matches its golden file', (_path, file) => {
    expect(file.content).toBe(readFileSync(join(root, file.path), 'utf8'));
  });

  it('has no errors (its warnings, such as the default passwords, are listed in the golden README)', () => {
    expect(bundle.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
