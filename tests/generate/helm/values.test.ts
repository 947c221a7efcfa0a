/** The Kubernetes bundle: Secrets by reference, Services by the names the charts render, namespaces, ingress modes. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { ProductVersion, Topology, TopologyNode } from '../../../src/model/index.ts';
import { bundleKeyDiff, generateBundle } from '../../../src/generate/index.ts';
import { loadExample, withKeyManagerPair, withRedis } from '../../factories.ts';

type Tree = Record<string, unknown>;

const onKubernetes = (t: Topology, product: ProductVersion, kubernetes: Topology['settings']['kubernetes'] = undefined): Topology => ({
  ...t,
  product,
  settings: { ...t.settings, platform: 'kubernetes', ...(kubernetes ? { kubernetes } : {}) },
});

const withNodes = (t: Topology, fields: Record<string, Record<string, unknown>>): Topology => ({
  ...t,
  nodes: t.nodes.map((n) => (fields[n.id] ? ({ ...n, ...fields[n.id] } as TopologyNode) : n)),
});

function values(t: Topology): Map<string, Tree> {
  const bundle = generateBundle(t);
  return new Map(bundle.files.filter((f) => f.kind === 'helm-values').map((f) => [f.path, parse(f.content) as Tree]));
}

/** The value at a dotted path of a values tree. */
function at(tree: Tree | undefined, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Tree)[key] : undefined), tree);
}

const CFG = 'wso2.apim.configurations';

