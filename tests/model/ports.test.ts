/** What a gateway cluster advertises (src/model/ports.ts): one answer for the environment, nginx and validation. */
import { describe, expect, it } from 'vitest';
import { GATEWAY_LB_PORTS, LOAD_BALANCER_PORTS, gatewayEndpoints } from '../../src/model/index.ts';

describe('gatewayEndpoints', () => {
  it('behind a load balancer: its host on the standard ports, 80 and 443 left out', () => {
    expect(gatewayEndpoints({ lb: { host: 'gw.example.com' }, members: [{ host: 'gw1', offset: 3 }] })).toEqual({
      apiHttp: 'http://gw.example.com',
      apiHttps: 'https://gw.example.com',
      ws: 'ws://gw.example.com:9099',
      wss: 'wss://gw.example.com:8099',
      websubHttp: 'http://gw.example.com:9021',
      websubHttps: 'https://gw.example.com:8021',
    });
  });

  it('a single gateway: its own host and ports, moved by its offset', () => {
    expect(gatewayEndpoints({ members: [{ host: 'gw1.example.com', offset: 2 }] })).toMatchObject({
      apiHttp: 'http://gw1.example.com:8282',
      apiHttps: 'https://gw1.example.com:8245',
      ws: 'ws://gw1.example.com:9101',
    });
  });

  it('validation opens the same ports the environment advertises on a gateway load balancer', () => {
    const open = new Set([...LOAD_BALANCER_PORTS.all, ...LOAD_BALANCER_PORTS.gateway].map((p) => p.port));
    for (const port of Object.values(GATEWAY_LB_PORTS)) expect(open).toContain(port);
  });
});
