/**
 * The runbook's commands name only hosts and ports that exist in the topology: every host:port, URL,
 * `nc` / database client target and certificate name in the README's code blocks is checked against the
 * nodes' hosts and their computed ports (default + offset), the load balancers' listeners and the
 * database ports.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Topology } from '../../src/model/index.ts';
import { DEFAULT_PORTS, buildGraph, isApimNode, portOf } from '../../src/model/index.ts';
import type { PortName } from '../../src/model/index.ts';
import { generateBundle } from '../../src/generate/index.ts';
import { openPorts } from '../../src/validate/index.ts';
import { EXAMPLE_FILES, arbitraryTopology, loadExample, node, topology } from '../factories.ts';

interface Mention {
  host: string;
  port?: number | undefined;
  line: string;
}

/** The lines inside fenced code blocks (indented fences included). */
export function codeLines(markdown: string): string[] {
  const lines: string[] = [];
  let inside = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*```/.test(line)) inside = !inside;
    else if (inside) lines.push(line.trim());
  }
  return lines;
}

const DEFAULT_SCHEME_PORT: Record<string, number> = { http: 80, https: 443, ws: 80, wss: 443 };

/** Every host (and port, where the command names one) a line of shell names. */
export function mentions(line: string): Mention[] {
  const found: Mention[] = [];
  const add = (host: string, port: string | number | undefined) =>
    found.push({ host: host.replace(/^'|'$/g, ''), port: port === undefined ? undefined : Number(port), line });
  for (const m of line.matchAll(/\b([a-z]+):\/\/([^/\s:'"]+)(?::(\d+))?/gi)) {
    const scheme = m[1]!.toLowerCase();
    add(m[2]!, m[3] ?? DEFAULT_SCHEME_PORT[scheme]);
  }
  for (const m of line.matchAll(/@\/\/([^/\s:'"]+):(\d+)/g)) add(m[1]!, m[2]);
  for (const m of line.matchAll(/(?:^|\s)-h '?([^\s']+)'? -[pP] (\d+)/g)) add(m[1]!, m[2]);
  for (const m of line.matchAll(/(?:^|\s)-S '?([^\s,']+),(\d+)'?/g)) add(m[1]!, m[2]);
  for (const m of line.matchAll(/\bnc -zv? '?([^\s']+)'? (\d+)/g)) add(m[1]!, m[2]);
  for (const m of line.matchAll(/\b(?:dns|ip|DNS|IP):([A-Za-z0-9.-]+)/g)) add(m[1]!, undefined);
  for (const m of line.matchAll(/\bCN=([A-Za-z0-9.-]+)/g)) add(m[1]!, undefined);
  for (const m of line.matchAll(/<IP of ([^>]+)> (\S+)/g)) add(m[2]!, undefined);
  return found;
}

/** host → the ports something listens on there. */
function portsByHost(t: Topology): Map<string, Set<number>> {
  const graph = buildGraph(t);
  const ports = new Map<string, Set<number>>([['localhost', new Set()]]);
  const at = (host: string) => ports.get(host) ?? ports.set(host, new Set()).get(host)!;
  for (const n of t.nodes) {
    const set = at(n.host);
    if (isApimNode(n)) for (const name of Object.keys(DEFAULT_PORTS) as PortName[]) set.add(portOf(n, name));
    else if (n.kind === 'database' || n.kind === 'redis') set.add(n.port);
    else if (n.kind === 'identity-server') for (const open of openPorts(n, graph)) set.add(open.port);
    else {
      // A load balancer: HTTPS 443 and 80; in front of gateways also the ports the environment advertises.
      [80, 443].forEach((p) => set.add(p));
      if (graph.frontedKind(n.id) === 'gateway') [9443, 9099, 8099, 9021, 8021].forEach((p) => set.add(p));
      // In front of All-in-One nodes: the gateway's own API ports, which the environment advertises on the LB.
      if (graph.frontedKind(n.id) === 'all-in-one') [8280, 8243, 9099, 8099, 9021, 8021].forEach((p) => set.add(p));
    }
  }
  return ports;
}

function unknownMentions(t: Topology): string[] {
  const readme = generateBundle(t).files.find((f) => f.path === 'README.md')!.content;
  const ports = portsByHost(t);
  const problems: string[] = [];
  for (const line of codeLines(readme)) {
    for (const mention of mentions(line)) {
      const known = ports.get(mention.host);
      if (!known) problems.push(`unknown host ${mention.host} in: ${line}`);
      else if (mention.port !== undefined && !known.has(mention.port))
        problems.push(`nothing listens on ${mention.host}:${mention.port} in: ${line}`);
    }
  }
  return problems;
}

describe('the runbook names only hosts and ports of the topology', () => {
  it('finds hosts and ports in the forms the runbook writes them', () => {
    expect(mentions(`curl -k https://cp1.example.com:9446/services/Version`)).toMatchObject([{ host: 'cp1.example.com', port: 9446 }]);
    expect(mentions(`curl -s http://cp.example.com/`)).toMatchObject([{ host: 'cp.example.com', port: 80 }]);
    expect(mentions(`nc -zv tm1.example.com 5675`)).toMatchObject([{ host: 'tm1.example.com', port: 5675 }]);
    expect(mentions(`mysql -h db.example.com -P 3306 -u root -p`)).toMatchObject([{ host: 'db.example.com', port: 3306 }]);
    expect(mentions(`sqlcmd -S db.example.com,1433 -U sa`)).toMatchObject([{ host: 'db.example.com', port: 1433 }]);
    expect(mentions(`sqlplus wso2carbon@//db.example.com:1521/apim_db @x.sql`)).toMatchObject([{ host: 'db.example.com', port: 1521 }]);
    expect(mentions(`-ext SAN=dns:a.example.com,ip:10.0.0.5,dns:localhost`).map((m) => m.host)).toEqual([
      'a.example.com',
      '10.0.0.5',
      'localhost',
    ]);
  });

  it('reports a port nothing listens on and a host that is not in the topology', () => {
    const t = topology([node('control-plane', 'cp-1', { host: 'cp1.example.com', offset: 3 })]);
    const ports = portsByHost(t);
    expect(ports.get('cp1.example.com')?.has(9446)).toBe(true);
    expect(ports.get('cp1.example.com')?.has(9443)).toBe(false);
    expect(ports.get('evil.example.com')).toBeUndefined();
  });

  it.each(EXAMPLE_FILES)('in the example %s', (name) => {
    const t = loadExample(name);
    expect(unknownMentions(t)).toEqual([]);
    // And it does check something: every API-M node is named in a command with a port.
    const named = new Set(
      codeLines(generateBundle(t).files.find((f) => f.path === 'README.md')!.content)
        .flatMap(mentions)
        .filter((m) => m.port)
        .map((m) => m.host),
    );
    for (const n of t.nodes) if (isApimNode(n)) expect(named, n.id).toContain(n.host);
  });

  it('in random topologies (shared hosts, offsets, every version and database engine)', () => {
    fc.assert(
      fc.property(arbitraryTopology, (t) => {
        expect(unknownMentions(t)).toEqual([]);
      }),
      { numRuns: 120 },
    );
  });

  it('with offsets, IP hosts and a separate primary keystore', () => {
    const base = topology(
      [
        node('load-balancer', 'cp-lb', { host: 'cp.example.com' }),
        node('control-plane', 'cp-1', { host: 'one.example.com', offset: 3 }),
        node('control-plane', 'cp-2', { host: '10.0.0.5', offset: 0 }),
        node('traffic-manager', 'tm-1', { host: 'one.example.com', offset: 4 }),
        node('gateway', 'gw-1', { host: 'one.example.com', offset: 5 }),
        node('database', 'db', { host: 'db.example.com', engine: 'oracle', port: 1522 }),
      ],
      [
        ['cp-lb', 'cp-1'],
        ['cp-lb', 'cp-2'],
        ['gw-1', 'cp-lb'],
        ['gw-1', 'tm-1'],
        ['tm-1', 'cp-lb'],
        ['cp-1', 'db'],
        ['cp-2', 'db'],
        ['tm-1', 'db'],
      ],
      '4.2.0',
    );
    const t: Topology = {
      ...base,
      settings: {
        ...base.settings,
        keystore: {
          ...base.settings.keystore,
          primary: { fileName: 'primary.jks', type: 'PKCS12', password: 'p', alias: 'signing', keyPassword: 'p' },
        },
      },
    };
    expect(unknownMentions(t)).toEqual([]);
    const readme = generateBundle(t).files.find((f) => f.path === 'README.md')!.content;
    expect(readme).toContain('curl -k https://one.example.com:9446/services/Version');
    expect(readme).toContain('nc -zv one.example.com 5676');
    expect(readme).toContain('nc -zv one.example.com 8285');
    expect(readme).toContain('-keystore cp-1/wso2carbon.jks');
    expect(readme).toContain('SAN=dns:one.example.com,dns:cp.example.com,dns:localhost');
    expect(readme).toContain('SAN=ip:10.0.0.5,dns:cp.example.com,dns:localhost');
    expect(readme).toContain('sqlplus wso2carbon@//db.example.com:1522/apim_db');
  });
});

