/**
 * The findings of the code audit of the generated files (issue 12), one describe per finding id
 * (B1–B7 break a feature, S1–S5 are silent). Each builds the topology shapes the finding concerns —
 * three control planes, an offset on every node of every tier — for every version it covers, and
 * checks the keys WSO2's own code reads at that release (the README's corrections table names the
 * source of each). Two generator defects found in review close the file.
 */
import parseToml from '@iarna/toml/parse-string.js';
import { describe, expect, it } from 'vitest';
import type { ProductVersion, Settings, Topology, TopologyNode } from '../../src/model/index.ts';
import { PRODUCT_VERSIONS } from '../../src/model/index.ts';
import { generateBundle } from '../../src/generate/index.ts';
import { readTopology } from '../../src/share/index.ts';
import { validate } from '../../src/validate/index.ts';
import { node, singleAllInOne, topology } from '../factories.ts';

type Toml = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed TOML is untyped

interface Shape {
  /** Separate traffic managers (0: the TM inside the control plane). */
  tms?: number;
  /** Control planes behind cp-lb; without it, each is reached on its own host and port. */
  cpLb?: boolean;
  settings?: Partial<Settings>;
}

/** Offsets on every tier, so every port below is default + a non-zero offset. */
const CP_OFFSETS = [1, 2, 3];
const TM_OFFSETS = [4, 5];
const GW_OFFSETS = [6, 7];

/**
 * Three control planes (cp1…cp3.example.com, offsets 1–3) on one database, two gateways behind gw-lb
 * (offsets 6, 7), and `tms` traffic managers behind tm-lb (offsets 4, 5).
 */
function shape(product: ProductVersion, { tms = 2, cpLb = true, settings = {} }: Shape = {}): Topology {
  const cps = CP_OFFSETS.map((offset, i) => node('control-plane', `cp-${i + 1}`, { host: `cp${i + 1}.example.com`, offset }));
  const trafficManagers = TM_OFFSETS.slice(0, tms).map((offset, i) =>
    node('traffic-manager', `tm-${i + 1}`, { host: `tm${i + 1}.example.com`, offset }),
  );
  const gws = GW_OFFSETS.map((offset, i) => node('gateway', `gw-${i + 1}`, { host: `gw${i + 1}.example.com`, offset }));
  const nodes: TopologyNode[] = [
    ...cps,
    ...trafficManagers,
    ...gws,
    node('load-balancer', 'gw-lb', { host: 'gw.example.com' }),
    node('database', 'db', { host: 'db.example.com' }),
  ];
  const links: [string, string][] = [];
  const cpTarget = (from: string) => (cpLb ? [[from, 'cp-lb'] as [string, string]] : cps.map((cp) => [from, cp.id] as [string, string]));
  if (cpLb) {
    nodes.push(node('load-balancer', 'cp-lb', { host: 'cp.example.com' }));
    for (const cp of cps) links.push(['cp-lb', cp.id]);
  }
  if (tms > 1) {
    nodes.push(node('load-balancer', 'tm-lb', { host: 'tm.example.com' }));
    for (const tm of trafficManagers) links.push(['tm-lb', tm.id]);
  }
  for (const gw of gws) {
    links.push(['gw-lb', gw.id], ...cpTarget(gw.id));
    if (tms > 1) links.push([gw.id, 'tm-lb']);
    else if (tms === 1) links.push([gw.id, 'tm-1']);
  }
  for (const tm of trafficManagers) links.push(...cpTarget(tm.id), [tm.id, 'db']);
  for (const cp of cps) links.push([cp.id, 'db']);
  const t = topology(nodes, links, product);
  return { ...t, settings: { ...t.settings, ...settings } };
}

function files(t: Topology): Map<string, Toml> {
  const out = new Map<string, Toml>();
  for (const file of generateBundle(t).files) {
    if (file.kind === 'deployment.toml') out.set(file.nodeId!, JSON.parse(JSON.stringify(parseToml(file.content))));
  }
  return out;
}

const cpIds = ['cp-1', 'cp-2', 'cp-3'];
const cpBroker = (i: number) => `tcp://cp${i + 1}.example.com:${5672 + CP_OFFSETS[i]!}`;
/** What control plane i copies token revocations to: the other two, on their own offset ports. */
const peersOf = (i: number) => [0, 1, 2].filter((j) => j !== i).map(cpBroker);

