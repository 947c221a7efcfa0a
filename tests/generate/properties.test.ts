/** Properties that hold for any valid topology. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { unzipSync, strFromU8 } from 'fflate';
import parseToml from '@iarna/toml/parse-string.js';
import { generateBundle } from '../../src/generate/index.ts';
import { zipBundle } from '../../src/generate/zip.ts';
import { arbitraryTopology, hostileText, node, topology } from '../factories.ts';

const RUNS = { numRuns: 150 };

/** Host names a file mentions: in URLs, `hostname = …`, and host-like values. */
function hostsIn(content: string): string[] {
  const found: string[] = [];
  for (const match of content.matchAll(/[a-z]+:\/\/([^/:"\s]+)/g)) found.push(match[1]!);
  for (const match of content.matchAll(/^hostname = "([^"]*)"$/gm)) found.push(match[1]!);
  return found;
}

describe('for any valid topology', () => {
  it('every deployment.toml parses and equals its document (no GEN001)', () => {
    fc.assert(
      fc.property(arbitraryTopology, (t) => {
        const bundle = generateBundle(t);
        expect(bundle.diagnostics.filter((d) => d.code === 'GEN001')).toEqual([]);
        for (const file of bundle.files.filter((f) => f.kind === 'deployment.toml')) expect(() => parseToml(file.content)).not.toThrow();
      }),
      RUNS,
    );
  });

  it('no file names a host that is not in the topology', () => {
    fc.assert(
      fc.property(arbitraryTopology, (t) => {
        // Besides the nodes: the URLs the user typed into settings (claim dialect, analytics endpoint).
        const fromSettings = [t.settings.jwt.claimDialect, t.settings.analytics.configEndpoint].map((url) => new URL(url).hostname);
        const known = new Set(['localhost', ...t.nodes.map((n) => n.host), ...fromSettings]);
        for (const file of generateBundle(t).files.filter((f) => f.kind === 'deployment.toml')) {
          for (const host of hostsIn(file.content)) expect(known, `${file.path} names ${host}`).toContain(host);
        }
      }),
      RUNS,
    );
  });

  it('gives byte-identical files and zip for the same topology', () => {
    fc.assert(
      fc.property(arbitraryTopology, (t) => {
        const first = generateBundle(t);
        const second = generateBundle(structuredClone(t));
        expect(second.files).toEqual(first.files);
        expect(zipBundle(second.files)).toEqual(zipBundle(first.files));
      }),
      { numRuns: 40 },
    );
  });

  it('lists every gateway-reachable traffic manager or control plane node in the throttling lists', () => {
    fc.assert(
      fc.property(arbitraryTopology, (t) => {
        const tms = t.nodes.filter((n) => n.kind === 'traffic-manager');
        // All-in-One nodes run the Traffic Manager for their gateways (Pattern 2).
        const cps = t.nodes.filter((n) => n.kind === 'control-plane' || n.kind === 'all-in-one');
        const throttlers = tms.length ? tms : cps;
        // With Redis (4.6+) the throttlers share their counters: one loadbalance group lists them all.
        const shared = t.nodes.some((n) => n.kind === 'redis');
        for (const file of generateBundle(t).files.filter((f) => f.path.startsWith('nodes/gw-'))) {
          const toml = parseToml(file.content) as {
            apim: { throttling: { url_group: { traffic_manager_urls: string[]; type?: string }[]; throttle_decision_endpoints: string[] } };
          };
          const groups = toml.apim.throttling.url_group;
          expect(groups).toHaveLength(shared ? 1 : throttlers.length);
          expect(groups.flatMap((g) => g.traffic_manager_urls)).toHaveLength(throttlers.length);
          expect(groups.map((g) => g.type)).toEqual(shared ? ['loadbalance'] : throttlers.map(() => undefined));
          expect(toml.apim.throttling.throttle_decision_endpoints).toHaveLength(throttlers.length);
        }
      }),
      RUNS,
    );
  });
});

describe('hostile text', () => {
  it('a label or name full of quotes, newlines and [server] cannot break or change the TOML', () => {
    fc.assert(
      fc.property(hostileText, hostileText, (label, name) => {
        const t = { ...topology([node('control-plane', 'cp-1', { label }), node('gateway', 'gw-1', { label })], [['gw-1', 'cp-1']]), name };
        const plain = generateBundle({ ...t, name: 'plain', nodes: t.nodes.map((n) => ({ ...n, label: 'plain' })) });
        const hostile = generateBundle(t);
        for (const [index, file] of hostile.files.entries()) {
          if (file.kind !== 'deployment.toml') continue;
          const plainFile = plain.files[index]!;
          // Same configuration as with a plain label: the label only ever lands in comments.
          expect(parseToml(file.content)).toEqual(parseToml(plainFile.content));
          expect(
            file.content
              .split('\n')
              .filter((line) => line.startsWith('['))
              .join(),
          ).toBe(
            plainFile.content
              .split('\n')
              .filter((line) => line.startsWith('['))
              .join(),
          );
        }
        const runbook = hostile.files.find((f) => f.path === 'README.md')!.content;
        expect(runbook.split('\n').filter((line) => line.startsWith('#')).length).toBe(
          plain.files
            .find((f) => f.path === 'README.md')!
            .content.split('\n')
            .filter((line) => line.startsWith('#')).length,
        );
      }),
      { numRuns: 200 },
    );
  });
});

describe('the zip', () => {
  it('holds the bundle layout, and topology.json restores the topology', async () => {
    const t = topology([node('control-plane', 'cp-1'), node('gateway', 'gw-1'), node('load-balancer', 'lb-1')], [['gw-1', 'cp-1']]);
    const files = unzipSync(zipBundle(generateBundle(t).files));
    expect(Object.keys(files).sort()).toEqual([
      'README.md',
      'hosts',
      'load-balancers/lb-1/nginx.conf',
      'network.csv',
      'network.md',
      'nodes/cp-1/repository/conf/deployment.toml',
      'nodes/gw-1/repository/conf/deployment.toml',
      'topology.json',
      'topology.svg',
    ]);
    const { readTopology } = await import('../../src/share/index.ts');
    const restored = readTopology(strFromU8(files['topology.json']!));
    expect(restored.ok && restored.topology).toEqual(t);
  });
});
