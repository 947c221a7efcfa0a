/**
 * The chart model (chartModel.ts) on values whose rendering was read off the helm-apim templates by hand: WSO2's
 * defaults, the HA switch, the 4.2.x fixed ports, the 4.6.x+ distributed-throttling group, and Helm's list rules.
 */
import { describe, expect, it } from 'vitest';
import { chartHighAvailability, chartWiring } from './chartModel.ts';

const configurations = (c: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  wso2: { apim: { configurations: c }, ...extra },
});

describe('the chart model', () => {
  it("renders WSO2's gateway defaults: Key Manager and throttling on wso2am-cp-service, no event hub until enabled (4.7.x)", () => {
    expect(chartWiring({ branch: '4.7.x', chart: 'wso2am-universal-gw', values: {}, fullname: 'apim-gw-wso2am-universal-gw' })).toEqual([
      {
        file: 'confs/deployment.toml',
        wiring: {
          'server.hostname': 'gw.wso2.com',
          'apim.key_manager.service_url': 'https://wso2am-cp-service:9443/services/',
          'apim.throttling.service_url': 'https://wso2am-cp-service:9443/services/',
          'apim.throttling.throttle_decision_endpoints': ['tcp://wso2am-cp-1-service:5672', 'tcp://wso2am-cp-2-service:5672'],
          'apim.throttling.url_group': [
            { traffic_manager_urls: ['tcp://wso2am-cp-1-service:9611'], traffic_manager_auth_urls: ['ssl://wso2am-cp-1-service:9711'] },
            { traffic_manager_urls: ['tcp://wso2am-cp-2-service:9611'], traffic_manager_auth_urls: ['ssl://wso2am-cp-2-service:9711'] },
          ],
        },
      },
    ]);
  });

  it('adds the throttling offset to the event hub endpoints, and makes one group of all urls with distributed throttling (4.6.x+)', () => {
    const values = configurations({
      eventhub: { enabled: true, serviceUrl: 'cp', servicePort: 9444, urls: ['cp-1', 'cp-2'] },
      throttling: { serviceUrl: 'tm', portOffset: 1, urls: ['tm-1', 'tm-2'] },
      distributedThrottling: { enable: true },
    });
    const [conf] = chartWiring({ branch: '4.6.x', chart: 'wso2am-universal-gw', values, fullname: 'gw' });
    expect(conf!.wiring).toMatchObject({
      'apim.event_hub.service_url': 'https://cp:9444/services/',
      'apim.event_hub.event_listening_endpoints': ['tcp://cp-1:5673', 'tcp://cp-2:5673'],
      'apim.throttling.throttle_decision_endpoints': ['tcp://tm-1:5673', 'tcp://tm-2:5673'],
      'apim.throttling.url_group': [
        { traffic_manager_urls: ['tcp://tm-1:9612', 'tcp://tm-2:9612'], traffic_manager_auth_urls: ['ssl://tm-1:9712', 'ssl://tm-2:9712'] },
      ],
    });
    const [older] = chartWiring({ branch: '4.5.x', chart: 'wso2am-universal-gw', values, fullname: 'gw' });
    expect(older!.wiring['apim.throttling.url_group']).toHaveLength(2);
  });

  it('fixes the ports on 4.2.x whatever the values say', () => {
    const values = configurations({
      km: { serviceUrl: 'km', servicePort: 9444 },
      eventhub: { enabled: true, serviceUrl: 'cp', servicePort: 9444, urls: ['cp-1'] },
      throttling: { serviceUrl: 'cp', servicePort: 9444, portOffset: 3, urls: ['cp-1'] },
    });
    const [conf] = chartWiring({ branch: '4.2.x', chart: 'wso2am-gateway', values, fullname: 'gw' });
    expect(conf!.wiring).toMatchObject({
      'apim.key_manager.service_url': 'https://km:9443/services/',
      'apim.event_hub.service_url': 'https://cp:9443/services/',
      'apim.event_hub.event_listening_endpoints': ['tcp://cp-1:5672'],
      'apim.throttling.throttle_decision_endpoints': ['tcp://cp-1:5672'],
    });
  });

  it('runs two control plane instances by default, each duplicating events to the other and publishing to both', () => {
    const confs = chartWiring({ branch: '4.2.x', chart: 'wso2am-cp', values: {}, fullname: 'apim-acp-wso2am-cp' });
    expect(confs.map((c) => [c.file, c.wiring['apim.event_hub.event_duplicate_url']])).toEqual([
      ['confs/instance-1/deployment.toml', ['tcp://apim-acp-wso2am-cp-2-service:5672']],
      ['confs/instance-2/deployment.toml', ['tcp://apim-acp-wso2am-cp-1-service:5672']],
    ]);
    expect(confs[0]!.wiring['apim.event_hub.publish.url_group']).toEqual([
      { urls: ['tcp://apim-acp-wso2am-cp-1-service:9611'], auth_urls: ['ssl://apim-acp-wso2am-cp-1-service:9711'] },
      { urls: ['tcp://apim-acp-wso2am-cp-2-service:9611'], auth_urls: ['ssl://apim-acp-wso2am-cp-2-service:9711'] },
    ]);
    expect(confs[0]!.wiring['apim.key_manager.service_url']).toBe('https://apim-acp-wso2am-cp-service:9443/services/');
    // WSO2's default environment, as the 4.2.x template writes it (service port fixed).
    expect(confs[0]!.wiring['apim.gateway.environment']).toEqual([
      {
        name: 'Default',
        type: 'hybrid',
        service_url: 'https://wso2am-gateway-service:9443/services/',
        http_endpoint: 'http://gw.wso2.com',
        https_endpoint: 'https://gw.wso2.com',
        ws_endpoint: 'ws://websocket.wso2.com',
        wss_endpoint: 'wss://websocket.wso2.com',
        websub_event_receiver_http_endpoint: 'http://websub.wso2.com',
        websub_event_receiver_https_endpoint: 'https://websub.wso2.com',
      },
    ]);
  });

  it('runs one control plane instance without HA, offsets its ports, and calls the Key Manager release when km.enabled (4.3.x+)', () => {
    const values = {
      wso2: {
        deployment: { highAvailability: false },
        apim: { portOffset: 2, configurations: { km: { enabled: true, serviceName: 'apim-km-wso2am-km-service' } } },
      },
    };
    const release = { branch: '4.5.x', chart: 'wso2am-acp', values, fullname: 'cp' };
    expect(chartHighAvailability(release)).toBe(false);
    expect(chartWiring(release)).toMatchObject([
      {
        file: 'confs/instance-1/deployment.toml',
        instance: 1,
        wiring: {
          'apim.key_manager.service_url': 'https://apim-km-wso2am-km-service:9443/services/',
          'apim.event_hub.service_url': 'https://cp-service:9445/services/',
          'apim.event_hub.event_listening_endpoints': ['tcp://localhost:5674'],
          'apim.event_hub.publish.url_group': [{ urls: ['tcp://cp-1-service:9613'], auth_urls: ['ssl://cp-1-service:9713'] }],
        },
      },
    ]);
    expect(chartWiring(release)[0]!.wiring['apim.event_hub.event_duplicate_url']).toBeUndefined();
    // 4.2.x has no km switch: the control plane is its own Key Manager.
    const [old] = chartWiring({ ...release, branch: '4.2.x', chart: 'wso2am-cp' });
    expect(old!.wiring['apim.key_manager.service_url']).toBe('https://cp-service:9443/services/');
  });

  it('wires two traffic managers to each other, and reads the event hub and Key Manager from values with fixed ports', () => {
    const values = configurations({ km: { serviceUrl: 'km' }, eventhub: { serviceUrl: 'cp', urls: ['cp-1', 'cp-2'] } });
    const confs = chartWiring({ branch: '4.7.x', chart: 'wso2am-tm', values, fullname: 'apim-tm-wso2am-tm' });
    expect(confs.map((c) => c.wiring)).toEqual(
      [2, 1].map((peer) => ({
        'server.hostname': 'tm.wso2.com',
        'apim.key_manager.service_url': 'https://km:9443/services/',
        'apim.throttling.event_duplicate_url': [`tcp://apim-tm-wso2am-tm-${peer}-service:5672`],
        'apim.throttling.service_url': 'https://apim-tm-wso2am-tm-service:9443/services/',
        'apim.throttling.throttle_decision_endpoints': ['tcp://localhost:5672'],
        'apim.event_hub.service_url': 'https://cp:9443/services/',
        'apim.event_hub.event_listening_endpoints': ['tcp://cp-1:5672', 'tcp://cp-2:5672'],
      })),
    );
    const single = chartWiring({
      branch: '4.7.x',
      chart: 'wso2am-tm',
      values: { ...values, wso2: { ...values.wso2, deployment: { highAvailability: false } } },
      fullname: 't',
    });
    expect(single.map((c) => c.wiring['apim.throttling.service_url'])).toEqual([undefined]);
  });

  it('gives the Key Manager chart only an event hub, and the all-in-one chart no event hub (and no throttling before 4.5.x)', () => {
    const values = configurations({ eventhub: { serviceUrl: 'cp', urls: ['cp-1'] } });
    expect(chartWiring({ branch: '4.3.x', chart: 'wso2am-km', values, fullname: 'km' })[0]!.wiring).toEqual({
      'server.hostname': 'km.wso2.com',
      'apim.event_hub.service_url': 'https://cp:9443/services/',
      'apim.event_hub.event_listening_endpoints': ['tcp://cp-1:5672'],
    });
    const [aio44] = chartWiring({ branch: '4.4.x', chart: 'wso2am-all-in-one', values: {}, fullname: 'apim' });
    expect(Object.keys(aio44!.wiring)).toEqual(['server.hostname', 'apim.gateway.environment', 'apim.key_manager.service_url']);
    expect(aio44!.wiring['apim.key_manager.service_url']).toBe('https://apim-am-service:${mgt.transport.https.port}/services/');
  });

  it('runs two all-in-one instances from 4.5.x with HA, throttling on both', () => {
    const values = { wso2: { deployment: { highAvailability: true } } };
    const confs = chartWiring({ branch: '4.5.x', chart: 'wso2am-all-in-one', values, fullname: 'apim-wso2am-all-in-one' });
    expect(confs.map((c) => c.wiring['apim.throttling.event_duplicate_url'])).toEqual([
      ['tcp://apim-wso2am-all-in-one-am-service-2:5672'],
      ['tcp://apim-wso2am-all-in-one-am-service-1:5672'],
    ]);
    expect(confs[0]!.wiring['apim.throttling.url_group']).toEqual(
      [1, 2].map((i) => ({
        traffic_manager_urls: [`tcp://apim-wso2am-all-in-one-am-service-${i}:9611`],
        traffic_manager_auth_urls: [`ssl://apim-wso2am-all-in-one-am-service-${i}:9711`],
      })),
    );
    expect(chartWiring({ branch: '4.5.x', chart: 'wso2am-all-in-one', values: {}, fullname: 'a' })).toHaveLength(1);
  });

  it('takes an environments list whole (an item without servicePort renders an empty port), and fails on a url that is not a list', () => {
    const values = configurations({ gateway: { environments: [{ name: 'Default', type: 'hybrid', serviceName: 'gw-service' }] } });
    const [conf] = chartWiring({ branch: '4.7.x', chart: 'wso2am-acp', values, fullname: 'cp' });
    expect(conf!.wiring['apim.gateway.environment']![0]!.service_url).toBe('https://gw-service:/services/');
    const broken = configurations({ eventhub: { urls: 'cp-1' } });
    expect(() => chartWiring({ branch: '4.7.x', chart: 'wso2am-km', values: broken, fullname: 'km' })).toThrow(
      /range over .*eventhub\.urls/,
    );
  });

  it("takes server.hostname from the branch's route switch: the Gateway API's on 4.7.x by default, the ingress's on 4.4.x, the Gateway API's on 4.5.x/4.6.x unless kubernetes.ingress.enabled", () => {
    const values = {
      kubernetes: {
        ingress: { controlPlane: { hostname: 'ingress.example.com' } },
        gatewayAPI: { controlPlane: { hostname: 'route.example.com' } },
      },
    };
    const host = (branch: string, chart: string, v: unknown = values) =>
      chartWiring({ branch, chart, values: v, fullname: 'cp' })[0]!.wiring['server.hostname'];
    expect(host('4.7.x', 'wso2am-acp')).toBe('route.example.com');
    expect(host('4.3.x', 'wso2am-cp')).toBe('ingress.example.com');
    expect(host('4.4.x', 'wso2am-cp')).toBe('ingress.example.com');
    expect(host('4.6.x', 'wso2am-acp')).toBe('route.example.com');
    expect(
      host('4.6.x', 'wso2am-acp', { kubernetes: { ...values.kubernetes, ingress: { ...values.kubernetes.ingress, enabled: true } } }),
    ).toBe('ingress.example.com');
    expect(host('4.7.x', 'wso2am-tm')).toBe('tm.wso2.com');
  });
});
