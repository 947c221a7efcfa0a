/**
 * The generated nginx.conf files, checked by the real nginx: `nginx -t` on every load balancer of every
 * example and of 200 random topologies (how: ./nginx-harness.ts). Without nginx these tests fail and say
 * how to install it; they are never skipped.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Topology } from '../../src/model/index.ts';
import { generateBundle } from '../../src/generate/index.ts';
import { EXAMPLE_FILES, arbitraryTopology, hostileText, loadExample, node, topology } from '../factories.ts';
import type { NginxCase } from './nginx-harness.ts';
import { loopbackHosts, nginxTest, nginxTools } from './nginx-harness.ts';

function nginxCases(name: string, t: Topology): NginxCase[] {
  return generateBundle(t)
    .files.filter((f) => f.kind === 'nginx.conf')
    .map((f) => ({ name: `${name} ${f.nodeId}`, config: f.content }));
}

function hostsOf(t: Topology): string {
  return loopbackHosts(generateBundle(t).files.find((f) => f.path === 'hosts')!.content);
}

function expectAllPass(results: { name: string; ok: boolean; output: string }[]): void {
  const failures = results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.output}`);
  expect(failures).toEqual([]);
}

describe('nginx -t', () => {
  it('finds nginx, openssl and unshare (.ci/run installs nginx and openssl)', () => {
    expect(() => nginxTools()).not.toThrow();
  });

  it.each(EXAMPLE_FILES.filter((name) => nginxCases(name, loadExample(name)).length > 0))(
    'accepts every load balancer of the example %s',
    (name) => {
      const t = loadExample(name);
      const cases = nginxCases(name, t);
      expect(cases.length).toBeGreaterThan(0);
      expectAllPass(nginxTest(cases, hostsOf(t)));
    },
  );

  it('accepts every load balancer of 200 random topologies', () => {
    const topologies = fc.sample(arbitraryTopology, { numRuns: 200, seed: 7 });
    const cases: NginxCase[] = [];
    const hosts = new Set<string>();
    topologies.forEach((t, index) => {
      cases.push(...nginxCases(`random #${index}`, t));
      for (const line of hostsOf(t).split('\n')) if (line) hosts.add(line);
    });
    // The arbitrary puts load balancers in front of two or more nodes of a tier at random.
    expect(cases.length).toBeGreaterThan(100);
    expectAllPass(nginxTest(cases, `${[...hosts].join('\n')}\n`));
  });

  it('accepts a load balancer that fronts nothing yet, one that fronts a single node, and offsets', () => {
    const t = topology(
      [
        node('load-balancer', 'idle-lb', { host: 'idle.example.com' }),
        node('load-balancer', 'cp-lb', { host: 'cp.example.com' }),
        node('control-plane', 'cp-1', { host: 'one.example.com', offset: 7 }),
        node('load-balancer', 'gw-lb', { host: 'gw.example.com' }),
        node('gateway', 'gw-1', { host: 'one.example.com', offset: 1000 }),
        node('gateway', 'gw-2', { host: '10.0.0.5', offset: 3 }),
      ],
      [
        ['cp-lb', 'cp-1'],
        ['gw-lb', 'gw-1'],
        ['gw-lb', 'gw-2'],
        ['gw-1', 'cp-lb'],
      ],
    );
    const cases = nginxCases('edge', t);
    expect(cases.map((c) => c.name)).toEqual(['edge idle-lb', 'edge cp-lb', 'edge gw-lb']);
    expectAllPass(nginxTest(cases, hostsOf(t)));
  });

  it('accepts configs whose labels, names and load-balancer hosts are hostile text, with the same directives', () => {
    const samples = fc.sample(fc.tuple(hostileText, hostileText, hostileText), { numRuns: 40, seed: 11 });
    const build = (label: string, name: string, lbHost: string) => ({
      ...topology(
        [
          node('load-balancer', 'cp-lb', { host: lbHost, label }),
          node('control-plane', 'cp-1', { host: 'cp1.example.com', label }),
          node('control-plane', 'cp-2', { host: 'cp2.example.com', label }),
        ],
        [
          ['cp-lb', 'cp-1'],
          ['cp-lb', 'cp-2'],
        ],
      ),
      name,
    });
    const directives = (config: string) =>
      config
        .split('\n')
        .map((line) => line.replace(/#.*$/, '').trim())
        .filter((line) => line && !line.startsWith('server_name'))
        .join('\n');
    const plain = directives(nginxCases('plain', build('plain', 'plain', 'cp.example.com'))[0]!.config);
    const cases = samples.map(([label, name, lbHost], index) => {
      const config = nginxCases(`hostile #${index}`, build(label, name, lbHost))[0]!;
      // Labels only ever land in comments; a hostile host only in server_name (quoted) or nowhere.
      expect(directives(config.config).replace(/ssl\/\S+\.(crt|key)/g, 'ssl/X.$1')).toBe(plain.replace(/ssl\/\S+\.(crt|key)/g, 'ssl/X.$1'));
      return config;
    });
    expectAllPass(
      nginxTest(cases, loopbackHosts('# <IP of cp1.example.com> cp1.example.com\n# <IP of cp2.example.com> cp2.example.com\n')),
    );
  });
});
