/**
 * `apim-topology diff <a> <b>` (src/cli/diff.ts): a unified diff per file of two bundles; exit 0 the
 * same, 1 different, 2 bad input, as `diff`. Sides are topology files, -, share links and folders.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.ts';
import { nodeIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { serializeTopology } from '../../src/model/index.ts';
import { examplePath, loadExample } from '../factories.ts';

async function cli(args: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { ...nodeIo, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: async () => stdin };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const GW1 = 'nodes/gw-1/repository/conf/deployment.toml';

/** A folder with the example as a topology file, the same on 4.5.0, and its bundle written by generate. */
async function workspace() {
  const root = mkdtempSync(join(tmpdir(), 'apim-diff-'));
  const topology = loadExample('separate-tm-ha');
  writeFileSync(join(root, 'a.json'), serializeTopology(topology));
  writeFileSync(join(root, 'b.json'), serializeTopology({ ...topology, product: '4.5.0' }));
  const bundle = join(root, 'bundle');
  expect((await cli(['generate', join(root, 'a.json'), '--out', bundle])).code).toBe(0);
  return { root, a: join(root, 'a.json'), b: join(root, 'b.json'), bundle };
}

describe('apim-topology diff', () => {
  it('exits 0 and prints nothing when the bundles are the same', async () => {
    const { a } = await workspace();
    expect(await cli(['diff', a, a])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('exits 1 and prints a unified diff per file, git-style, when they differ (a version switch)', async () => {
    const { a, b } = await workspace();
    const { code, stdout } = await cli(['diff', a, b]);
    expect(code).toBe(1);
    expect(stdout).toContain(`diff --git a/${GW1} b/${GW1}\n--- a/${GW1}\n+++ b/${GW1}\n@@ -`);
    expect(stdout).toMatch(/^-version = "4\.0\.0"|^[-+].*4\.5/m);
    // Sorted by path, and the same text every time.
    const headers = [...stdout.matchAll(/^diff --git a\/(\S+)/gm)].map((m) => m[1]);
    expect(headers).toEqual([...headers].sort());
    expect((await cli(['diff', a, b])).stdout).toBe(stdout);
  });

  it('a topology and the bundle folder generate wrote from it are the same; every file is compared', async () => {
    const { a, b, bundle } = await workspace();
    expect((await cli(['diff', a, bundle])).code).toBe(0);
    const other = await cli(['diff', bundle, b]);
    expect(other.code).toBe(1);
    expect(other.stdout).toContain('--- a/topology.json');
    expect(other.stderr).toBe('');
  });

  it('a folder of live files: read as they are, only deployment.toml, nginx.conf and values.yaml compared, and it says so', async () => {
    const { a, root, bundle } = await workspace();
    const live = join(root, 'live');
    const expected = readFileSync(join(bundle, GW1), 'utf8');
    mkdirSync(join(live, 'nodes/gw-1/repository/conf'), { recursive: true });
    writeFileSync(join(live, GW1), expected.replace(/^offset = .*$/m, 'offset = 7'));
    writeFileSync(join(live, 'notes.txt'), 'not configuration');
    const { code, stdout, stderr } = await cli(['diff', live, a]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/comparing only deployment\.toml, nginx\.conf and values\.yaml files/);
    expect(stdout).not.toMatch(/README\.md|topology\.json|notes\.txt|\+\+\+ b\/hosts/);
    expect(stdout).toContain(`--- a/${GW1}\n+++ b/${GW1}`);
    expect(stdout).toMatch(/^-offset = 7$/m);
    // The files the live folder does not have are new on the other side.
    expect(stdout).toContain('--- /dev/null\n+++ b/nodes/gw-2/repository/conf/deployment.toml');
  });

  it('a share link and standard input are sides too', async () => {
    const { a } = await workspace();
    const link = (await cli(['link', a, '--include-secrets'])).stdout.trim();
    expect((await cli(['diff', link, a])).code).toBe(0);
    expect((await cli(['diff', '-', a], readFileSync(a, 'utf8'))).code).toBe(0);
    const other = await cli(['diff', link, examplePath('ha-cp-gw')]);
    expect(other.code).toBe(1);
    expect(other.stdout).toContain('+++ /dev/null');
  });

  it.each<[string, (w: Awaited<ReturnType<typeof workspace>>) => string[], RegExp]>([
    ['one side', (w) => ['diff', w.a], /^apim-topology: diff needs two things to compare .*not 1\n$/],
    ['three sides', (w) => ['diff', w.a, w.a, w.b], /not 3\n$/],
    ['a missing file', (w) => ['diff', w.a, join(w.root, 'nope.json')], /^apim-topology: cannot read .*nope\.json: no such file\n$/],
    ['a file that is not a topology', (w) => ['diff', join(w.bundle, 'hosts'), w.a], /^apim-topology: .*hosts: /],
    ['a broken link', (w) => ['diff', 'http://localhost:5173/#v1.AAAA', w.a], /^apim-topology: the share link: /],
    [
      'a folder with no configuration',
      (w) => ['diff', (mkdirSync(join(w.root, 'empty')), join(w.root, 'empty')), w.a],
      /^apim-topology: .*empty: no deployment\.toml, nginx\.conf or values\.yaml in this folder/,
    ],
    ['an option it does not take', (w) => ['diff', w.a, w.b, '--json'], /^apim-topology: unknown option --json for "diff"\n$/],
    ['standard input twice', () => ['diff', '-', '-'], /only one side can be standard input/],
  ])('exits 2 on %s, with one line naming the argument and what is wrong', async (_what, args, message) => {
    const w = await workspace();
    const { code, stdout, stderr } = await cli(args(w));
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
  });
});
