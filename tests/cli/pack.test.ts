/**
 * The package as a CI pipeline uses it: `npm pack`, then the tarball installed in an empty folder with no network and
 * no dev dependencies, and `apim-topology` run from there. The tarball must hold the compiled command and nothing that
 * needs tsx or another package.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examplePath } from '../factories.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const exec = promisify(execFile);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** The environment of a fresh shell: none of the npm_* variables `npm test` sets for its own package. */
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));

/** Exit code, stdout and stderr; never throws on a non-zero exit. */
async function run(file: string, args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await exec(file, args, { cwd, env, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number | string; stdout?: string; stderr?: string };
    return { code: e.code, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

let dir = '';
let packed: { filename: string; files: { path: string }[] };
let app = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'apim-pack-'));
  // `npm pack` runs the prepack script, which builds dist-cli/.
  const pack = await run(npm, ['pack', '--json', '--pack-destination', dir], ROOT);
  expect(pack.code, pack.stderr).toBe(0);
  packed = (JSON.parse(pack.stdout) as (typeof packed)[])[0]!;
  app = join(dir, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), '{ "name": "pipeline", "version": "1.0.0", "private": true }\n');
  const install = await run(npm, ['install', '--offline', '--no-audit', '--no-fund', join(dir, packed.filename)], app);
  expect(install.code, install.stderr).toBe(0);
  // No install script of ours is left unreviewed (npm 11 lists `prepare` of a tarball as one).
  expect(install.stderr).not.toMatch(/install-scripts|apim-topology-designer/);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the packed apim-topology', () => {
  it('holds the compiled command, its licences and the README: no TypeScript, no node_modules', () => {
    const paths = packed.files.map((f) => f.path).sort();
    expect(paths).toEqual([
      'README.md',
      'dist-cli/THIRD-PARTY-LICENSES.md',
      'dist-cli/apim-topology.mjs',
      'package.json',
      'src/cli/bin.mjs',
    ]);
    expect(paths.filter((p) => /\.tsx?$|node_modules/.test(p))).toEqual([]);
  });

  it('installs offline with nothing beside it, stays private and runs no install script', () => {
    const installed = readdirSync(join(app, 'node_modules')).filter((name) => !name.startsWith('.'));
    expect(installed).toEqual(['apim-topology-designer']);
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/apim-topology-designer/package.json'), 'utf8'));
    expect(manifest.private).toBe(true);
    expect(manifest.dependencies).toBeUndefined();
    expect(Object.keys(manifest.scripts ?? {}).filter((s) => /^(pre|post)?(install|prepare)$/.test(s))).toEqual([]);
    // The bundled packages' licences travel with the code.
    const licences = readFileSync(join(app, 'node_modules/apim-topology-designer/dist-cli/THIRD-PARTY-LICENSES.md'), 'utf8');
    for (const name of ['@iarna/toml', 'diff', 'fflate', 'valibot']) expect(licences).toMatch(new RegExp(`^## ${name} - \\d`, 'm'));
  });

  it('npx apim-topology validate checks the seed sample and exits 0', async () => {
    const result = await run(npm, ['exec', '--offline', '--no', '--', 'apim-topology', 'validate', examplePath('seed-sample')], app);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Valid: 0 errors, \d+ warnings?, \d+ notes?\.$/m);
  });

  it('generate --out writes the bundle; a topology with errors exits 1 and bad input exits 2', async () => {
    const bin = join(app, 'node_modules/.bin/apim-topology');
    const out = join(dir, 'out');
    const generated = await run(bin, ['generate', examplePath('seed-sample'), '--out', out], app);
    expect(generated.code).toBe(0);
    expect(generated.stdout).toBe(`Wrote 9 files to ${out}.\n`);
    // The seed sample keeps WSO2's default passwords: warnings, no error.
    expect(generated.stderr).toContain('warning APIM029');
    expect(generated.stderr).not.toMatch(/error/);
    expect(readFileSync(join(out, 'nodes/gw/repository/conf/deployment.toml'), 'utf8')).toMatch(/^\[server\]$/m);
    const withErrors = join(dir, 'errors.json');
    writeFileSync(
      withErrors,
      '{"format": "apim-topology/1", "product": "4.0.0", "nodes": [{"id": "gw-1", "kind": "gateway", "host": "gw"}]}',
    );
    const failed = await run(bin, ['validate', withErrors], app);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('error APIM010 [gw-1]');
    const missing = await run(bin, ['validate', join(dir, 'nope.json')], app);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(existsSync(join(dir, 'nope.json'))).toBe(false);
  });
});
