/** What a change does to the deployment.toml files, key by key (src/generate/keyDiff.ts). */
import { describe, expect, it } from 'vitest';
import { bundleKeyDiff, flatKeys, generateBundle } from '../../src/generate/index.ts';
import { loadExample } from '../factories.ts';

describe('flatKeys', () => {
  it('names every leaf by its dotted path, arrays of tables by their place, odd keys quoted', () => {
    const keys = flatKeys(
      [
        '[server]',
        'offset = 2',
        '[[apim.throttling.url_group]]',
        'traffic_manager_urls = ["tcp://a:9611"]',
        '[[apim.throttling.url_group]]',
        'traffic_manager_urls = ["tcp://b:9611"]',
        '[system.parameter]',
        '"org.wso2.x" = true',
        '',
      ].join('\n'),
    );
    expect([...keys]).toEqual([
      ['server.offset', '2'],
      ['apim.throttling.url_group[0].traffic_manager_urls', '["tcp://a:9611"]'],
      ['apim.throttling.url_group[1].traffic_manager_urls', '["tcp://b:9611"]'],
      ['system.parameter."org.wso2.x"', 'true'],
    ]);
  });
});

describe('bundleKeyDiff', () => {
  it('is empty for the same topology', () => {
    const bundle = generateBundle(loadExample('separate-tm-ha'));
    expect(bundleKeyDiff(bundle, bundle)).toEqual([]);
  });

  it('lists, per file, what switching 4.0 to 4.5 adds, removes and changes', () => {
    const topology = loadExample('separate-tm-ha');
    const changes = bundleKeyDiff(generateBundle(topology), generateBundle({ ...topology, product: '4.5.0' }));
    const cp = changes.find((c) => c.path === 'nodes/cp-1/repository/conf/deployment.toml');
    expect(cp).toBeDefined();
    // The control plane becomes the 4.5 API Control Plane: server_role default, and its gateway types.
    expect(cp?.changed).toContainEqual({ key: 'server.server_role', from: '"control-plane"', to: '"default"' });
    expect(cp?.added.map((k) => k.key)).toContain('apim.gateway_type');
    // A 4.0 control plane publishes throttling to the TMs; 4.5 does not.
    expect(cp?.removed.some((k) => k.key.startsWith('apim.throttling'))).toBe(true);
    // Files are compared only where they differ, and only deployment.toml files.
    expect(changes.every((c) => c.path.endsWith('deployment.toml'))).toBe(true);
  });

  it('reports a file that only one bundle has', () => {
    const topology = loadExample('separate-tm-ha');
    const without = {
      ...topology,
      nodes: topology.nodes.filter((n) => n.id !== 'gw-2'),
      links: topology.links.filter((l) => l.from !== 'gw-2' && l.to !== 'gw-2'),
    };
    const [gone] = bundleKeyDiff(generateBundle(topology), generateBundle(without)).filter((c) => c.file);
    expect(gone).toMatchObject({ path: 'nodes/gw-2/repository/conf/deployment.toml', file: 'removed', added: [], changed: [] });
    expect(gone?.removed.length).toBeGreaterThan(10);
  });
});