describe('the runbook', () => {
  it("lists the hosts file's lines under Host names, or says there is none to add when every node has an IP address", () => {
    const named = generateBundle(loadExample('separate-tm-ha'));
    const block = (readme: string) => readme.slice(readme.indexOf('### Host names'), readme.indexOf('### Certificates'));
    const hostsBody = named.files
      .find((f) => f.path === 'hosts')!
      .content.split('\n\n')[1]!
      .trimEnd();
    expect(block(named.files.find((f) => f.path === 'README.md')!.content)).toContain(`\`\`\`text\n${hostsBody}\n\`\`\``);
    const byIp = topology(
      [node('control-plane', 'cp-1', { host: '10.0.0.5' }), node('gateway', 'gw-1', { host: '10.0.0.6' })],
      [['gw-1', 'cp-1']],
    );
    const readme = block(generateBundle(byIp).files.find((f) => f.path === 'README.md')!.content);
    expect(readme).toContain('```text\n# Every node is addressed by its IP address: no host name to add.\n```');
    expect(readme).not.toContain('/etc/hosts lines for topology');
  });

  it('lists every file of the bundle and says where each nginx.conf goes', () => {
    const bundle = generateBundle(loadExample('separate-tm-ha'));
    const readme = bundle.files.find((f) => f.path === 'README.md')!.content;
    for (const file of bundle.files)
      if (file.kind === 'deployment.toml' || file.kind === 'nginx.conf') expect(readme).toContain(`\`${file.path}\``);
    for (const id of ['gw-lb', 'cp-lb', 'tm-lb']) expect(readme).toContain(`cp load-balancers/${id}/nginx.conf /etc/nginx/nginx.conf`);
    expect(readme).toContain('nginx -t');
    expect(readme).toContain('nginx -s reload');
  });

  it('goes databases, load balancers, control planes, traffic managers, gateways, then the end-to-end checks', () => {
    const readme = generateBundle(loadExample('separate-tm-ha')).files.find((f) => f.path === 'README.md')!.content;
    const steps = [...readme.matchAll(/^### \d+\. (.*)$/gm)].map((m) => m[1]);
    expect(steps).toEqual([
      'Databases',
      'Load balancers',
      'Control planes',
      'Traffic managers',
      'Gateways',
      'Check through the load balancers',
    ]);
  });

  it('keeps user text in keytool and database commands one shell word', () => {
    const base = topology(
      [node('control-plane', 'cp-1'), node('database', 'db', { username: "x'; rm -rf / #", apimDbName: 'a b' })],
      [['cp-1', 'db']],
    );
    const t: Topology = {
      ...base,
      settings: { ...base.settings, keystore: { tls: { ...base.settings.keystore.tls, password: 'pa ss$(reboot)' } } },
    };
    const readme = generateBundle(t).files.find((f) => f.path === 'README.md')!.content;
    expect(readme).toContain(`-storepass 'pa ss$(reboot)'`);
    expect(readme).toContain(`-u 'x'\\''; rm -rf / #' -p 'a b'`);
    // No CREATE DATABASE for a name that is not a plain SQL identifier.
    expect(readme).not.toContain('CREATE DATABASE a b');
  });
});

describe("the runbook's database step", () => {
  const dbCommands = (engine: string, extra: Record<string, unknown> = {}) => {
    const t = topology(
      [
        node('control-plane', 'cp-1'),
        node('database', 'db', { host: 'db.example.com', engine, port: 5000, password: 'S3cret-DB', ...extra }),
      ],
      [['cp-1', 'db']],
    );
    const readme = generateBundle(t).files.find((f) => f.path === 'README.md')?.content ?? '';
    const start = readme.indexOf('. Databases');
    const section = readme.slice(start, readme.indexOf('\n### ', start));
    return { section, commands: codeLines(section), readme };
  };
  const index = (commands: string[], text: string) => commands.findIndex((c) => c.includes(text));

  it.each([
    [
      'mysql',
      "CREATE USER IF NOT EXISTS 'wso2carbon'@'%' IDENTIFIED BY '$DB_PASSWORD';",
      'CREATE DATABASE apim_db',
      "GRANT ALL PRIVILEGES ON apim_db.* TO 'wso2carbon'@'%';",
    ],
    [
      'postgre',
      `CREATE ROLE \\"wso2carbon\\" LOGIN PASSWORD '$DB_PASSWORD';`,
      'createdb -h db.example.com -p 5000 -U postgres -O wso2carbon apim_db',
      'createdb',
    ],
    [
      'mssql',
      "CREATE LOGIN [wso2carbon] WITH PASSWORD = N'$DB_PASSWORD'",
      'CREATE DATABASE apim_db',
      'CREATE USER [wso2carbon] FOR LOGIN [wso2carbon]; ALTER ROLE db_owner ADD MEMBER [wso2carbon]',
    ],
  ])('on %s creates the user, then the databases it owns, before the scripts load as that user', (engine, user, create, own) => {
    const { commands, readme } = dbCommands(engine);
    const read = index(commands, 'read -rs DB_PASSWORD');
    expect(read).toBe(0);
    expect(index(commands, user)).toBe(1);
    expect(index(commands, create)).toBeGreaterThan(1);
    expect(index(commands, own)).toBeGreaterThanOrEqual(index(commands, create));
    const load = commands.findIndex((c) => c.includes('dbscripts'));
    expect(load).toBeGreaterThan(Math.max(index(commands, create), index(commands, own)));
    // The password is typed at the prompt: it is in no command of the runbook.
    expect(readme).not.toContain('S3cret-DB');
    // Each of the user's databases: created, and owned by the user.
    for (const name of ['apim_db', 'shared_db']) expect(commands.filter((c) => c.includes(name)).length).toBeGreaterThanOrEqual(2);
  });

  it.each(['oracle', 'db2'])('on %s leaves the user to the DBA, with no password prompt', (engine) => {
    const { commands } = dbCommands(engine);
    expect(commands.some((c) => c.includes('DB_PASSWORD'))).toBe(false);
  });

  it.each([
    ['a user name that is not a plain identifier', { username: "x'; DROP USER root; --" }],
    ['a database name that is not a plain identifier', { apimDbName: 'apim-db' }],
  ])('creates no user for %s, and says what to do instead', (_what, extra) => {
    for (const engine of ['mysql', 'postgre', 'mssql']) {
      const { section, commands } = dbCommands(engine, extra);
      expect(commands.some((c) => c.includes('DB_PASSWORD') || /CREATE (USER|ROLE|LOGIN)|GRANT/.test(c))).toBe(false);
      expect(section).toContain('is not a plain SQL identifier');
    }
  });
});

describe("the runbook's database step when the nodes connect as the administrator", () => {
  it.each([
    ['mysql', 'root'],
    ['postgre', 'postgres'],
    ['mssql', 'sa'],
  ])('on %s (%s) creates no user and says a user of their own is safer', (engine, admin) => {
    const t = topology(
      [node('control-plane', 'cp-1'), node('database', 'db', { host: 'db.example.com', engine, port: 5000, username: admin })],
      [['cp-1', 'db']],
    );
    const readme = generateBundle(t).files.find((f) => f.path === 'README.md')?.content ?? '';
    const section = readme.slice(readme.indexOf('. Databases'), readme.indexOf('. Load balancers'));
    expect(codeLines(section).some((c) => c.includes('DB_PASSWORD') || /CREATE (USER|ROLE|LOGIN)|GRANT/.test(c))).toBe(false);
    expect(section).toContain(`the nodes connect as \`${admin}\``);
    expect(section).toContain('A user of their own');
  });
});
