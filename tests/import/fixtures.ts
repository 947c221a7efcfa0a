/** The sets of files the designer never wrote (tests/fixtures/import/), read as the importer takes them. */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../fixtures/import/', import.meta.url));

/** Every file of a set, by its path relative to the set's folder, in path order. */
export function readSet(set: string): { path: string; content: string }[] {
  const root = join(FIXTURES, set);
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return walk(root)
    .sort()
    .map((f) => ({ path: relative(root, f), content: readFileSync(f, 'utf8') }));
}
