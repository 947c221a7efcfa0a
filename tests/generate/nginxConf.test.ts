/**
 * What each generated nginx.conf says, fact by fact (APIM docs 'Configuring the Proxy Server and the Load
 * Balancer'); `nginx -t` itself: nginx.test.ts.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Topology } from '../../src/model/index.ts';
import { DEFAULT_PORTS, buildGraph, portOf } from '../../src/model/index.ts';
import type { PortName } from '../../src/model/index.ts';
import { generateBundle } from '../../src/generate/index.ts';
import { arbitraryTopology, loadExample, node, topology } from '../factories.ts';

function confOf(t: Topology, lbId: string): string {
  const file = generateBundle(t).files.find((f) => f.kind === 'nginx.conf' && f.nodeId === lbId);
  if (!file) throw new Error(`no nginx.conf for ${lbId}`);
  expect(file.path).toBe(`load-balancers/${lbId}/nginx.conf`);
  return file.content;
}

/** upstream name → its directives without comments. */
function upstreams(conf: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const m of conf.matchAll(/^\s*upstream (\S+) \{\n([\s\S]*?)^\s*\}/gm)) {
    found.set(
      m[1]!,
      m[2]!
        .split('\n')
        .map((l) => l.replace(/#.*$/, '').trim())
        .filter(Boolean),
    );
  }
  return found;
}

/** listen port → the upstream it passes to (or 'redirect' / '503'). */
function listeners(conf: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of conf.matchAll(/^ {4}server \{\n([\s\S]*?)^ {4}\}/gm)) {
    const block = m[1]!;
    const listen = /listen ([^;]+);/.exec(block)![1]!;
    const target = /proxy_pass (\S+);/.exec(block)?.[1] ?? (/return 301/.test(block) ? 'redirect' : /return 503/.test(block) ? '503' : '?');
    found.set(listen, target);
  }
  return found;
}

const haCpGw = loadExample('ha-cp-gw');
const separateTm = loadExample('separate-tm-ha');

describe("the control-plane load balancer (APIM docs 'Configuring the Proxy Server and the Load Balancer', 'HA for Control Plane')", () => {
  const conf = confOf(haCpGw, 'cp-lb');

  it('is sticky on both control planes, 9443', () => {
    expect(upstreams(conf).get('control_planes_https')).toEqual([
      'ip_hash;',
      'server cp1.example.com:9443;',
      'server cp2.example.com:9443;',
    ]);
    expect(conf).toContain('#   sticky learn create=$upstream_cookie_jsessionid lookup=$cookie_jsessionid zone=client_sessions:1m;');
  });

  it('serves HTTPS on 443 and redirects 80', () => {
    expect(Object.fromEntries(listeners(conf))).toEqual({ '80': 'redirect', '443 ssl': 'https://control_planes_https' });
    expect(conf).toContain('return 301 https://$host$request_uri;');
    expect(conf).toContain('server_name cp.example.com;');
  });

  it.each([
    'proxy_set_header Host $http_host;',
    'proxy_set_header X-Forwarded-Host $host;',
    'proxy_set_header X-Forwarded-Server $host;',
    'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;',
    'proxy_set_header X-Forwarded-Proto $scheme;',
    'proxy_set_header X-Forwarded-Port 443;',
    'proxy_read_timeout 5m;',
    'proxy_send_timeout 5m;',
    'ssl_certificate ssl/cp.example.com.crt;',
    'ssl_certificate_key ssl/cp.example.com.key;',
    'events {',
  ])('says %s', (line) => {
    expect(conf).toContain(line);
  });

  it('has no WebSocket map (gateways only)', () => {
    expect(conf).not.toContain('$connection_upgrade');
  });
});

