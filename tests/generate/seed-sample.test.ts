/**
 * The seed page's two complete samples, against what the generator writes for the seed's topology
 * (public/examples/seed-sample.json): key for key equal, apart from the corrections, each listed here
 * with its reason and the WSO2 source that shows the seed wrong (audit ids B1–B7, S1–S5).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import parseToml from '@iarna/toml/parse-string.js';
import { generateBundle } from '../../src/generate/index.ts';
import { loadExample } from '../factories.ts';

type Toml = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed TOML is untyped

const fixture = (name: string): Toml =>
  JSON.parse(JSON.stringify(parseToml(readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), 'utf8'))));

const generated = (nodeId: string): Toml => {
  const file = generateBundle(loadExample('seed-sample')).files.find((f) => f.path === `nodes/${nodeId}/repository/conf/deployment.toml`);
  if (!file) throw new Error(`no file for ${nodeId}`);
  return JSON.parse(JSON.stringify(parseToml(file.content)));
};

const EVENT_HUB_TO_CP = {
  enable: true,
  username: '$ref{super_admin.username}',
  password: '$ref{super_admin.password}',
  service_url: 'https://km.wso2.com:9443/services/',
  event_listening_endpoints: ['tcp://km.wso2.com:5672'],
};

describe('the seed sample topology', () => {
  it('gives the gateway the seed sample, with the documented corrections', () => {
    const seed = fixture('seed-gateway-sample.toml');
    const expected = structuredClone(seed);
    // C14 (APIM docs 4.0.0 'Configuring a Distributed API-M Deployment' Step 2; docs 4.1-4.4 TM-separated page, Gateway):
    // the seed's Step 2 gives the Key Manager connection credentials; its sample leaves them out.
    expected.apim.key_manager.username = '$ref{super_admin.username}';
    expected.apim.key_manager.password = '$ref{super_admin.password}';
    // C2 (docs TM-separated page, Gateway [apim.event_hub]; kubernetes-apim 4.0.x am-pattern-4 gateway ConfigMap):
    // with a separate Traffic Manager the gateway needs the control plane's event hub.
    expected.apim.event_hub = EVENT_HUB_TO_CP;
    // B4: the product default deployment.toml of every 4.x also allows apikey and Internal-Key (PRs #7633, #10315).
    expected.apim.cors.allow_headers = [...expected.apim.cors.allow_headers, 'apikey', 'Internal-Key'];
    expect(generated('gw')).toEqual(expected);
  });

  it('writes the Traffic Manager ports the seed shows for offset 3', () => {
    const gw = generated('gw');
    expect(gw.apim.throttling.service_url).toBe('https://tm.wso2.com:9446/services/');
    expect(gw.apim.throttling.throttle_decision_endpoints).toEqual(['tcp://tm.wso2.com:5675']);
    expect(gw.apim.throttling.url_group).toEqual([
      { traffic_manager_urls: ['tcp://tm.wso2.com:9614'], traffic_manager_auth_urls: ['ssl://tm.wso2.com:9714'] },
    ]);
  });

  it('gives the traffic manager the seed sample, with the documented corrections', () => {
    const expected = structuredClone(fixture('seed-traffic-manager-sample.toml'));
    // C1 (product-apim default deployment.toml v4.0.0–v4.5.0: database_unique_id; docs-apim#2224): "database" causes
    // user-role insert errors on 4.x.
    expect(expected.user_store.type).toBe('database');
    expected.user_store.type = 'database_unique_id';
    // C3 (docs TM-separated page, TM [apim.event_hub]; kubernetes-apim 4.0.x am-pattern-4 traffic-manager ConfigMap):
    // the TM fetches throttling policies from the control plane's event hub.
    expected.apim.event_hub = EVENT_HUB_TO_CP;
    expect(generated('tm')).toEqual(expected);
  });

  it("gives the control plane what the seed's Control Plane step and WSO2's code ask of it", () => {
    const cp = generated('cp');
    expect(cp.server).toEqual({ hostname: 'km.wso2.com', server_role: 'control-plane', offset: 0 });
    expect(cp.apim.gateway.environment).toEqual([
      expect.objectContaining({
        name: 'Production and Sandbox',
        type: 'hybrid',
        service_url: 'https://gw.wso2.com:9447/services/',
        http_endpoint: 'http://gw.wso2.com:8284',
        https_endpoint: 'https://gw.wso2.com:8247',
        ws_endpoint: 'ws://gw.wso2.com:9103',
        wss_endpoint: 'wss://gw.wso2.com:8103',
      }),
    ]);
    const { publish, ...eventHub } = cp.apim.event_hub;
    expect(eventHub).toEqual({ ...EVENT_HUB_TO_CP, event_listening_endpoints: ['tcp://localhost:5672'] });
    expect(publish.url_group).toEqual([{ urls: ['tcp://km.wso2.com:9611'], auth_urls: ['ssl://km.wso2.com:9711'] }]);
    // B1: the seed's throttle_decision_endpoints would send this node's events to the TM's broker
    // (carbon-apimgt v9.0.174 jndi.properties.j2); only service_url and the url_groups stay.
    expect(cp.apim.throttling).toEqual({
      service_url: 'https://tm.wso2.com:9446/services/',
      url_group: [{ traffic_manager_urls: ['tcp://tm.wso2.com:9614'], traffic_manager_auth_urls: ['ssl://tm.wso2.com:9714'] }],
    });
    expect(cp.event_listener).toEqual([
      {
        id: 'token_revocation',
        type: 'org.wso2.carbon.identity.core.handler.AbstractIdentityHandler',
        name: 'org.wso2.is.notification.ApimOauthEventInterceptor',
        order: 1,
        properties: {
          notification_endpoint: 'https://km.wso2.com:9443/internal/data/v1/notify',
          username: '${admin.username}',
          password: '${admin.password}',
          'header.X-WSO2-KEY-MANAGER': 'default',
        },
      },
    ]);
  });
});