const versionsFrom = (first: ProductVersion, last: ProductVersion = PRODUCT_VERSIONS[PRODUCT_VERSIONS.length - 1]!) =>
  PRODUCT_VERSIONS.slice(PRODUCT_VERSIONS.indexOf(first), PRODUCT_VERSIONS.indexOf(last) + 1);

// carbon-apimgt v9.0.174 jndi.properties.j2 (CP publishers use throttle_decision_endpoints); kubernetes-apim 4.0.x am-pattern-4 CP: none.
describe('B1: a 4.0 control plane with separate traffic managers writes no throttle_decision_endpoints', () => {
  it.each([1, 2])('4.0.0 with %i traffic manager(s): service_url and one url_group per TM only', (tms) => {
    const generated = files(shape('4.0.0', { tms }));
    for (const id of cpIds) {
      const throttling = generated.get(id)!.apim.throttling;
      expect(throttling.throttle_decision_endpoints, id).toBeUndefined();
      expect(throttling.service_url).toBe(
        tms > 1 ? 'https://tm.example.com/services/' : `https://tm1.example.com:${9443 + TM_OFFSETS[0]!}/services/`,
      );
      expect(throttling.url_group).toEqual(
        TM_OFFSETS.slice(0, tms).map((offset, i) => ({
          traffic_manager_urls: [`tcp://tm${i + 1}.example.com:${9611 + offset}`],
          traffic_manager_auth_urls: [`ssl://tm${i + 1}.example.com:${9711 + offset}`],
        })),
      );
    }
    // The gateways still get their decisions from every TM node.
    expect(generated.get('gw-1')!.apim.throttling.throttle_decision_endpoints).toEqual(
      TM_OFFSETS.slice(0, tms).map((o, i) => `tcp://tm${i + 1}.example.com:${5672 + o}`),
    );
  });

  it.each(PRODUCT_VERSIONS)('no control plane of %s names throttle decision endpoints, with or without a TM', (product) => {
    for (const tms of [0, 2]) {
      const generated = files(shape(product, { tms }));
      for (const id of cpIds) expect(generated.get(id)!.apim.throttling?.throttle_decision_endpoints, `${id}, ${tms} TMs`).toBeUndefined();
    }
  });
});

// product-apim v4.0.0 …/conf/jndi2.properties.j2 and …/eventpublishers/tokenRevokeEventJMSPublisher_2.xml.j2.
describe('B2: on 4.0 the control planes copy token revocations through [apim.throttling] event_duplicate_url', () => {
  it.each([
    [0, true],
    [2, true],
    [0, false],
  ])('4.0.0, %i traffic managers, control-plane LB %s: every peer on its own port', (tms, cpLb) => {
    const generated = files(shape('4.0.0', { tms, cpLb }));
    cpIds.forEach((id, i) => {
      const cp = generated.get(id)!;
      expect(cp.apim.throttling.event_duplicate_url, id).toEqual(peersOf(i));
      // 4.0 reads no event-hub copy list (product-apim v4.0.0 has no jndi2-cp.properties.j2).
      expect(cp.apim.event_hub.event_duplicate_url, id).toBeUndefined();
    });
  });
});

// product-apim v4.1.0 / v4.2.0 tokenRevokeEventJMSPublisher_2.xml.j2 (throttling key only); either key from v4.3.0 (PR #13231).
describe('B3: on 4.1 and 4.2 both copy lists are written; from 4.3 the event hub one alone', () => {
  it.each(versionsFrom('4.1.0'))('%s', (product) => {
    const bothKeys = product === '4.1.0' || product === '4.2.0';
    for (const tms of [0, 2]) {
      const generated = files(shape(product, { tms }));
      cpIds.forEach((id, i) => {
        const cp = generated.get(id)!;
        expect(cp.apim.event_hub.event_duplicate_url, `${id}, ${tms} TMs`).toEqual(peersOf(i));
        expect(cp.apim.throttling?.event_duplicate_url, `${id}, ${tms} TMs`).toEqual(bothKeys ? peersOf(i) : undefined);
      });
    }
  });

  it('a single control plane copies nothing', () => {
    const single = topology(
      [node('control-plane', 'cp-1', { offset: 2 }), node('gateway', 'gw-1', { offset: 3 })],
      [['gw-1', 'cp-1']],
      '4.1.0',
    );
    const cp = files(single).get('cp-1')!;
    expect(cp.apim.event_hub.event_duplicate_url).toBeUndefined();
    expect(cp.apim.throttling).toBeUndefined();
  });
});

