/** The line diff of two bundles, file by file (src/generate/bundleDiff.ts). */
import { applyPatch, parsePatch } from 'diff';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filesDiff, generateBundle, isDeployedFile, unifiedDiff } from '../../src/generate/index.ts';
import { loadExample } from '../factories.ts';
import { benchTopology } from '../bench/topologies.ts';

const file = (path: string, content: string) => ({ path, content });

describe('filesDiff', () => {
  it('is empty for the same files, whatever their order', () => {
    const a = [file('b', '1\n'), file('a', '2\n')];
    expect(filesDiff(a, [...a].reverse())).toEqual([]);
  });

  it('marks a changed line, with three lines of context, as diff -u does', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    const [diff] = filesDiff([file('x', before)], [file('x', before.replace('e', 'E'))]);
    expect(diff).toEqual({
      path: 'x',
      change: 'changed',
      added: 1,
      removed: 1,
      hunks: [{ header: '@@ -2,7 +2,7 @@', lines: [' b', ' c', ' d', '-e', '+E', ' f', ' g', ' h'] }],
    });
  });

  it('shows files only one side has as added or removed, sorted by path', () => {
    const diffs = filesDiff([file('z/old', 'o\n'), file('m', 'same\n')], [file('m', 'same\n'), file('a/new', 'n\nm\n')]);
    expect(diffs.map((d) => [d.path, d.change, d.added, d.removed])).toEqual([
      ['a/new', 'added', 2, 0],
      ['z/old', 'removed', 0, 1],
    ]);
  });
});

describe('unifiedDiff', () => {
  it('writes git-style headers, /dev/null for the side without the file', () => {
    const text = unifiedDiff(filesDiff([file('gone', 'g\n'), file('x', 'a\nb\n')], [file('x', 'a\nB\n'), file('new', 'n\n')]));
    expect(text).toBe(
      [
        'diff --git a/gone b/gone',
        'deleted file mode 100644',
        '--- a/gone',
        '+++ /dev/null',
        '@@ -1 +0,0 @@',
        '-g',
        'diff --git a/new b/new',
        'new file mode 100644',
        '--- /dev/null',
        '+++ b/new',
        '@@ -0,0 +1 @@',
        '+n',
        'diff --git a/x b/x',
        '--- a/x',
        '+++ b/x',
        '@@ -1,2 +1,2 @@',
        ' a',
        '-b',
        '+B',
        '',
      ].join('\n'),
    );
  });

  it('is empty text when nothing differs', () => expect(unifiedDiff([])).toBe(''));

  it('says when a file has no newline at its end', () => {
    expect(unifiedDiff(filesDiff([file('x', 'a\n')], [file('x', 'a')]))).toContain('\\ No newline at end of file');
  });
});

describe('any two texts', () => {
  const text = fc
    .tuple(fc.array(fc.constantFrom('a', 'b', 'c', '', 'key = 1', '[server]'), { maxLength: 30 }), fc.boolean())
    .map(([lines, newline]) => lines.join('\n') + (newline && lines.length > 0 ? '\n' : ''));

  /** `from` with the diff applied, as patch would: read back from the printed text. */
  const patched = (from: string, to: string, maxAlignedEdits?: number) => {
    const diffs = filesDiff([file('x', from)], [file('x', to)], maxAlignedEdits === undefined ? {} : { maxAlignedEdits });
    if (diffs.length === 0) return from;
    const [patch] = parsePatch(unifiedDiff(diffs));
    return patch ? applyPatch(from, patch) : false;
  };

  it('the printed diff turns the first into the second, aligned or not (a diff past the edit bound)', () => {
    fc.assert(
      fc.property(text, text, (from, to) => {
        expect(patched(from, to)).toBe(to);
        expect(patched(from, to, 0)).toBe(to);
      }),
      { numRuns: 300 },
    );
  });

  it('past the edit bound, the common first and last lines stay context, and the middle is replaced', () => {
    const [diff] = filesDiff([file('x', '1\n2\n3\n4\nold\n5\n')], [file('x', '1\n2\n3\n4\nnew\nnewer\n5\n')], { maxAlignedEdits: 0 });
    expect(diff?.hunks).toEqual([{ header: '@@ -2,5 +2,6 @@', lines: [' 2', ' 3', ' 4', '-old', '+new', '+newer', ' 5'] }]);
  });
});

describe('the diff of two bundles', () => {
  it('a 400-node topology on another version: every file compared in a few seconds at most', () => {
    const topology = benchTopology(400);
    const before = generateBundle(topology).files;
    const after = generateBundle({ ...topology, product: topology.product === '4.7.0' ? '4.0.0' : '4.7.0' }).files;
    const start = performance.now();
    const diffs = filesDiff(before, after);
    expect(performance.now() - start).toBeLessThan(5000);
    expect(diffs.find((d) => d.path === 'README.md')?.added).toBeGreaterThan(0);
  });

  it('switching 4.0 to 4.5 changes the deployment.toml files, line by line, deterministically', () => {
    const topology = loadExample('separate-tm-ha');
    const before = generateBundle(topology).files;
    const after = generateBundle({ ...topology, product: '4.5.0' }).files;
    const diffs = filesDiff(before, after);
    const cp = diffs.find((d) => d.path === 'nodes/cp-1/repository/conf/deployment.toml');
    expect(cp?.hunks.flatMap((h) => h.lines)).toContain('+server_role = "default"');
    expect(unifiedDiff(filesDiff(before, after))).toBe(unifiedDiff(diffs));
    expect(diffs.map((d) => d.path)).toEqual(diffs.map((d) => d.path).sort());
  });
});

describe('isDeployedFile', () => {
  it.each([
    ['nodes/gw-1/repository/conf/deployment.toml', true],
    ['load-balancers/gw-lb/nginx.conf', true],
    ['helm/apim-gw/values.yaml', true],
    ['deployment.toml', true],
    ['README.md', false],
    ['topology.json', false],
    ['hosts', false],
    ['helm/releases.json', false],
    ['nodes/gw-1/repository/conf/deployment.toml.bak', false],
  ])('%s: %s', (path, deployed) => expect(isDeployedFile(path)).toBe(deployed));
});