describe('the gateway load balancer (HA gateway)', () => {
  const conf = confOf(haCpGw, 'gw-lb');

  it.each<[string, string[]]>([
    ['gateways_api_http', ['server gw1.example.com:8280;', 'server gw2.example.com:8280;']],
    ['gateways_api_https', ['server gw1.example.com:8243;', 'server gw2.example.com:8243;']],
    ['gateways_https', ['server gw1.example.com:9443;', 'server gw2.example.com:9443 backup;']],
    ['gateways_ws', ['server gw1.example.com:9099;', 'server gw2.example.com:9099;']],
    ['gateways_wss', ['server gw1.example.com:8099;', 'server gw2.example.com:8099;']],
    ['gateways_websub_http', ['server gw1.example.com:9021;', 'server gw2.example.com:9021;']],
    ['gateways_websub_https', ['server gw1.example.com:8021;', 'server gw2.example.com:8021;']],
  ])('upstream %s', (name, servers) => {
    expect(upstreams(conf).get(name)).toEqual(servers);
  });

  it('listens where the environment advertises the gateways (http_endpoint, https_endpoint, ws, wss, WebSub, service_url)', () => {
    expect(Object.fromEntries(listeners(conf))).toEqual({
      '80': 'http://gateways_api_http',
      '443 ssl': 'https://gateways_api_https',
      '9443 ssl': 'https://gateways_https',
      '9099': 'http://gateways_ws',
      '8099 ssl': 'https://gateways_wss',
      '9021': 'http://gateways_websub_http',
      '8021 ssl': 'https://gateways_websub_https',
    });
  });

  it('passes the WebSocket upgrade on the WebSocket listeners only', () => {
    expect(conf).toMatch(/map \$http_upgrade \$connection_upgrade \{\n\s+default upgrade;.*\n\s+"" close;/);
    expect(conf.match(/proxy_set_header Upgrade \$http_upgrade;/g)).toHaveLength(2);
    expect(conf.match(/proxy_set_header Connection \$connection_upgrade;/g)).toHaveLength(2);
  });
});

describe('the traffic-manager load balancer (HA traffic manager)', () => {
  it('has the first traffic manager primary and the other backup, on 9443', () => {
    const conf = confOf(separateTm, 'tm-lb');
    expect(upstreams(conf).get('traffic_managers_https')).toEqual(['server tm1.example.com:9443;', 'server tm2.example.com:9443 backup;']);
    expect(Object.fromEntries(listeners(conf))).toEqual({ '80': 'redirect', '443 ssl': 'https://traffic_managers_https' });
  });
});

describe('edge cases', () => {
  it("uses each member's offset-adjusted port", () => {
    const t = topology(
      [
        node('load-balancer', 'gw-lb', { host: 'gw.example.com' }),
        node('gateway', 'gw-1', { host: 'one.example.com', offset: 3 }),
        node('gateway', 'gw-2', { host: 'one.example.com', offset: 4 }),
      ],
      [
        ['gw-lb', 'gw-1'],
        ['gw-lb', 'gw-2'],
      ],
    );
    const conf = confOf(t, 'gw-lb');
    expect(upstreams(conf).get('gateways_api_https')).toEqual(['server one.example.com:8246;', 'server one.example.com:8247;']);
    expect(upstreams(conf).get('gateways_ws')).toEqual(['server one.example.com:9102;', 'server one.example.com:9103;']);
  });

  it('drops ip_hash when the control-plane load balancer is not sticky', () => {
    const t = topology(
      [node('load-balancer', 'cp-lb', { sticky: false }), node('control-plane', 'cp-1'), node('control-plane', 'cp-2')],
      [
        ['cp-lb', 'cp-1'],
        ['cp-lb', 'cp-2'],
      ],
    );
    expect(upstreams(confOf(t, 'cp-lb')).get('control_planes_https')).toEqual([
      'server cp-1.example.com:9443;',
      'server cp-2.example.com:9443;',
    ]);
  });

  it('answers 503 when the load balancer fronts nothing yet', () => {
    const conf = confOf(topology([node('load-balancer', 'lb-1')]), 'lb-1');
    expect(upstreams(conf).size).toBe(0);
    expect(Object.fromEntries(listeners(conf))).toEqual({ '80': 'redirect', '443 ssl': '503' });
  });

  it('forwards only to the members of the first kind when a load balancer fronts mixed kinds (an error validate reports)', () => {
    const t = topology(
      [node('load-balancer', 'lb'), node('control-plane', 'cp-1'), node('gateway', 'gw-1')],
      [
        ['lb', 'cp-1'],
        ['lb', 'gw-1'],
      ],
    );
    expect(upstreams(confOf(t, 'lb')).get('control_planes_https')).toEqual(['ip_hash;', 'server cp-1.example.com:9443;']);
  });

  it('leaves out server_name and names the certificate after the id when the host is not a host name', () => {
    const t = topology([node('load-balancer', 'lb-1', { host: 'evil host; x' })]);
    const conf = confOf(t, 'lb-1');
    expect(conf).not.toContain('server_name');
    expect(conf).toContain('ssl_certificate ssl/lb-1.crt;');
  });
});

describe('for any valid topology', () => {
  it('every load balancer has an nginx.conf whose upstreams name its members on their computed ports', () => {
    fc.assert(
      fc.property(arbitraryTopology, (t) => {
        const graph = buildGraph(t);
        const bundle = generateBundle(t);
        for (const lb of graph.nodesOfKind('load-balancer')) {
          const file = bundle.files.find((f) => f.kind === 'nginx.conf' && f.nodeId === lb.id);
          expect(file, lb.id).toBeDefined();
          const members = graph.frontedMembers(lb.id);
          const allowed = new Set(
            members.flatMap((m) => (Object.keys(DEFAULT_PORTS) as PortName[]).map((p) => `${m.host}:${portOf(m, p)}`)),
          );
          for (const servers of upstreams(file!.content).values()) {
            const addresses = servers.filter((s) => s.startsWith('server ')).map((s) => s.split(' ')[1]!.replace(';', ''));
            expect(addresses).toHaveLength(members.length);
            for (const address of addresses) expect(allowed, address).toContain(address);
          }
          expect(file!.content).toContain(`server_name ${lb.host};`);
        }
      }),
      { numRuns: 100 },
    );
  });
});
