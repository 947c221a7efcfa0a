/**
 * Import of files the designer never wrote (tests/fixtures/import/README.md): the docs' distributed samples for 4.0
 * and 4.5, and the kubernetes-apim 4.0 pattern-3 / pattern-4 ConfigMaps with their $env{} hosts. Each set is checked
 * for the topology it gives and for what its report says.
 */
import { describe, expect, it } from 'vitest';
import type { Topology } from '../../src/model/index.ts';
import { generateBundle } from '../../src/generate/index.ts';
import { ImportError, importFiles } from '../../src/import/index.ts';
import type { ImportReport } from '../../src/import/index.ts';
import { readSet } from './fixtures.ts';

const kinds = (t: Topology) => Object.fromEntries(t.nodes.map((n) => [n.id, n.kind]));
const linked = (t: Topology, a: string, b: string) => t.links.some((l) => (l.from === a && l.to === b) || (l.from === b && l.to === a));
const said = (notes: ImportReport[keyof ImportReport], subject: string, text: RegExp) =>
  notes.some((n) => n.subject === subject && text.test(n.message));

describe('import of files the designer never wrote', () => {
  it('docs 4.0 distributed: folders per node, an HA control plane behind one hostname, a separate Traffic Manager', () => {
    const { topology: t, report } = importFiles(readSet('docs-4.0'));
    expect(t.product).toBe('4.0.0');
    expect(said(report.guessed, 'product', /profiles/)).toBe(true);
    expect(kinds(t)).toEqual({
      'apim-lb': 'load-balancer',
      'cp-1': 'control-plane',
      'cp-2': 'control-plane',
      'gw-1': 'gateway',
      'tm-1': 'traffic-manager',
      db: 'database',
    });
    expect(t.nodes.find((n) => n.id === 'cp-1')).toMatchObject({ host: '10.1.0.11', offset: 0 });
    expect(said(report.guessed, 'apim-lb', /hostname differs from its node_ip/)).toBe(true);
    expect(linked(t, 'gw-1', 'apim-lb') && linked(t, 'gw-1', 'tm-1') && linked(t, 'tm-1', 'apim-lb')).toBe(true);
    expect(t.nodes.find((n) => n.id === 'db')).toMatchObject({
      engine: 'mysql',
      host: 'mysql.corp.example',
      apimDbName: 'am_db',
      sharedDbName: 'reg_db',
      username: 'amuser',
    });
    expect(t.settings.superAdmin).toMatchObject({ username: 'root', password: 'Root-Pass-1' });
    expect(t.settings.keystore.tls.fileName).toBe('corp.jks');
    expect(t.settings.jwt).toMatchObject({ enabled: true, encoding: 'base64url' });
    expect(t.settings.cacheInvalidation).toEqual({ enabled: true, domain: 'corp-cp' });
    expect(t.settings.gatewayEnvironments?.[0]).toMatchObject({ name: 'Production and Sandbox', description: 'Corporate gateway' });
    // The keys the designer does not model stay with their node, and come back when it is generated.
    const gw = t.nodes.find((n) => n.id === 'gw-1');
    expect(gw && 'customToml' in gw ? gw.customToml : '').toContain('[apim.cache.gateway_token]');
    expect(said(report.unplaced, 'cp-1', /apim\.devportal\.enable_application_sharing/)).toBe(true);
    expect(said(report.rewritten, 'gw-1', /apim\.key_manager\.service_url/)).toBe(true);
    expect(generateBundle(t).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('docs 4.5 distributed: loose files named after their nodes, kinds from the tables, PostgreSQL inferred style', () => {
    const { topology: t, report } = importFiles(readSet('docs-4.5'));
    expect(t.product).toBe('4.5.0');
    expect(said(report.guessed, 'product', /component distributions/)).toBe(true);
    expect(kinds(t)).toEqual({ acp: 'control-plane', 'gw-1': 'gateway', tm1: 'traffic-manager', db: 'database' });
    expect(said(report.guessed, 'acp', /gateway environments/)).toBe(true);
    expect(said(report.guessed, 'tm1', /its name "tm1"/)).toBe(true);
    expect(linked(t, 'gw-1', 'acp') && linked(t, 'gw-1', 'tm1') && linked(t, 'tm1', 'acp')).toBe(true);
    expect(t.nodes.find((n) => n.id === 'db')).toMatchObject({
      engine: 'postgre',
      port: 5432,
      apimDbName: 'apimgt',
      sharedDbName: 'shared',
    });
    expect(t.settings.superAdmin.password).toBe('$env{ADMIN_PASSWORD}');
    expect(t.settings.analytics).toMatchObject({ enabled: true, authToken: '$env{ANALYTICS_TOKEN}' });
    expect(said(report.unplaced, 'acp', /oauth\.token_renewal/)).toBe(true);
    expect(report.conflicts).toEqual([]);
    expect(generateBundle(t).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it.each([
    [
      'k8s-4.0-pattern-3',
      {
        'am-lb': 'load-balancer',
        'gw-lb': 'load-balancer',
        'wso2am-cp-1': 'control-plane',
        'wso2am-cp-2': 'control-plane',
        'wso2am-gateway': 'gateway',
        db: 'database',
      },
    ],
    [
      'k8s-4.0-pattern-4',
      {
        'am-lb': 'load-balancer',
        'gw-lb': 'load-balancer',
        'tm-lb': 'load-balancer',
        'wso2am-cp-1': 'control-plane',
        'wso2am-cp-2': 'control-plane',
        'wso2am-gateway': 'gateway',
        'wso2am-tm-1': 'traffic-manager',
        db: 'database',
      },
    ],
  ])('kubernetes-apim %s: $env{} hosts are guessed, Service names resolve to nodes and clusters', (set, expected) => {
    const { topology: t, report } = importFiles(readSet(set));
    expect(t.product).toBe('4.0.0');
    expect(kinds(t)).toEqual(expected);
    expect(said(report.guessed, 'wso2am-cp-1', /node_ip "\$env\{NODE_IP\}" is not a host name/)).toBe(true);
    expect(t.nodes.find((n) => n.id === 'wso2am-cp-1')).toMatchObject({ host: 'wso2am-cp-1.example.com' });
    expect(said(report.guessed, 'wso2am-gateway', /wso2am-cp-service .*load balancer am-lb/)).toBe(true);
    expect(linked(t, 'wso2am-gateway', 'am-lb')).toBe(true);
    if (set.endsWith('4')) expect(linked(t, 'wso2am-gateway', 'tm-lb') && linked(t, 'wso2am-tm-1', 'am-lb')).toBe(true);
    expect(t.nodes.find((n) => n.id === 'db')).toMatchObject({ host: 'wso2am-mysql-db-service', apimDbName: 'WSO2AM_DB' });
    expect(generateBundle(t).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('a Key Manager of type WSO2-IS with no IS file: an Identity Server node, its version guessed', () => {
    const cp = `[server]\nhostname = "cp.example.com"\nserver_role = "control-plane"\n\n[apim.key_manager]\ntype = "WSO2-IS"\nservice_url = "https://iam.example.com:9444/services/"\n`;
    const { topology: t, report } = importFiles([{ path: 'cp.toml', content: cp }]);
    expect(t.nodes.find((n) => n.kind === 'identity-server')).toMatchObject({
      id: 'is',
      host: 'iam.example.com',
      offset: 1,
      version: '5.11',
    });
    expect(linked(t, 'cp', 'is')).toBe(true);
    expect(said(report.guessed, 'is', /type WSO2-IS; version 5\.11 guessed/)).toBe(true);
  });

  it('reports a key inside a [[table]] the designer writes as not kept, rather than claiming it is custom TOML', () => {
    const cp = `[server]\nhostname = "cp.example.com"\nserver_role = "control-plane"\n\n[[apim.gateway.environment]]\nname = "Default"\ntype = "hybrid"\ncustom_thing = "x"\n`;
    const { topology: t, report } = importFiles([{ path: 'cp.toml', content: cp }]);
    expect(said(report.conflicts, 'cp', /apim\.gateway\.environment\[0\]\.custom_thing: .*not kept/)).toBe(true);
    expect(report.unplaced).toEqual([]);
    expect(t.nodes.find((n) => n.id === 'cp')).not.toHaveProperty('customToml');
  });

  it('reports two gateways on different Key Managers as a conflict', () => {
    const gateway = (km: string) =>
      `[server]\nhostname = "${km}-gw.example.com"\nserver_role = "gateway-worker"\n\n[apim.key_manager]\nservice_url = "https://${km}.example.com:9443/services/"\n`;
    const cp = (id: string) => `[server]\nhostname = "${id}.example.com"\nserver_role = "control-plane"\n`;
    const { report } = importFiles([
      { path: 'gw-a.toml', content: gateway('cp-a') },
      { path: 'gw-b.toml', content: gateway('cp-b') },
      { path: 'cp-a.toml', content: cp('cp-a') },
      { path: 'cp-b.toml', content: cp('cp-b') },
    ]);
    expect(said(report.conflicts, 'gateways', /different Key Managers: gw-a → cp-a, gw-b → cp-b/)).toBe(true);
  });

  it('refuses input with no deployment.toml, and skips what it cannot read, naming it', () => {
    expect(() => importFiles([{ path: 'README.md', content: '# hi' }])).toThrow(ImportError);
    const { report } = importFiles([
      { path: 'broken.toml', content: '[server\nhostname=' },
      { path: 'gw-1.toml', content: '[server]\nhostname = "gw.example.com"\nserver_role = "gateway-worker"\n' },
    ]);
    expect(said(report.skipped, 'broken.toml', /does not parse as TOML/)).toBe(true);
  });

  it('reads a server_role it does not know, even one named after what every object inherits, as no role: the file decides', () => {
    const { topology: t } = importFiles(
      ['constructor', 'toString', 'nonsense'].map((role, i) => ({
        path: `gw-${i + 1}.toml`,
        content: `[server]\nhostname = "gw-${i + 1}.example.com"\nserver_role = "${role}"\n`,
      })),
    );
    expect(kinds(t)).toEqual({ 'gw-1': 'gateway', 'gw-2': 'gateway', 'gw-3': 'gateway' });
  });
});
