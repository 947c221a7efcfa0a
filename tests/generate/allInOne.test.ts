/**
 * The All-in-One's file and its gateways' (APIM docs 4.5.0 'Simple Scalable Setup'; helm-apim 4.5.x
 * all-in-one/confs/instance-1/deployment.toml and distributed/gateway/confs/deployment.toml with the Pattern 2 values).
 */
import parseToml from '@iarna/toml/parse-string.js';
import { describe, expect, it } from 'vitest';
import type { ProductVersion, Topology } from '../../src/model/index.ts';
import { generateBundle } from '../../src/generate/index.ts';
import { node, simpleScalable, singleAllInOne, topology } from '../factories.ts';

type Toml = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed TOML, read by path in assertions

function fileOf(t: Topology, id: string): Toml {
  const file = generateBundle(t).files.find((f) => f.path === `nodes/${id}/repository/conf/deployment.toml`);
  if (!file) throw new Error(`no file for ${id}`);
  return parseToml(file.content) as Toml;
}

describe('a single All-in-One (Pattern 0)', () => {
  it.each<[ProductVersion, string]>([
    ['4.0.0', 'Production and Sandbox'],
    ['4.7.0', 'Default'],
  ])('on %s serves its own environment, with no event hub, Key Manager or throttling tables', (version, environment) => {
    const toml = fileOf(singleAllInOne(version), 'aio-1');
    expect(toml.server.server_role).toBe('default');
    expect(toml.apim.gateway.environment).toHaveLength(1);
    expect(toml.apim.gateway.environment[0]).toMatchObject({
      name: environment,
      service_url: 'https://apim.example.com:9443/services/',
      https_endpoint: 'https://apim.example.com:8243',
    });
    expect(toml.apim.sync_runtime_artifacts.gateway.gateway_labels).toEqual([environment]);
    expect(toml.apim.event_hub).toBeUndefined();
    expect(toml.apim.key_manager).toBeUndefined();
    expect(toml.apim.throttling).toBeUndefined();
    expect(toml.event_listener[0].properties.notification_endpoint).toBe('https://apim.example.com:9443/internal/data/v1/notify');
    expect(toml.database.apim_db.url).toContain('db.example.com');
  });

  it('on 4.7 issues non-persistent JWTs and keeps its H2 blocks like the API Control Plane', () => {
    const toml = fileOf({ ...singleAllInOne('4.7.0'), links: [] }, 'aio-1');
    expect(toml.oauth.extensions.token_types[0].issuer).toContain('ExtendedJWTTokenIssuer');
    expect(toml.encryption.key).toBe('$env{WSO2_ENCRYPTION_KEY}');
    expect(toml.database.apim_db.type).toBe('h2');
  });
});

// helm-apim 4.6.x / 4.7.x all-in-one/confs/instance-1/deployment.toml: [apim.gateway_notification] gateway_id.
describe('the gateway inside an All-in-One registers under the node id (4.6+), as a gateway node does', () => {
  it.each<[ProductVersion, boolean]>([
    ['4.5.0', false],
    ['4.6.0', true],
    ['4.7.0', true],
  ])('on %s', (version, written) => {
    const topology = simpleScalable(version);
    for (const id of ['aio-1', 'aio-2']) {
      const notification = fileOf(topology, id).apim.gateway_notification;
      expect(notification, id).toEqual(written ? { gateway_id: id } : undefined);
    }
    expect(fileOf(singleAllInOne(version), 'aio-1').apim.gateway_notification).toEqual(written ? { gateway_id: 'aio-1' } : undefined);
  });
});

