/** `apim-topology validate`: text and --json output; exit 1 on errors, 0 on warnings only (README, "The CLI"). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { EXAMPLE_FILES, examplePath } from '../factories.ts';

async function cli(args: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readFile: async (path) => (path in files ? files[path]! : readFileSync(path, 'utf8')),
    readStdin: async () => '',
    writeFile: async () => undefined,
    writeFolder: async () => undefined,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const file = (nodes: object[], links: object[] = [], product = '4.0.0') =>
  JSON.stringify({ format: 'apim-topology/1', product, nodes, links });

/** A gateway and a control plane on one host with one offset: a port clash (APIM017). */
const clash = file(
  [
    { id: 'cp-1', kind: 'control-plane', host: 'x.example.com' },
    { id: 'gw-1', kind: 'gateway', host: 'x.example.com' },
    { id: 'db', kind: 'database', host: 'db.example.com' },
  ],
  [
    { from: 'gw-1', to: 'cp-1' },
    { from: 'cp-1', to: 'db' },
  ],
);

describe('apim-topology validate', () => {
  it.each(EXAMPLE_FILES)('accepts the example %s (warnings only): exit 0', async (name) => {
    const { code, stdout, stderr } = await cli(['validate', examplePath(name)]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Valid: 0 errors, \d+ warnings?, 0 notes\.$/m);
    expect(stdout).toContain('warning APIM029: The super admin is admin / admin');
    expect(stdout).toContain('  fix: ');
  });

  it('prints each problem with its code, nodes and fix, and exits 1 on errors', async () => {
    const { code, stdout } = await cli(['validate', 't.json'], { 't.json': clash });
    expect(code).toBe(1);
    expect(stdout).toContain(
      'error APIM017 [cp-1, gw-1]: cp-1 and gw-1 both run on host x.example.com with offset 0: both open 9443 (HTTPS)',
    );
    expect(stdout).toContain('  fix: Nodes that share a host need different offsets. Give gw-1 offset 1');
    expect(stdout).toMatch(/^Not valid: 1 error, \d+ warnings, 0 notes\.$/m);
    // Errors come first.
    expect(stdout.indexOf('error APIM017')).toBeLessThan(stdout.indexOf('warning '));
  });

  it('--json: valid, counts and every diagnostic in full; exit 1 on errors', async () => {
    const { code, stdout } = await cli(['validate', 't.json', '--json'], { 't.json': clash });
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.valid).toBe(false);
    expect(report.counts.errors).toBe(1);
    expect(report.counts.warnings).toBe(report.diagnostics.length - 1);
    expect(report.diagnostics[0]).toEqual({
      code: 'APIM017',
      severity: 'error',
      message: expect.stringContaining('both open 9443 (HTTPS)'),
      nodeIds: ['cp-1', 'gw-1'],
      linkIds: [],
      fix: expect.stringContaining('different offsets'),
    });
  });

  it('--json on warnings only: valid, exit 0', async () => {
    const { code, stdout } = await cli(['validate', examplePath('ha-cp-gw'), '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ valid: true, counts: { errors: 0, info: 0 } });
    expect(report.counts.warnings).toBeGreaterThan(0);
    for (const d of report.diagnostics) expect(Object.keys(d).sort()).toEqual(['code', 'fix', 'linkIds', 'message', 'nodeIds', 'severity']);
  });

  it('a version rule: API-M 4.5 without a traffic manager is an error', async () => {
    const t = file(
      [
        { id: 'cp-1', kind: 'control-plane', host: 'cp.example.com' },
        { id: 'gw-1', kind: 'gateway', host: 'gw.example.com' },
        { id: 'db', kind: 'database', host: 'db.example.com' },
      ],
      [
        { from: 'gw-1', to: 'cp-1' },
        { from: 'cp-1', to: 'db' },
      ],
      '4.5.0',
    );
    const { code, stdout } = await cli(['validate', 't.json'], { 't.json': t });
    expect(code).toBe(1);
    expect(stdout).toContain('error APIM026 [gw-1]');
  });
});