// product-apim default deployment.toml [apim.cors] allow_headers (v4.0.0–v4.4.0; PRs #7633, #10315).
describe('B4: CORS allows apikey and Internal-Key, on gateways and control planes', () => {
  const headers = ['authorization', 'Access-Control-Allow-Origin', 'Content-Type', 'SOAPAction', 'apikey', 'Internal-Key'];
  it.each(PRODUCT_VERSIONS)('%s', (product) => {
    const generated = files(shape(product));
    for (const id of [...cpIds, 'gw-1', 'gw-2']) expect(generated.get(id)!.apim.cors.allow_headers, id).toEqual(headers);
    // The traffic managers serve no browser.
    expect(generated.get('tm-1')!.apim.cors).toBeUndefined();
  });

  it("warns (APIM038) when a topology keeps the seed's shorter list", () => {
    const t = shape('4.2.0');
    const seedList = { ...t, settings: { ...t.settings, cors: { ...t.settings.cors, allowHeaders: headers.slice(0, 4) } } };
    const warning = validate(seedList).find((d) => d.code === 'APIM038')!;
    expect(warning.severity).toBe('warning');
    expect(warning.message).toContain('apikey and Internal-Key');
    expect(validate(t).map((d) => d.code)).not.toContain('APIM038');
  });

  it('says in its comment only what the list lets the consoles do', () => {
    const corsComment = (allowHeaders: string[]) => {
      const t = shape('4.2.0');
      const bundle = generateBundle({ ...t, settings: { ...t.settings, cors: { ...t.settings.cors, allowHeaders } } });
      const text = bundle.files.find((f) => f.nodeId === 'gw-1' && f.kind === 'deployment.toml')!.content;
      return text.split('\n').find((line) => line.startsWith('# CORS:'));
    };
    expect(corsComment(headers)).toBe(
      "# CORS: apikey lets the Developer Portal try APIs with an API key, Internal-Key the Publisher's test console.",
    );
    expect(corsComment(headers.slice(0, 5))).toBe('# CORS: apikey lets the Developer Portal try APIs with an API key.');
    expect(corsComment([...headers.slice(0, 4), 'Internal-Key'])).toBe("# CORS: Internal-Key lets the Publisher's test console call APIs.");
    expect(corsComment(headers.slice(0, 4))).toBe('# CORS: the headers browsers may send, as set in the topology.');
  });
});

// docs-apim includes/analytics/configure-synapse-gateway.md; product-apim v4.5.0 gateway deployment.toml (config_endpoint).
describe('B5: Choreo analytics writes config_endpoint on every version', () => {
  const analytics = { enabled: true, configEndpoint: 'https://analytics-event-auth.choreo.dev/auth/v1', authToken: '$env{ANALYTICS_KEY}' };
  it.each(PRODUCT_VERSIONS)('%s', (product) => {
    const generated = files(shape(product, { settings: { analytics } }));
    for (const id of ['gw-1', 'gw-2']) {
      expect(generated.get(id)!.apim.analytics).toEqual({
        enable: true,
        config_endpoint: analytics.configEndpoint,
        auth_token: analytics.authToken,
      });
    }
  });
});

// product-apim default deployment.toml [[event_handler]] userPostSelfRegistration; carbon-apimgt PR #6727.
describe('B6: control planes enable DevPortal self sign-up (userPostSelfRegistration)', () => {
  it.each(PRODUCT_VERSIONS)('%s', (product) => {
    const generated = files(shape(product));
    for (const id of cpIds)
      expect(generated.get(id)!.event_handler, id).toEqual([{ name: 'userPostSelfRegistration', subscriptions: ['POST_ADD_USER'] }]);
    for (const id of ['gw-1', 'tm-1']) expect(generated.get(id)!.event_handler, id).toBeUndefined();
    // The token-revocation listener keeps its properties after the new array of tables.
    expect(generated.get('cp-1')!.event_listener[0].properties.notification_endpoint).toBe(
      'https://cp.example.com/internal/data/v1/notify',
    );
  });
});

