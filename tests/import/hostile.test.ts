/**
 * Hostile files, each once a hang or a wrong answer (a review of the readers of untrusted input). The inputs are sized
 * so that the patterns they once met would take minutes (their time grew with the square or the cube of the input):
 * with those, each test runs into the suite's timeout. Each asserts what the reader answers.
 */
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/import/files.ts';
import { importFiles } from '../../src/import/index.ts';
import { readNginx } from '../../src/import/nginx.ts';
import { readNodeFile } from '../../src/import/nodeFile.ts';
import { readSvgTopology } from '../../src/share/index.ts';
import { generateBundle } from '../../src/generate/index.ts';
import { validate } from '../../src/validate/index.ts';
import { node, topology } from '../factories.ts';

const gateway = '[server]\nhostname = "gw1.example.com"\nserver_role = "gateway-worker"\n';

describe('import', () => {
  it('skips a file naming a table after a member every object has, with the reason', () => {
    const { report } = importFiles([
      { path: 'cp-1/deployment.toml', content: '[server]\nhostname = "cp.example.com"\nserver_role = "control-plane"\n' },
      { path: 'gw-1/deployment.toml', content: `${gateway}constructor = { x = 1 }\n` },
    ]);
    expect(report.skipped).toEqual([{ subject: 'gw-1/deployment.toml', message: expect.stringMatching(/^cannot be read: "constructor"/) }]);
  });

  it('keeps a key named after a member every object has as the node’s custom TOML', () => {
    const { topology: imported, report } = importFiles([
      { path: 'gw-1/deployment.toml', content: `${gateway}constructor = "kept"\nmy_key = "kept too"\n` },
    ]);
    const gw = imported.nodes.find((n) => n.id === 'gw-1');
    expect(gw && 'customToml' in gw ? gw.customToml : '').toBe('[server]\nconstructor = "kept"\nmy_key = "kept too"');
    expect(report.rewritten.filter((r) => r.message.includes('constructor'))).toEqual([]);
  });

  it('lays out a node whose saved position is off the canvas, as the topology format would refuse it', () => {
    const json = JSON.stringify({ nodes: [{ id: 'gw-1', x: 1e300, y: 0 }] });
    const { topology: imported } = importFiles([
      { path: 'gw-1/deployment.toml', content: gateway },
      { path: 'topology.json', content: json },
    ]);
    const gw = imported.nodes.find((n) => n.id === 'gw-1');
    expect(gw && Math.abs(gw.x)).toBeLessThan(1_000_000);
  });

  it('reads a table header past a line of `[[` and 10,000 spaces in a multi-line string', () => {
    const text = `${gateway}note = """\n[[${' '.repeat(10_000)}x\n"""\n\n# why\n[ apim . cors ]\nenable = true\n`;
    const file = readNodeFile('gw-1', 'gw-1/deployment.toml', text);
    expect('comments' in file && file.comments.get('apim.cors')).toEqual(['why']);
  });

  it('does not take a 1 MB first line for the designer’s header', () => {
    const text = `# deployment.toml of ${'(a): '.repeat(200_000)}\n${gateway}`;
    const file = readNodeFile('gw-1', 'gw-1/deployment.toml', text);
    if ('error' in file) throw new Error(file.error);
    expect(file.designer).toBeUndefined();
    expect(file.id).toBe('gw-1');
  });

  it('classifies and reads an nginx.conf of 400,000 blank lines', () => {
    const content = `${'\n'.repeat(400_000)}http {\n  upstream gw {\n    server gw-1.example.com:8243;  # gw-1 (Gateway 1)\n  }\n}\n`;
    expect(classify({ path: 'gw-lb.conf', content }).kind).toBe('nginx');
    // Blank lines and no directive the classifier looks for: a .conf that is not nginx's.
    expect(classify({ path: 'other.conf', content: `${'\n'.repeat(400_000)}events {}\n` }).kind).toBe('other');
    const read = readNginx('gw-lb', 'gw-lb.conf', content);
    expect(read.members).toEqual([{ host: 'gw-1.example.com', port: 8243, id: 'gw-1' }]);
  });
});

describe('nginx.conf', () => {
  it('reads a line of `server` and 400,000 letters', () => {
    expect(readNginx('lb', 'lb.conf', `server ${'a'.repeat(400_000)}`).members).toEqual([]);
  });

  it('classifies a .conf that starts with a byte-order mark', () => {
    expect(classify({ path: 'lb.conf', content: '\ufeffserver {\n  listen 80;\n}\n' }).kind).toBe('nginx');
  });

  it('reads the designer’s header of a load balancer in front of 60 gateways (a first line over 1,000 characters)', () => {
    const members = Array.from({ length: 60 }, (_, i) => node('gateway', `gateway-worker-${i + 10}`));
    const lb = node('load-balancer', 'gw-lb', { label: 'Gateway load balancer' });
    const t = topology(
      [lb, ...members, node('control-plane', 'cp-1'), node('database', 'db')],
      [...members.map((m): [string, string] => ['gw-lb', m.id]), ...members.map((m): [string, string] => [m.id, 'cp-1']), ['cp-1', 'db']],
    );
    const conf = generateBundle(t).files.find((f) => f.path === 'load-balancers/gw-lb/nginx.conf')?.content ?? '';
    expect(conf.split('\n', 1)[0]?.length).toBeGreaterThan(1000);
    const read = readNginx('lb', 'load-balancers/gw-lb/nginx.conf', conf);
    expect(read).toMatchObject({ id: 'gw-lb', label: 'Gateway load balancer', designer: true });
    expect(read.members).toHaveLength(60);
  });
});

describe('pictures', () => {
  it('refuses a 2 MB SVG of unclosed metadata elements', () => {
    const result = readSvgTopology(`<svg>${'<metadata '.repeat(200_000)}`);
    expect(result.ok).toBe(false);
  });
});

describe('validation', () => {
  it('reads 60 nodes of custom TOML holding 12,000 unclosed $secret{ each', () => {
    const value = '$secret{'.repeat(12_000);
    const gateways = Array.from({ length: 60 }, (_, i) =>
      node('gateway', `gw-${i}`, { customToml: `[apim.analytics]\nauth_token = "${value}"` }),
    );
    const diagnostics = validate(topology([node('control-plane', 'cp-1'), node('database', 'db'), ...gateways], [['cp-1', 'db']]));
    expect(diagnostics.some((d) => d.code === 'APIM033')).toBe(false);
  });
});