describe('All-in-One HA as the control plane of gateways (Pattern 2)', () => {
  it.each<ProductVersion>(['4.0.0', '4.5.0', '4.7.0'])('on %s the All-in-One points at the gateways and copies to its peer', (version) => {
    const toml = fileOf(simpleScalable(version), 'aio-1');
    expect(toml.server.hostname).toBe('apim.example.com');
    expect(toml.apim.gateway.environment[0].service_url).toBe('https://gw.example.com:9443/services/');
    expect(toml.apim.sync_runtime_artifacts).toBeUndefined();
    expect(toml.apim.devportal.url).toBe('https://apim.example.com/devportal');
    expect(toml.apim.key_manager.service_url).toBe('https://apim.example.com/services/');
    expect(toml.apim.event_hub.publish.url_group.map((g: Toml) => g.urls[0])).toEqual([
      'tcp://aio1.example.com:9611',
      'tcp://aio2.example.com:9611',
    ]);
    expect(toml.apim.throttling.event_duplicate_url).toEqual(['tcp://aio2.example.com:5672']);
    expect(toml.apim.throttling.throttle_decision_endpoints).toEqual(['tcp://localhost:5672']);
    // 4.0 reads the revocation copy list only under [apim.throttling] (audit B2).
    expect(toml.apim.event_hub.event_duplicate_url).toEqual(version === '4.0.0' ? undefined : ['tcp://aio2.example.com:5672']);
    expect(toml.event_listener[0].properties.notification_endpoint).toBe('https://apim.example.com/internal/data/v1/notify');
  });

  it.each<ProductVersion>(['4.5.0', '4.7.0'])(
    'on %s the gateways take Key Manager, event hub and throttling from every All-in-One',
    (version) => {
      const toml = fileOf(simpleScalable(version), 'gw-2');
      const both = ['tcp://aio1.example.com:5672', 'tcp://aio2.example.com:5672'];
      expect(toml.apim.key_manager.service_url).toBe('https://apim.example.com/services/');
      expect(toml.apim.event_hub.service_url).toBe('https://apim.example.com/services/');
      expect(toml.apim.event_hub.event_listening_endpoints).toEqual(both);
      expect(toml.apim.throttling.throttle_decision_endpoints).toEqual(both);
      expect(toml.apim.throttling.url_group.map((g: Toml) => g.traffic_manager_urls)).toEqual([
        ['tcp://aio1.example.com:9611'],
        ['tcp://aio2.example.com:9611'],
      ]);
      expect(toml.apim.gateway_notification?.gateway_id).toBe(version === '4.5.0' ? undefined : 'gw-2');
    },
  );

  it('an All-in-One with an offset is named with its own ports in the gateway', () => {
    const t = topology(
      [
        node('all-in-one', 'aio-1', { host: 'one.example.com', offset: 2 }),
        node('gateway', 'gw-1', { host: 'one.example.com', offset: 3 }),
      ],
      [['gw-1', 'aio-1']],
      '4.5.0',
    );
    const toml = fileOf(t, 'gw-1');
    expect(toml.apim.key_manager.service_url).toBe('https://one.example.com:9445/services/');
    expect(toml.apim.throttling.throttle_decision_endpoints).toEqual(['tcp://one.example.com:5674']);
    expect(fileOf(t, 'aio-1').apim.event_hub.event_listening_endpoints).toEqual(['tcp://localhost:5674']);
  });

  it("the All-in-One load balancer keeps the portals on 443 and the API traffic on the gateway's ports", () => {
    const nginx = generateBundle(simpleScalable('4.5.0')).files.find((f) => f.path === 'load-balancers/aio-lb/nginx.conf');
    expect(nginx?.content).toMatch(/listen 443 ssl/);
    expect(nginx?.content).toMatch(/listen 8243 ssl/);
    expect(nginx?.content).toMatch(/listen 8280\b/);
    expect(nginx?.content).toContain('ip_hash');
  });

  it('the runbook starts the All-in-One nodes with api-manager.sh and names Pattern 2', () => {
    const readme = generateBundle(simpleScalable('4.7.0')).files.find((f) => f.path === 'README.md')?.content ?? '';
    expect(readme).toContain('sh api-manager.sh');
    expect(readme).toContain('WSO2 API Manager (`wso2am-4.7.0.zip`');
    expect(readme).toContain('Pattern 2: Simple Scalable Setup');
    // Started after the load balancers and before the gateways they serve.
    expect(readme.indexOf('### 3. All-in-One nodes')).toBeGreaterThan(readme.indexOf('### 2. Load balancers'));
    expect(readme.indexOf('### 3. All-in-One nodes')).toBeLessThan(readme.indexOf('### 4. Gateways'));
  });
});
