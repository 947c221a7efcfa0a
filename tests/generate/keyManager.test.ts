/**
 * A separate Key Manager (4.3+; APIM docs 'Distributed Deployment with Key Manager Separated'; helm-apim 4.3.x–4.7.x
 * distributed/key-manager): its own file, and the `[apim.key_manager]` of the gateways, control planes and (4.3–4.4)
 * traffic managers linked to it.
 */
import parseToml from '@iarna/toml/parse-string.js';
import { describe, expect, it } from 'vitest';
import type { ProductVersion, Topology } from '../../src/model/index.ts';
import { newNode, versionFacts } from '../../src/model/index.ts';
import { generateBundle } from '../../src/generate/index.ts';
import { loadExample, simpleScalable, withKeyManagerPair } from '../factories.ts';

type Parsed = Record<string, unknown> & {
  apim?: {
    key_manager?: { service_url: string; username?: string };
    event_hub?: { service_url: string; event_listening_endpoints: string[] };
  };
  server: { server_role: string };
};

function pattern4(product: ProductVersion): Topology {
  const example = loadExample('pattern-4-km');
  const key = versionFacts(product).internalEncryptionKey ? example.settings.encryptionKey : undefined;
  return { ...example, product, settings: { ...example.settings, encryptionKey: key } };
}

function files(t: Topology): Map<string, Parsed> {
  return new Map(
    generateBundle(t)
      .files.filter((f) => f.kind === 'deployment.toml')
      .map((f) => [f.nodeId!, parseToml(f.content) as unknown as Parsed]),
  );
}

describe('a separate Key Manager', () => {
  it.each(['4.3.0', '4.4.0', '4.5.0', '4.6.0', '4.7.0'] as const)('on %s: gateways and control planes name it', (product) => {
    const out = files(pattern4(product));
    for (const id of ['gw-1', 'gw-2', 'cp-1', 'cp-2']) {
      expect(out.get(id)?.apim?.key_manager, id).toMatchObject({
        service_url: 'https://km1.example.com:9443/services/',
        username: '$ref{super_admin.username}',
      });
    }
    // Traffic managers name a Key Manager only where the version writes one (4.0–4.4).
    const tm = out.get('tm-1')?.apim?.key_manager?.service_url;
    expect(tm).toBe(versionFacts(product).trafficManagerKeyManager ? 'https://km1.example.com:9443/services/' : undefined);
  });

  it('behind a load balancer, every node names the load balancer', () => {
    const out = files(withKeyManagerPair(pattern4('4.7.0')));
    for (const id of ['gw-1', 'cp-2']) expect(out.get(id)?.apim?.key_manager?.service_url, id).toBe('https://km.example.com/services/');
  });

  it.each(['4.3.0', '4.7.0'] as const)("on %s its file hears the control plane's event hub and sends it the revocations", (product) => {
    const km = files(pattern4(product)).get('km-1')!;
    expect(km.apim?.key_manager).toBeUndefined();
    expect(km.apim?.event_hub).toMatchObject({
      service_url: 'https://cp.example.com/services/',
      event_listening_endpoints: ['tcp://cp1.example.com:5672', 'tcp://cp2.example.com:5672'],
    });
    expect(km.event_listener).toEqual([
      expect.objectContaining({
        id: 'token_revocation',
        properties: expect.objectContaining({ notification_endpoint: 'https://cp.example.com/internal/data/v1/notify' }),
      }),
    ]);
    expect(Object.keys(km.database as object).sort()).toEqual(['apim_db', 'shared_db']);
    expect(km.server.server_role).toBe(versionFacts(product).serverRole['key-manager']);
    expect('oauth' in km).toBe(versionFacts(product).nonPersistentTokens);
  });

  it.each([
    [
      '4.3.0',
      'sh profileSetup.sh -Dprofile=api-key-manager-node --skipConfigOptimization\n   sh api-manager.sh -Dprofile=api-key-manager-node',
    ],
    ['4.5.0', 'sh profileSetup.sh -Dprofile=key-manager --skipConfigOptimization\n   sh key-manager.sh'],
  ] as const)('the runbook of %s applies the profile without replacing the file, then starts it', (product, commands) => {
    const readme = generateBundle(pattern4(product)).files.find((f) => f.path === 'README.md')!.content;
    expect(readme).toContain(commands);
  });

  it('on 4.2, which has none, the other files stay as they are without it, and APIM049 says why', () => {
    const t = pattern4('4.2.0');
    const without = {
      ...t,
      nodes: t.nodes.filter((n) => n.kind !== 'key-manager'),
      links: t.links.filter((l) => l.from !== 'km-1' && l.to !== 'km-1'),
    };
    const tomls = (bundle: ReturnType<typeof generateBundle>) =>
      bundle.files.filter((f) => f.kind === 'deployment.toml' && f.nodeId !== 'km-1').map((f) => f.content.replace(/^# Topology .*$/m, ''));
    const bundle = generateBundle(t);
    expect(tomls(bundle)).toEqual(tomls(generateBundle(without)));
    expect(bundle.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['APIM049']);
  });
});

describe('Pattern 5: All-in-One nodes with a separate Key Manager (APIM docs 4.7.0 Deployment Patterns)', () => {
  /** Pattern 2 in HA (two All-in-One nodes behind aio-lb, two gateways) plus km-1, linked to aio-lb and the database. */
  function pattern5(product: ProductVersion): Topology {
    const t = simpleScalable(product);
    return {
      ...t,
      nodes: [...t.nodes, { ...newNode('key-manager', 'km-1'), host: 'km1.example.com' }],
      links: [
        ...t.links,
        ...[
          ['km-1', 'aio-lb'],
          ['km-1', 'db'],
          ['gw-1', 'km-1'],
          ['gw-2', 'km-1'],
        ].map(([from, to]) => ({ from: from!, to: to! })),
      ],
    };
  }

  it.each(['4.5.0', '4.7.0'] as const)('on %s the gateways and the All-in-One nodes name the Key Manager', (product) => {
    const out = files(pattern5(product));
    for (const id of ['gw-1', 'gw-2', 'aio-1', 'aio-2']) {
      expect(out.get(id)?.apim?.key_manager, id).toMatchObject({ service_url: 'https://km1.example.com:9443/services/' });
    }
  });

  it("the Key Manager hears the All-in-One nodes' event hub and sends them its revocations", () => {
    const t = pattern5('4.7.0');
    const km = files(t).get('km-1')!;
    expect(km.apim?.event_hub).toMatchObject({
      service_url: 'https://apim.example.com/services/',
      event_listening_endpoints: ['tcp://aio1.example.com:5672', 'tcp://aio2.example.com:5672'],
    });
    expect(km.event_listener).toEqual([
      expect.objectContaining({
        properties: expect.objectContaining({ notification_endpoint: 'https://apim.example.com/internal/data/v1/notify' }),
      }),
    ]);
    expect(generateBundle(t).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