// docs 4.5 TM-separated include, Gateway step 3: a gateway deploys only the APIs of its gateway_labels.
describe('B7: gateways behind one load balancer that serve different labels are an error', () => {
  const environments: Settings['gatewayEnvironments'] = [
    { name: 'Default', type: 'hybrid', description: '', displayInApiConsole: true, showAsTokenEndpointUrl: true },
    { name: 'Internal', type: 'hybrid', description: '', displayInApiConsole: true, showAsTokenEndpointUrl: true },
  ];
  const labelled = (product: ProductVersion, labels: [string[], string[]]) => {
    const t = shape(product, { settings: { gatewayEnvironments: environments } });
    return {
      ...t,
      nodes: t.nodes.map((n) => (n.id === 'gw-1' ? { ...n, labels: labels[0] } : n.id === 'gw-2' ? { ...n, labels: labels[1] } : n)),
    };
  };

  it.each(PRODUCT_VERSIONS)('%s: different labels → APIM036, naming the load balancer, its members and both fixes', (product) => {
    const found = validate(labelled(product, [['Default'], ['Default', 'Internal']])).filter((d) => d.code === 'APIM036');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('error');
    expect(found[0]!.nodeIds).toEqual(['gw-lb', 'gw-1', 'gw-2']);
    expect(found[0]!.message).toContain('"Default", "Internal"');
    expect(found[0]!.fix).toMatch(/same labels.*split the cluster/);
  });

  it.each(PRODUCT_VERSIONS)('%s: the same labels in another order → no APIM036', (product) => {
    expect(
      validate(
        labelled(product, [
          ['Internal', 'Default'],
          ['Default', 'Internal'],
        ]),
      ).map((d) => d.code),
    ).not.toContain('APIM036');
  });

  it('the CLI refuses to write files for it (an error)', () => {
    const errors = generateBundle(labelled('4.5.0', [['Default'], ['Internal']])).diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code)).toContain('APIM036');
  });
});

// carbon-apimgt v9.0.174 conf_templates/…/api-manager.xml.j2 reads skip_list.local_entries.
describe('S1: the skip list writes local_entries on every version', () => {
  it.each(PRODUCT_VERSIONS)('%s', (product) => {
    const skipList = { apis: [], endpoints: [], sequences: [], localEntries: ['entry.xml'] };
    const generated = files(shape(product, { settings: { skipList } }));
    for (const id of ['gw-1', 'gw-2']) {
      expect(generated.get(id)!.apim.sync_runtime_artifacts.gateway.skip_list).toEqual({ local_entries: ['entry.xml'] });
    }
  });
});

// product-apim v4.2.0 / v4.3.0 default deployment.toml: [apim.key_manager] enable_apikey_subscription_validation = true.
describe('S2: 4.2 and 4.3 validate API keys against subscriptions', () => {
  it.each(PRODUCT_VERSIONS)('%s', (product) => {
    const generated = files(shape(product));
    const expected = product === '4.2.0' || product === '4.3.0' ? true : undefined;
    for (const id of ['gw-1', 'gw-2', ...cpIds])
      expect(generated.get(id)!.apim.key_manager.enable_apikey_subscription_validation, id).toBe(expected);
  });

  // The one distribution's default file is the All-in-One's own: alone, it is its own Key Manager and names no other.
  it.each(PRODUCT_VERSIONS)('an All-in-One alone on %s', (product) => {
    const aio = files(singleAllInOne(product)).get('aio-1')!;
    const expected = product === '4.2.0' || product === '4.3.0' ? { enable_apikey_subscription_validation: true } : undefined;
    expect(aio.apim.key_manager).toEqual(expected);
  });
});

// product-apim default deployment.toml [service_provider] sp_name_regex (PR #6317).
describe('S3: control planes allow application names with spaces (sp_name_regex)', () => {
  it.each(PRODUCT_VERSIONS)('%s', (product) => {
    const generated = files(shape(product));
    for (const id of cpIds) expect(generated.get(id)!.service_provider, id).toEqual({ sp_name_regex: '^[\\sa-zA-Z0-9._-]*$' });
  });
});

// product-apim api-control-plane/…/conf/deployment.toml [apim] gateway_type: v4.5.0 "Regular,APK,AWS", v4.6.0 adds
// Azure, Kong, Envoy, v4.7.0 APIPlatform.
const SHIPPED_GATEWAY_TYPES: Partial<Record<ProductVersion, string>> = {
  '4.5.0': 'Regular,APK,AWS',
  '4.6.0': 'Regular,APK,AWS,Azure,Kong,Envoy',
  '4.7.0': 'Regular,APK,AWS,Azure,Kong,Envoy,APIPlatform',
};
describe('S4: the API Control Plane (4.5+) offers the gateway types it ships', () => {
  it.each(PRODUCT_VERSIONS)('%s', (product) => {
    const generated = files(shape(product));
    for (const id of cpIds) expect(generated.get(id)!.apim.gateway_type, id).toBe(SHIPPED_GATEWAY_TYPES[product]);
    expect(generated.get('gw-1')!.apim.gateway_type).toBeUndefined();
  });
});

