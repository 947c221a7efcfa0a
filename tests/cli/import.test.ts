/** `apim-topology import`: exit codes, where the report and the topology go, folders, zips and loose files. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.ts';
import { nodeIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { readTopology } from '../../src/share/index.ts';
import { generateBundle } from '../../src/generate/index.ts';
import { zipBundle } from '../../src/generate/zip.ts';
import { loadExample } from '../factories.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/import/', import.meta.url));

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { ...nodeIo, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe('apim-topology import', () => {
  it('reads a bundle folder and writes the topology to --out, the report to stdout; exit 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-'));
    const t = loadExample('separate-tm-ha');
    await nodeIo.writeFolder(join(dir, 'bundle'), generateBundle(t).files, { force: false });
    const out = join(dir, 'topology.json');
    const { code, stdout } = await cli(['import', join(dir, 'bundle'), '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Recognized \(\d+\):\n/);
    expect(stdout).toContain(`Wrote ${out}: ${t.nodes.length} nodes`);
    const read = readTopology(readFileSync(out, 'utf8'));
    expect(read.ok && read.topology.nodes.map((n) => n.id).sort()).toEqual(t.nodes.map((n) => n.id).sort());
  });

  it('reads a zip; without --out the topology goes to stdout and the report to stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'import-'));
    const zip = join(dir, 'bundle.zip');
    writeFileSync(zip, zipBundle(generateBundle(loadExample('ha-cp-gw')).files));
    const { code, stdout, stderr } = await cli(['import', zip]);
    expect(code).toBe(0);
    expect(readTopology(stdout).ok).toBe(true);
    expect(stderr).toContain('cp-lb: load balancer on cp.example.com');
  });

  it('reads loose files given one by one', async () => {
    const set = join(FIXTURES, 'docs-4.5');
    const files = ['acp-deployment.toml', 'gw-1.toml', 'tm1-deployment.toml'].map((f) => join(set, f));
    const { code, stdout, stderr } = await cli(['import', ...files]);
    expect(code).toBe(0);
    const read = readTopology(stdout);
    expect(read.ok && read.topology.nodes.map((n) => n.id)).toEqual(['acp', 'gw-1', 'tm1', 'db']);
    expect(stderr).toMatch(/Guessed \(\d+\):\n {2}product: API-M 4\.5\.0/);
  });

  it.each([
    [['import'], /import needs a folder, a zip or deployment\.toml/],
    [['import', '/no/such/folder'], /cannot read \/no\/such\/folder: no such file or folder/],
    [['import', fileURLToPath(new URL('../../README.md', import.meta.url))], /no deployment\.toml among the files/],
    [['import', 'x.toml', '--zip', 'y'], /unknown option --zip for "import"/],
  ])('%j exits 2 with one line on stderr', async (args, message) => {
    const { code, stdout, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
