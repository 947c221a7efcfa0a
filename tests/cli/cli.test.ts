import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import type { CliIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { examplePath } from '../factories.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../src/cli/bin.mjs', import.meta.url));

/** Runs the CLI in memory: files come from `files`, or from disk when not listed. */
async function cli(args: string[], files: Record<string, string> = {}, stdin = '') {
  let stdout = '';
  let stderr = '';
  const written = new Map<string, string | Uint8Array>();
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readFile: async (path) => {
      if (path in files) return files[path]!;
      return readFileSync(path, 'utf8');
    },
    readStdin: async () => stdin,
    writeFile: async (path, data) => void written.set(path, data),
    writeFolder: async (dir, list) => {
      for (const file of list) written.set(`./${dir}/${file.path}`, file.content);
    },
  };
  const code = await main(args, io);
  return { code, stdout, stderr, written };
}

const valid = readFileSync(examplePath('ha-cp-gw'), 'utf8');
const withErrors = JSON.stringify({
  format: 'apim-topology/1',
  product: '4.0.0',
  nodes: [{ id: 'gw-1', kind: 'gateway', host: 'gw.example.com' }],
});

describe('apim-topology', () => {
  it('generate --out writes the bundle and exits 0', async () => {
    const { code, stdout, written } = await cli(['generate', 'topo.json', '--out', 'out'], { 'topo.json': valid });
    expect(code).toBe(0);
    expect(stdout).toBe(`Wrote ${written.size} files to out.\n`);
    const paths = [...written.keys()].map((p) => p.split(/[\\/]out[\\/]/)[1]).sort();
    // The bundle's own layout is tested in tests/generate; here: the CLI writes what it generates.
    expect(paths).toEqual(
      expect.arrayContaining([
        'README.md',
        'hosts',
        'nodes/cp-1/repository/conf/deployment.toml',
        'nodes/cp-2/repository/conf/deployment.toml',
        'nodes/gw-1/repository/conf/deployment.toml',
        'nodes/gw-2/repository/conf/deployment.toml',
        'topology.json',
      ]),
    );
  });

  it('generate --platform kubernetes writes the Helm values and release list instead of the files per node', async () => {
    const pattern3 = readFileSync(examplePath('pattern-3-distributed'), 'utf8');
    const { code, written } = await cli(['generate', 'topo.json', '--out', 'out', '--platform', 'kubernetes'], { 'topo.json': pattern3 });
    expect(code).toBe(0);
    const paths = [...written.keys()].map((p) => p.split(/[\\/]out[\\/]/)[1]).sort();
    expect(paths).toEqual([
      'README.md',
      'helm/apim-acp/values.yaml',
      'helm/apim-gw/values.yaml',
      'helm/apim-tm/values.yaml',
      'helm/releases.json',
      'network.csv',
      'network.md',
      'topology.json',
      'topology.svg',
    ]);
    const releases = JSON.parse(String(written.get('./out/helm/releases.json'))) as { release: string }[];
    expect(releases.map((r) => r.release)).toEqual(['apim-acp', 'apim-tm', 'apim-gw']);
    // The topology file keeps the platform it was generated for.
    expect(JSON.parse(String(written.get('./out/topology.json'))).settings.platform).toBe('kubernetes');

    // --platform vm on a Kubernetes topology writes the virtual-machine bundle; a platform that is neither is refused.
    const k8s = String(written.get('./out/topology.json'));
    const vm = await cli(['generate', 'k.json', '--out', 'vm', '--platform=vm'], { 'k.json': k8s });
    expect(vm.code).toBe(0);
    expect([...vm.written.keys()]).toContain('./vm/nodes/cp-1/repository/conf/deployment.toml');
    const bad = await cli(['validate', 'k.json', '--platform', 'k8s'], { 'k.json': k8s });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--platform must be vm or kubernetes, not "k8s"');
  });

  it('validate reports what only generating finds: custom TOML that does not parse, and exits 1', async () => {
    const t = JSON.parse(valid) as { nodes: Record<string, unknown>[] };
    const broken = { ...t, nodes: t.nodes.map((n) => (n['id'] === 'gw-1' ? { ...n, customToml: '[apim.cache\nx = 1' } : n)) };
    const { code, stdout } = await cli(['validate', 'topo.json'], { 'topo.json': JSON.stringify(broken) });
    expect(code).toBe(1);
    expect(stdout).toContain('error APIM068');
  });

  it('validate --platform kubernetes reports what the charts cannot express, and exits 1', async () => {
    const { code, stdout } = await cli(['validate', 'topo.json', '--platform', 'kubernetes'], {
      'topo.json': valid.replace('"4.0.0"', '"4.1.0"'),
    });
    expect(JSON.parse(valid).product).toBe('4.0.0');
    expect(code).toBe(1);
    expect(stdout).toContain('error APIM060');
    expect(stdout).toContain('WSO2 ships no Helm charts for API-M 4.1.0');
  });

  it('generate --zip writes a zip', async () => {
    const { code, written } = await cli(['generate', 'topo.json', '--zip', 'b.zip'], { 'topo.json': valid });
    expect(code).toBe(0);
    expect(Object.keys(unzipSync(written.get('b.zip') as Uint8Array))).toContain('topology.json');
  });

  it('reads standard input for -', async () => {
    const { code, stdout } = await cli(['validate', '-'], {}, valid);
    expect(code).toBe(0);
    expect(stdout).toContain('Valid: 0 errors');
  });

  it('exits 1 on a topology with errors, printing them and writing nothing', async () => {
    const { code, stderr, written } = await cli(['generate', 't.json', '--out', 'out'], { 't.json': withErrors });
    expect(code).toBe(1);
    expect(stderr).toContain('error APIM010 [gw-1]: Gateway gw-1 is not linked to a control plane');
    expect(stderr).toContain('nothing was written');
    expect(written.size).toBe(0);
  });

  it('validate exits 1 on errors and 0 on warnings only, in text and JSON', async () => {
    expect((await cli(['validate', 't.json'], { 't.json': withErrors })).code).toBe(1);
    const warningsOnly = JSON.stringify({
      format: 'apim-topology/1',
      product: '4.0.0',
      nodes: [
        { id: 'cp-1', kind: 'control-plane', host: 'cp.example.com' },
        { id: 'gw-1', kind: 'gateway', host: 'gw.example.com' },
        { id: 'lb', kind: 'load-balancer', host: 'lb.example.com' },
      ],
      links: [{ from: 'gw-1', to: 'cp-1' }],
    });
    const json = await cli(['validate', 't.json', '--json'], { 't.json': warningsOnly });
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.valid).toBe(true);
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ code: 'APIM005', severity: 'warning', nodeIds: ['lb'] }));
    expect(report.diagnostics.every((d: { severity: string }) => d.severity === 'warning')).toBe(true);
  });

  it.each<[string, string[], Record<string, string>, string]>([
    ['a missing file', ['validate', 'nope.json'], {}, 'apim-topology: cannot read nope.json: no such file\n'],
    ['broken JSON', ['validate', 'b.json'], { 'b.json': '{"format":' }, 'apim-topology: b.json: not valid JSON'],
    [
      'a bad field',
      ['generate', 'b.json', '--out', 'o'],
      { 'b.json': valid.replace('"host": "gw1.example.com"', '"host": "gw1.example.com", "offset": 70000') },
      'apim-topology: b.json: nodes[1].offset: 70000 is out of range 0–1000\n',
    ],
    [
      'an unknown field',
      ['validate', 'b.json'],
      { 'b.json': valid.replace('"host": "gw1.example.com"', '"hots": "gw1.example.com", "host": "x"') },
      'apim-topology: b.json: nodes[1]: unknown field "hots"\n',
    ],
    ['no topology', ['validate'], {}, 'apim-topology: no topology given'],
    ['an unknown command', ['frobnicate', 'x'], {}, 'apim-topology: unknown command "frobnicate"'],
    ['an unknown option', ['validate', 'x', '--zap'], {}, 'apim-topology: unknown option --zap for "validate"'],
    [
      'both outputs',
      ['generate', 'x', '--out', 'o', '--zip', 'z'],
      {},
      'apim-topology: generate needs exactly one of --out DIR or --zip FILE',
    ],
    ['no output', ['generate', 'x'], {}, 'apim-topology: generate needs exactly one of --out DIR or --zip FILE'],
    ['a damaged share link', ['validate', 'https://example.com/#v1.abc%%'], {}, 'apim-topology: the share link: the link is damaged'],
    ['a link of a newer designer', ['validate', 'https://example.com/#v7.abc'], {}, 'made by a newer designer'],
    ['link with a base that is not a URL', ['link', 't.json', '--base', 'designer'], { 't.json': valid }, '--base designer: expected'],
  ])('exits 2 on %s with one clear line', async (_name, args, files, message) => {
    const { code, stderr, stdout } = await cli(args, files);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
  });

  it('link prints a link that every command accepts in place of the file', async () => {
    const linked = await cli(['link', examplePath('separate-tm-ha'), '--base', 'https://designer.example.com/app/']);
    expect(linked.code).toBe(0);
    const link = linked.stdout.trim();
    expect(link).toMatch(/^https:\/\/designer\.example\.com\/app\/#v1\.[A-Za-z0-9_-]+$/);
    const fromFile = await cli(['validate', examplePath('separate-tm-ha'), '--json']);
    const fromLink = await cli(['validate', link, '--json']);
    expect(fromLink.code).toBe(fromFile.code);
    expect(fromLink.stdout).toBe(fromFile.stdout);
    const generated = await cli(['generate', link, '--out', 'out']);
    expect(generated.code).toBe(0);
    const direct = await cli(['generate', examplePath('separate-tm-ha'), '--out', 'out']);
    // The files are the same, positions and all (they are whole numbers in the examples).
    expect([...generated.written.entries()]).toEqual([...direct.written.entries()]);
  });

  it("the bundle README carries the topology's own link, which opens the same topology", async () => {
    const { written } = await cli(['generate', examplePath('ha-cp-gw'), '--out', 'out', '--base', 'https://designer.example.com/']);
    const readme = String([...written.entries()].find(([path]) => path.endsWith('README.md'))![1]);
    const link = /<(https:\/\/designer\.example\.com\/#v1\.[A-Za-z0-9_-]+)>/.exec(readme)?.[1];
    expect(link).toBeDefined();
    const viaLink = await cli(['validate', link!, '--json']);
    const viaFile = await cli(['validate', examplePath('ha-cp-gw'), '--json']);
    expect(viaLink.stdout).toBe(viaFile.stdout);
  });

  it('link leaves passwords out unless --include-secrets, and says so', async () => {
    const secret = valid.replace('"settings": {', '"settings": { "superAdmin": { "password": "Hunter2-admin" },');
    expect(secret).toContain('Hunter2-admin');
    const plain = await cli(['link', 't.json'], { 't.json': secret });
    expect(plain.stderr).toMatch(/passwords were left out of the link/);
    const opened = await cli(['validate', plain.stdout.trim()]);
    expect(opened.stderr).toMatch(/carries no secrets/);
    expect(opened.stdout).toMatch(/APIM034/);
    const withSecrets = await cli(['link', 't.json', '--include-secrets'], { 't.json': secret });
    expect(withSecrets.stderr).toBe('');
    const reopened = await cli(['validate', withSecrets.stdout.trim(), '--json']);
    expect(reopened.stdout).not.toMatch(/APIM034/);
  });

  it('generate refuses a topology whose passwords stayed out of its link, unless --allow-placeholders', async () => {
    const secret = valid.replace('"settings": {', '"settings": { "superAdmin": { "password": "Hunter2-admin" },');
    const link = (await cli(['link', 't.json'], { 't.json': secret })).stdout.trim();
    const refused = await cli(['generate', link, '--out', 'out']);
    expect(refused.code).toBe(1);
    expect(refused.written.size).toBe(0);
    expect(refused.stderr).toMatch(
      /the super admin password is still <secret not in link>, and files with it cannot deploy; nothing was written/,
    );
    expect(refused.stderr).toMatch(/--allow-placeholders/);
    const allowed = await cli(['generate', link, '--out', 'out', '--allow-placeholders']);
    expect(allowed.code).toBe(0);
    expect([...allowed.written.values()].map(String).join('\n')).toContain('<secret not in link>');
    // A password given as a reference is not a placeholder: generated as usual.
    const referenced = valid.replace('"settings": {', '"settings": { "superAdmin": { "password": "$env{ADMIN_PASSWORD}" },');
    expect((await cli(['generate', 't.json', '--out', 'out'], { 't.json': referenced })).code).toBe(0);
  });

  it('runs as the installed command, with no build step: bin.mjs builds dist-cli/ when it is missing or stale', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apim-cli-'));
    const { stdout } = await run(process.execPath, [BIN, 'generate', examplePath('seed-sample'), '--out', join(dir, 'out')]);
    expect(stdout).toContain('Wrote 9 files');
    expect(existsSync(join(dir, 'out/nodes/gw/repository/conf/deployment.toml'))).toBe(true);
    const broken = join(dir, 'broken.json');
    writeFileSync(
      broken,
      '{"format": "apim-topology/1", "product": "4.0.0", "nodes": [{"id": "x", "kind": "gateway", "host": "h", "offset": 70000}]}',
    );
    const failure = await run(process.execPath, [BIN, 'validate', broken]).catch((error) => error);
    expect(failure.code).toBe(2);
    expect(failure.stderr).toBe(`apim-topology: ${broken}: nodes[0].offset: 70000 is out of range 0–1000\n`);
  });

  it("a reader that closes the pipe early (`| head -1`) gets no stack trace, and the exit code stays the command's", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apim-cli-'));
    const invalid = join(dir, 'invalid.json');
    writeFileSync(invalid, withErrors);
    // `true` reads nothing and exits at once, long before Node has started: every line the command prints meets a closed pipe.
    const piped = (file: string) =>
      spawnSync('bash', ['-c', 'set -o pipefail; "$0" "$1" validate "$2" | true', process.execPath, BIN, file], { encoding: 'utf8' });
    for (const [file, code] of [
      [examplePath('seed-sample'), 0],
      [invalid, 1],
    ] as const) {
      const { status, stderr } = piped(file);
      expect({ file, status, stderr }).toEqual({ file, status: code, stderr: '' });
    }
  });

  it('bin.mjs rebuilds the bundle when a source is newer, and runs it', async () => {
    await run(process.execPath, [BIN, 'validate', examplePath('seed-sample')]);
    const bundle = fileURLToPath(new URL('../../dist-cli/apim-topology.mjs', import.meta.url));
    const sources = JSON.parse(readFileSync(join(bundle, '../sources.json'), 'utf8')) as string[];
    expect(sources).toEqual(expect.arrayContaining(['src/cli/main.ts', 'src/generate/index.ts', 'src/cli/build.mjs']));
    expect(sources.filter((s) => s.includes('node_modules'))).toEqual([]);
    // Dated before every source, as if src/ had been edited since the build.
    const old = new Date('2001-01-01T00:00:00Z');
    utimesSync(bundle, old, old);
    const { stdout } = await run(process.execPath, [BIN, 'validate', examplePath('seed-sample')]);
    expect(stdout).toContain('Valid: 0 errors');
    expect(statSync(bundle).mtimeMs).toBeGreaterThan(old.getTime());
  });
});