// helm-apim 4.2.x distributed/control-plane/confs/instance-1/deployment.toml and the docs 4.5 CP HA sample: [apim.devportal] url.
describe('S5: every control plane names its Developer Portal URL', () => {
  it.each(PRODUCT_VERSIONS)('%s: behind a load balancer, its host; without one, each node its own host and port', (product) => {
    const behindLb = files(shape(product));
    for (const id of cpIds) expect(behindLb.get(id)!.apim.devportal.url).toBe('https://cp.example.com/devportal');
    const bare = files(shape(product, { cpLb: false }));
    cpIds.forEach((id, i) =>
      expect(bare.get(id)!.apim.devportal.url).toBe(`https://cp${i + 1}.example.com:${9443 + CP_OFFSETS[i]!}/devportal`),
    );
  });
});

describe('defects found in review', () => {
  it('an empty list of gateway environments: the page, validate and the files agree there is none', () => {
    const t = shape('4.3.0', { settings: { gatewayEnvironments: [] } });
    expect(validate(t).filter((d) => d.code === 'APIM037')).toHaveLength(1);
    const generated = files(t);
    for (const id of cpIds) expect(generated.get(id)!.apim.gateway?.environment, id).toBeUndefined();
    expect(generated.get('gw-1')!.apim.sync_runtime_artifacts.gateway.gateway_labels).toEqual([]);
    // A topology that names no list gets the version's default, as the page shows it.
    const named = files(shape('4.3.0'));
    expect(named.get('cp-1')!.apim.gateway.environment.map((e: Toml) => e.name)).toEqual(['Default']);
  });

  it("control planes of one cluster linked to different databases each name their own, never a peer's", () => {
    const t = shape('4.2.0');
    const split: Topology = {
      ...t,
      nodes: [...t.nodes, node('database', 'db-2', { host: 'db2.example.com', engine: 'postgre', port: 5432 })],
      links: t.links.map((l) => (l.from === 'cp-3' && l.to === 'db' ? { from: 'cp-3', to: 'db-2' } : l)),
    };
    expect(validate(split).map((d) => d.code)).toContain('APIM024');
    const generated = files(split);
    expect(generated.get('cp-1')!.database.apim_db.url).toContain('db.example.com');
    expect(generated.get('cp-3')!.database.apim_db).toMatchObject({ type: 'postgre', hostname: 'db2.example.com' });
    expect(generated.get('cp-3')!.database.shared_db).toMatchObject({ type: 'postgre', hostname: 'db2.example.com' });
  });
});

describe('the runbook and the files read a credential alike', () => {
  it.each([
    ['settings.keystore.tls.password', { keystore: { tls: { password: 'secret ' } } }, 'ends with a space'],
    ['settings.superAdmin.username', { superAdmin: { username: ' admin' } }, 'starts with a space'],
    ['settings.truststore.fileName', { truststore: { fileName: 'trust\tstore.jks' } }, 'contains a tab'],
  ])('a file with %s refused, naming the field and the fix', (where, settings, problem) => {
    const result = readTopology(JSON.stringify({ format: 'apim-topology/1', product: '4.2.0', settings, nodes: [] }));
    expect(result.ok).toBe(false);
    const text = result.ok ? '' : JSON.stringify(result.errors);
    expect(text).toContain(where);
    expect(text).toContain(problem);
    expect(text).toContain('retype it');
  });

  it('a database password with a line break is refused', () => {
    const file = {
      format: 'apim-topology/1',
      product: '4.2.0',
      nodes: [{ id: 'db', kind: 'database', host: 'db.example.com', password: 'pa\nss' }],
    };
    const result = readTopology(JSON.stringify(file));
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : JSON.stringify(result.errors)).toContain('line break');
  });

  it('a topology edited on the canvas with such a value is an error (APIM039), and passwords with inner spaces are fine', () => {
    const t = shape('4.2.0');
    const withSpace = (password: string) => ({
      ...t,
      settings: { ...t.settings, keystore: { tls: { ...t.settings.keystore.tls, password } } },
    });
    expect(validate(withSpace('secret ')).filter((d) => d.code === 'APIM039')).toHaveLength(1);
    expect(validate(withSpace('two words')).map((d) => d.code)).not.toContain('APIM039');
    // With the inner space, the runbook quotes the whole value as one shell word, as the file has it.
    const runbook = generateBundle(withSpace('two words')).files.find((f) => f.path === 'README.md')!.content;
    expect(runbook).toContain("-storepass 'two words'");
  });
});