describe('the Kubernetes bundle', () => {
  it('holds no password, key or keystore password of the topology: every one is a Secret reference or read from the Secret at install', () => {
    const secrets = [
      'Adm1n-S3cret',
      'Tls-Pa55',
      'Key-Pa55',
      'Trust-Pa55',
      'Db-Pa55',
      'Redis-Pa55',
      'K3y'.repeat(4) + '0123456789abcdef0123',
    ];
    for (const product of ['4.2.0', '4.4.0', '4.5.0', '4.6.0', '4.7.0'] as const) {
      const base = withRedis(onKubernetes(loadExample('pattern-3-distributed'), product), { password: 'Redis-Pa55' });
      const t: Topology = {
        ...withNodes(base, { db: { password: 'Db-Pa55' } }),
        settings: {
          ...base.settings,
          superAdmin: { ...base.settings.superAdmin, password: 'Adm1n-S3cret' },
          keystore: { tls: { ...base.settings.keystore.tls, password: 'Tls-Pa55', keyPassword: 'Key-Pa55' } },
          truststore: { ...base.settings.truststore, password: 'Trust-Pa55' },
          encryptionKey: secrets[6],
        },
      };
      const bundle = generateBundle(t);
      const written = bundle.files.filter((f) => f.kind !== 'topology');
      expect(written.map((f) => f.path)).toContain('helm/releases.json');
      for (const file of written) for (const secret of secrets) expect(file.content, `${product} ${file.path}`).not.toContain(secret);
      const readme = bundle.files.find((f) => f.path === 'README.md')?.content ?? '';
      // Before 4.5 the chart reads no Secret: the admin password is passed at install time, from the Secret.
      if (product === '4.2.0' || product === '4.4.0')
        expect(readme).toContain(`--set-file ${CFG}.adminPassword=<(kubectl get secret apim-credentials -n apim`);
      else expect(readme).not.toContain(`${CFG}.adminPassword=`);
    }
  });

  it('names the Services the charts render for the release names given on the canvas, across namespaces', () => {
    const t = withNodes(onKubernetes(loadExample('pattern-3-distributed'), '4.7.0'), {
      'cp-lb': { release: 'prod' },
      'gw-lb': { namespace: 'edge' },
    });
    const files = values(t);
    expect([...files.keys()]).toEqual(['helm/prod/values.yaml', 'helm/apim-tm/values.yaml', 'helm/apim-gw/values.yaml']);
    const gw = files.get('helm/apim-gw/values.yaml');
    // The gateway runs in another namespace: it calls the control plane and the traffic manager by <service>.<namespace>.
    expect(at(gw, `${CFG}.eventhub.serviceUrl`)).toBe('prod-wso2am-acp-service.apim');
    expect(at(gw, `${CFG}.eventhub.urls`)).toEqual(['prod-wso2am-acp-1-service.apim', 'prod-wso2am-acp-2-service.apim']);
    expect(at(gw, `${CFG}.throttling.urls`)).toEqual(['apim-tm-wso2am-tm-1-service.apim', 'apim-tm-wso2am-tm-2-service.apim']);
    // The traffic manager shares the control plane's namespace: short names.
    expect(at(files.get('helm/apim-tm/values.yaml'), `${CFG}.eventhub.serviceUrl`)).toBe('prod-wso2am-acp-service');
    const environments = at(files.get('helm/prod/values.yaml'), `${CFG}.gateway.environments`) as Tree[];
    expect(environments.map((e) => e['serviceName'])).toEqual(['apim-gw-wso2am-universal-gw-service.edge']);
    const releases = JSON.parse(generateBundle(t).files.find((f) => f.path === 'helm/releases.json')?.content ?? '[]') as Tree[];
    expect(releases.map((r) => [r['release'], r['namespace']])).toEqual([
      ['prod', 'apim'],
      ['apim-tm', 'apim'],
      ['apim-gw', 'edge'],
    ]);
  });

  it('points gateways, traffic managers and the control plane at the Key Manager release (Pattern 4, two Key Managers)', () => {
    const files = values(onKubernetes(withKeyManagerPair(loadExample('pattern-4-km')), '4.7.0'));
    const acp = files.get('helm/apim-acp/values.yaml');
    expect(at(acp, `${CFG}.km`)).toEqual({ enabled: true, serviceName: 'apim-km-wso2am-km-service' });
    expect(at(files.get('helm/apim-gw/values.yaml'), `${CFG}.km.serviceUrl`)).toBe('apim-km-wso2am-km-service');
    const km = files.get('helm/apim-km/values.yaml');
    expect(at(km, 'wso2.deployment.highAvailability')).toBe(true);
    expect(at(km, 'kubernetes.gatewayAPI.km.hostname')).toBe('km.example.com');
  });

  it('switches the routes between the Gateway API and NGINX ingress, with both sides set', () => {
    const t = loadExample('pattern-3-distributed');
    const gatewayApi = values(onKubernetes(t, '4.7.0')).get('helm/apim-gw/values.yaml');
    expect(at(gatewayApi, 'kubernetes.gatewayAPI.enabled')).toBe(true);
    expect(at(gatewayApi, 'kubernetes.ingress.gateway.enabled')).toBe(false);
    const nginx = values(onKubernetes(t, '4.7.0', { ingress: 'nginx' })).get('helm/apim-gw/values.yaml');
    expect(at(nginx, 'kubernetes.gatewayAPI.enabled')).toBe(false);
    expect(at(nginx, 'kubernetes.ingress.gateway.enabled')).toBe(true);
    expect(at(nginx, 'kubernetes.ingress.gateway.hostname')).toBe('gw.example.com');
    // 4.4.x has no Gateway API values and no ingress switch: the hostnames, and the backend protocol of the WebSocket
    // and WebSub Ingresses, which reach TLS ports and which the charts leave unset.
    const https = { 'nginx.ingress.kubernetes.io/backend-protocol': 'HTTPS' };
    const old = values(onKubernetes(t, '4.4.0')).get('helm/apim-gw/values.yaml');
    expect(at(old, 'kubernetes')).toEqual({
      ingress: {
        gateway: { hostname: 'gw.example.com' },
        websocket: { hostname: 'websocket.example.com', annotations: https },
        websub: { hostname: 'websub.example.com', annotations: https },
      },
    });
    // Through the Gateway API, the routes speak TLS to the pods, trusting the CA in the ConfigMap the runbook creates.
    expect(at(gatewayApi, 'kubernetes.gatewayAPI.backendTLSPolicy')).toEqual({
      enabled: true,
      caCertificateConfigMap: 'apim-ca-cert',
      hostname: 'localhost',
    });
  });

  it('shares Redis counters from 4.6: the control plane and traffic managers name it, the gateways publish as one group', () => {
    const files = values(withRedis(onKubernetes(loadExample('pattern-3-distributed'), '4.6.0')));
    expect(at(files.get('helm/apim-tm/values.yaml'), `${CFG}.distributedThrottling`)).toEqual({
      enable: true,
      keyvalueStore: { host: 'redis.example.com' },
    });
    expect(at(files.get('helm/apim-gw/values.yaml'), `${CFG}.distributedThrottling.enable`)).toBe(true);
    const readme = generateBundle(withRedis(onKubernetes(loadExample('pattern-3-distributed'), '4.6.0'))).files.find(
      (f) => f.path === 'README.md',
    )?.content;
    expect(readme).toContain(`--set-file ${CFG}.distributedThrottling.keyvalueStore.password=<(kubectl get secret apim-credentials`);
  });

  it('lists what a version switch changes in each values file, key by key', () => {
    const t = onKubernetes(loadExample('pattern-3-distributed'), '4.6.0');
    const changes = bundleKeyDiff(generateBundle(t), generateBundle({ ...t, product: '4.7.0' }));
    const acp = changes.find((c) => c.path === 'helm/apim-acp/values.yaml');
    // 4.7 routes through the Gateway API by default, and reads the encryption key from the Secret.
    expect(acp?.added.map((k) => k.key)).toEqual([
      'kubernetes.gatewayAPI.gatewayName',
      'kubernetes.gatewayAPI.backendTLSPolicy.enabled',
      'kubernetes.gatewayAPI.backendTLSPolicy.caCertificateConfigMap',
      'kubernetes.gatewayAPI.backendTLSPolicy.hostname',
      'kubernetes.gatewayAPI.backendTrafficPolicy.enabled',
      `${CFG}.existingSecret.encryptionKeyKey`,
    ]);
    expect(acp?.changed.map((k) => `${k.key}: ${k.from} → ${k.to}`)).toEqual([
      'kubernetes.gatewayAPI.enabled: false → true',
      'kubernetes.gatewayAPI.controlPlane.enabled: false → true',
      'kubernetes.ingress.controlPlane.enabled: true → false',
      // The gateway types the Admin portal offers, as each version's product ships them.
      `${CFG}.gatewayType: "Regular,APK,AWS,Azure,Kong,Envoy" → "Regular,APK,AWS,Azure,Kong,Envoy,APIPlatform"`,
    ]);
    // 4.7's traffic manager chart takes no database values.
    const tm = changes.find((c) => c.path === 'helm/apim-tm/values.yaml');
    expect(tm?.removed.map((k) => k.key)).toContain(`${CFG}.databases.apim_db.url`);
  });

  it("keeps WSO2 IS 7 as on virtual machines: its tables to merge, and the Admin-portal steps on the portal's route", () => {
    const bundle = generateBundle(onKubernetes(loadExample('pattern-6-aio-is'), '4.7.0'));
    expect(bundle.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(bundle.files.map((f) => f.path)).toContain('nodes/is-1/repository/conf/deployment.toml');
    const readme = bundle.files.find((f) => f.path === 'README.md')?.content ?? '';
    expect(readme).toContain('Sign in to <https://apim.example.com/admin>');
    expect(readme).not.toContain('apim.example.com:9443');
  });

  it('is the same bytes for the same topology', () => {
    const t = onKubernetes(withKeyManagerPair(loadExample('pattern-4-km')), '4.7.0');
    expect(generateBundle(t).files).toEqual(generateBundle(structuredClone(t)).files);
  });
});
