/**
 * The deployment.toml each chart would render from the generated values carries the same wiring as the virtual-machine
 * bundle of the same topology (issue 18): event hub, throttling, Key Manager and gateway environments, and the
 * node's own hostname.
 *
 * "Same wiring" is "who points at whom". Each URL of a VM file is resolved to what its host names: a load balancer's
 * host → that cluster, a node's host → that node. Each URL the chart renders (chartModel.ts) is resolved to what it
 * names: a release's Service → that cluster (`<fn>-service`, `<fn>-am-service`) or one of its members by instance
 * (`<fn>-N-service`, `<fn>-am-service-N` → the N-th member), a hostname one of the releases routes → that release's
 * cluster. A cluster of one node is that node. `localhost` is the file's own node. Then the targets are compared key
 * by key, instance-N's file against the N-th member's VM file (a file every pod shares against each member's).
 *
 * Allowances, each for something the charts hard-code or cannot express:
 * 1. Ports are not compared with the VM files': the charts fix 9443 / 5672 / 9611 / 9711 (the traffic manager and Key
 *    Manager charts on every branch, all charts on 4.2.x) and write `${mgt.transport.https.port}` in the all-in-one's
 *    Key Manager URL, while the VM files use each node's offset ports and the load balancers' 443. Instead a URL that
 *    names a Service must name a port that Service serves (`PORTS`), or it resolves to a target that cannot match.
 * 2. The traffic manager chart hard-codes `server.hostname = "tm.wso2.com"` (4.2.x–4.6.x; 4.7.x unless the release
 *    adds route keys its values.yaml does not have), where the VM file names the traffic managers' load balancer: it
 *    must be that literal.
 * 3. Keys the chart writes that the VM file does not: the gateway chart always writes `apim.throttling.service_url`
 *    (the VM files omit it from 4.1): it must name the cluster its throttle decisions come from. The traffic manager
 *    chart always writes `apim.key_manager.service_url` (the VM traffic manager file has none): it must name the Key
 *    Manager the VM control plane files name. With HA it also writes `apim.throttling.service_url` on its own
 *    `<fn>-service`: it must name its own cluster. The all-in-one chart always writes `apim.key_manager.service_url`
 *    on its own `<fn>-am-service` (a VM All-in-One that is its own Key Manager leaves the product default, itself):
 *    it must name its own cluster.
 * 4. The all-in-one chart writes no `[apim.event_hub]` on any branch (helm-apim 4.2.x–4.7.x all-in-one/confs): the
 *    event hub keys of a VM All-in-One file have no chart counterpart, and the chart must not invent one.
 * 5. The control plane chart writes no `[apim.throttling]` on any branch (helm-apim 4.2.x–4.7.x
 *    distributed/control-plane/confs/instance-*): the throttling keys of a VM control plane file (with HA and no
 *    separate traffic manager, `event_duplicate_url` to the other control plane) have no chart counterpart.
 */
import { describe, expect, it } from 'vitest';
import parseToml from '@iarna/toml/parse-string.js';
import { buildGraph, isApimNode } from '../../../src/model/index.ts';
import type { ApimNode, Cluster, ProductVersion, Topology, TopologyGraph } from '../../../src/model/index.ts';
import { generateBundle, generationContext } from '../../../src/generate/index.ts';
import { planReleases } from '../../../src/generate/helm/releases.ts';
import type { ExampleName } from '../../factories.ts';
import { EXAMPLE_FILES, loadExample, withKeyManagerPair } from '../../factories.ts';
import type { ChartFamily } from './chartModel.ts';
import { chartHighAvailability, chartWiring, familyOf } from './chartModel.ts';
import type { BundleRelease } from './helmBundle.ts';
import { HELM_VERSIONS, helmBundle, onPlatform } from './helmBundle.ts';
import type { Wiring } from './wiringKeys.ts';
import { ENVIRONMENT_ENDPOINTS, wiringOfToml } from './wiringKeys.ts';

/** What a URL points at: `cluster:<key>`, `node:<id>`, `self`, or `unknown:<host>`. */
type Target = string;
type Resolve = (url: string) => Target;

/** The chart's fullname helper (helm-apim `templates/**\/_helpers.tpl` `*.fullname`): without fullnameOverride. */
function fullname(release: string, chart: string): string {
  const name = release.includes(chart) ? release : `${release}-${chart}`;
  return name.slice(0, 63).replace(/-+$/, '');
}

function hostOf(url: string): string {
  const match = /^[a-z]+:\/\/([^/:]+)/.exec(url);
  return match ? match[1]! : `<not a URL: ${url}>`;
}

/** `cluster:<key>`, or the node when the cluster is one node (the VM files name it by its own host). */
function clusterTarget(cluster: Cluster): Target {
  return cluster.members.length === 1 ? `node:${cluster.members[0].id}` : `cluster:${cluster.key}`;
}

/** VM side: hosts of load balancers and nodes. */
function vmResolver(t: Topology, graph: TopologyGraph): Resolve {
  const hosts = new Map<string, Target>();
  const add = (host: string, target: Target) => {
    const known = hosts.get(host);
    if (known && known !== target) throw new Error(`host ${host} names both ${known} and ${target}: pick a topology with distinct hosts`);
    hosts.set(host, target);
  };
  for (const node of t.nodes) {
    if (isApimNode(node)) add(node.host, `node:${node.id}`);
  }
  for (const lb of graph.nodesOfKind('load-balancer')) {
    const member = t.nodes.find((n) => isApimNode(n) && graph.frontedBy(n.id)?.id === lb.id);
    if (member && isApimNode(member)) add(lb.host, clusterTarget(graph.clusterOf(member)));
  }
  return (url) => {
    const host = hostOf(url);
    return host === 'localhost' ? 'self' : (hosts.get(host) ?? `unknown:${host}`);
  };
}

/** A release of the bundle with its cluster (the plan's), chart family and rendered files. */
interface Release {
  readonly bundle: BundleRelease;
  readonly cluster: Cluster;
  readonly family: ChartFamily;
  readonly namespace: string;
  readonly ha: boolean;
}

/**
 * The ports of each chart's Services that the wiring calls (helm-apim `templates/**\/*-service.yaml` of each chart,
 * the same in 4.2.x–4.7.x): the Service in front of every pod of the control plane, traffic manager, gateway and Key
 * Manager serves 9443 (and 9763, and the gateway's API ports); an instance's Service of the control plane and traffic
 * manager, and every all-in-one Service, serve 9443, 5672, 9611 and 9711. Every chart adds `wso2.apim.portOffset`
 * from 4.3.x except the traffic manager's, whose ports are fixed.
 */
const PORTS = { all: [9443, 9763], instance: [9443, 5672, 9611, 9711], gateway: [9443, 9763, 8280, 8243, 9099, 8099, 9021, 8021] };

/**
 * Chart side: the Services each release renders and the hostnames it routes. A URL naming a Service on a port the
 * Service does not serve resolves to a target that names the port, so it cannot match the VM side.
 */
function chartResolver(releases: readonly Release[], branch: string, caller: Release): Resolve {
  const services = new Map<string, { target: Target; ports: number[] }>();
  const hostnames = new Map<string, Target>();
  const minor = Number(branch.split('.')[1]);
  for (const r of releases) {
    const fn = fullname(r.bundle.entry.release, r.bundle.chartName);
    const member = (i: number): Target =>
      r.cluster.members[i] ? `node:${r.cluster.members[i]!.id}` : `missing-member-${i + 1}:${r.cluster.key}`;
    const apim = ((r.bundle.values.wso2 ?? {}) as { apim?: { portOffset?: unknown } }).apim;
    const offset = r.family === 'traffic-manager' || minor < 3 ? 0 : Number(apim?.portOffset ?? 0);
    const service = (name: string, target: Target, ports: number[]) =>
      services.set(`${name}.${r.namespace}`, { target, ports: ports.map((p) => p + offset) });
    switch (r.family) {
      case 'control-plane':
      case 'traffic-manager':
        service(`${fn}-service`, clusterTarget(r.cluster), PORTS.all);
        service(`${fn}-1-service`, member(0), PORTS.instance);
        if (r.ha) service(`${fn}-2-service`, member(1), PORTS.instance);
        break;
      case 'gateway':
        service(`${fn}-service`, clusterTarget(r.cluster), PORTS.gateway);
        break;
      case 'key-manager':
        service(`${fn}-service`, clusterTarget(r.cluster), PORTS.all);
        break;
      case 'all-in-one':
        service(`${fn}-am-service`, clusterTarget(r.cluster), PORTS.instance);
        if (minor >= 5) {
          service(`${fn}-am-service-1`, member(0), PORTS.instance);
          if (r.ha) service(`${fn}-am-service-2`, member(1), PORTS.instance);
        }
        break;
    }
    const kubernetes = (r.bundle.values.kubernetes ?? {}) as Record<string, Record<string, { hostname?: unknown }> | undefined>;
    for (const routes of [kubernetes.ingress, kubernetes.gatewayAPI]) {
      for (const route of Object.values(routes ?? {})) {
        if (typeof route === 'object' && route !== null && typeof route.hostname === 'string') {
          hostnames.set(route.hostname, clusterTarget(r.cluster));
        }
      }
    }
  }
  return (url) => {
    const host = hostOf(url);
    if (host === 'localhost') return 'self';
    const service = services.get(`${host}.${caller.namespace}`) ?? services.get(host);
    if (!service) return hostnames.get(host) ?? `unknown:${host}`;
    const port = /^[a-z]+:\/\/[^/:]+:([^/]*)/.exec(url)?.[1];
    // The all-in-one's Key Manager URL names the server's own HTTPS port by placeholder (allowance 1).
    if (port === '${mgt.transport.https.port}' || service.ports.includes(Number(port))) return service.target;
    return `${service.target} on port "${port ?? ''}", which ${host} does not serve`;
  };
}

/** The wiring with every URL replaced by its target. */
function resolveWiring(wiring: Wiring, resolve: Resolve): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const all = (urls: readonly string[]) => urls.map(resolve);
  for (const [key, value] of Object.entries(wiring) as [keyof Wiring, Wiring[keyof Wiring]][]) {
    if (value === undefined) continue;
    if (key === 'apim.event_hub.publish.url_group') {
      out[key] = wiring[key]!.map((g) => ({ urls: all(g.urls), auth_urls: all(g.auth_urls) }));
    } else if (key === 'apim.throttling.url_group') {
      out[key] = wiring[key]!.map((g) => ({ urls: all(g.traffic_manager_urls), auth_urls: all(g.traffic_manager_auth_urls) }));
    } else if (key === 'apim.gateway.environment') {
      out[key] = wiring[key]!.map((e) => ({
        name: e.name,
        type: e.type,
        service_url: resolve(e.service_url),
        ...Object.fromEntries(ENVIRONMENT_ENDPOINTS.map((endpoint) => [endpoint, resolve(e[endpoint])])),
      }));
    } else if (key === 'server.hostname') {
      out[key] = resolve(`https://${wiring[key]!}`);
    } else if (typeof value === 'string') {
      out[key] = resolve(value);
    } else {
      out[key] = all(value as readonly string[]);
    }
  }
  return out;
}

interface Comparison {
  readonly graph: TopologyGraph;
  /** Per release, the chart's files paired with the VM files they stand for. */
  readonly pairs: { release: Release; file: string; node: ApimNode; vm: Record<string, unknown>; chart: Record<string, unknown> }[];
}

/** Compares the two bundles of `t` on `version`; `edit` changes a release's values first (to show the check bites). */
function compare(t: Topology, version: ProductVersion, edit: (r: BundleRelease) => BundleRelease = (r) => r): Comparison {
  const onVm = onPlatform(t, 'vm', version);
  const onK8s = onPlatform(t, 'kubernetes', version);
  const vm = generateBundle(onVm);
  expect(
    vm.diagnostics.filter((d) => d.severity === 'error'),
    'the VM bundle has no errors',
  ).toEqual([]);
  const helm = helmBundle(onK8s);
  expect(helm.errors, 'the Kubernetes bundle has no errors').toEqual([]);
  const graph = buildGraph(onK8s);
  const plan = planReleases(generationContext(onK8s, graph));
  const branch = `${version.split('.').slice(0, 2).join('.')}.x`;
  expect(
    helm.releases.map((r) => r.entry.release),
    'releases.json lists the planned releases',
  ).toEqual(plan.releases.map((r) => r.release));

  const releases: Release[] = helm.releases.map(edit).map((bundle) => {
    const planned = plan.releases.find((r) => r.release === bundle.entry.release)!;
    const fn = fullname(bundle.entry.release, bundle.chartName);
    return {
      bundle,
      cluster: planned.cluster,
      family: familyOf(bundle.chartName),
      namespace: bundle.entry.namespace,
      ha: chartHighAvailability({ branch, chart: bundle.chartName, values: bundle.values, fullname: fn }),
    };
  });
  const vmResolve = vmResolver(onVm, buildGraph(onVm));
  const vmFile = (node: ApimNode) => {
    const file = vm.files.find((f) => f.kind === 'deployment.toml' && f.nodeId === node.id);
    if (!file) throw new Error(`the VM bundle has no deployment.toml for ${node.id}`);
    return wiringOfToml(parseToml(file.content) as Record<string, unknown>);
  };

  const pairs: Comparison['pairs'] = [];
  for (const release of releases) {
    const fn = fullname(release.bundle.entry.release, release.bundle.chartName);
    const confs = chartWiring({ branch, chart: release.bundle.chartName, values: release.bundle.values, fullname: fn });
    const resolve = chartResolver(releases, branch, release);
    const members = release.cluster.members;
    const instanced = confs.some((c) => c.instance !== undefined);
    if (instanced) {
      // One instance per node: the chart's instance-N is the cluster's N-th member.
      expect(
        confs.map((c) => c.file),
        `${release.bundle.entry.values}: ${release.bundle.chartName} instances for ${members.map((m) => m.id).join(', ')}`,
      ).toEqual(members.map((_, i) => `confs/instance-${i + 1}/deployment.toml`));
    }
    if (release.family === 'key-manager') {
      // The Key Manager chart runs two replicas with highAvailability, one without (its deployment template).
      expect(release.ha, `${release.bundle.entry.values}: wso2.deployment.highAvailability for ${members.length} Key Manager node(s)`).toBe(
        members.length > 1,
      );
    }
    for (const [i, node] of members.entries()) {
      const conf = instanced ? confs[i] : confs[0];
      if (!conf) continue;
      const self = (target: Target) => (target === `node:${node.id}` ? 'self' : target);
      pairs.push({
        release,
        file: conf.file,
        node,
        vm: resolveWiring(vmFile(node), (url) => self(vmResolve(url))),
        chart: resolveWiring(conf.wiring, (url) => self(resolve(url))),
      });
    }
  }
  return { graph, pairs };
}

/** What the VM control planes (or All-in-One nodes) name as the Key Manager. */
function keyManagerTarget(c: Comparison): Target | undefined {
  const pair = c.pairs.find((p) => p.release.family === 'control-plane' || p.release.family === 'all-in-one');
  const target = pair?.vm['apim.key_manager.service_url'];
  return typeof target === 'string' ? (target === 'self' ? `node:${pair!.node.id}` : target) : undefined;
}

/** The cluster of the nodes a list of targets names (`node:tm-1`, `node:tm-2` → `cluster:tm-lb`). */
function clusterOfTargets(c: Comparison, targets: unknown): Target | undefined {
  if (!Array.isArray(targets) || targets.length === 0) return undefined;
  const first = String(targets[0]);
  const node = c.graph.node(first.replace(/^node:/, ''));
  return node && isApimNode(node) ? clusterTarget(c.graph.clusterOf(node)) : first;
}

function expectSameWiring(c: Comparison): void {
  const kmTarget = keyManagerTarget(c);
  for (const { release, file, node, vm, chart } of c.pairs) {
    const where = `${release.bundle.entry.values} → ${release.bundle.chartName} ${file}, against nodes/${node.id}`;
    const own = clusterTarget(release.cluster);
    const keys = [...new Set([...Object.keys(vm), ...Object.keys(chart)])].sort();
    for (const key of keys) {
      const label = `${where}: ${key}`;
      // Allowance 4: no event hub in the all-in-one chart.
      if (release.family === 'all-in-one' && key.startsWith('apim.event_hub.')) {
        expect(chart[key], label).toBeUndefined();
        continue;
      }
      // Allowance 2: the traffic manager's hostname is the chart's own.
      if (release.family === 'traffic-manager' && key === 'server.hostname') {
        expect(chart[key], label).toBe('unknown:tm.wso2.com');
        continue;
      }
      // Allowance 5: no throttling in the control plane chart.
      if (release.family === 'control-plane' && key.startsWith('apim.throttling.')) {
        expect(chart[key], label).toBeUndefined();
        continue;
      }
      if (key in vm) {
        expect(chart[key], label).toEqual(vm[key]);
        continue;
      }
      // Allowance 3: keys only the chart writes.
      if (release.family === 'gateway' && key === 'apim.throttling.service_url') {
        expect(chart[key], `${label} (the cluster of the throttle decision endpoints)`).toEqual(
          clusterOfTargets(c, vm['apim.throttling.throttle_decision_endpoints']),
        );
      } else if (release.family === 'traffic-manager' && key === 'apim.key_manager.service_url') {
        expect(chart[key], `${label} (the Key Manager the control planes name)`).toEqual(kmTarget);
      } else if (
        (release.family === 'traffic-manager' && key === 'apim.throttling.service_url') ||
        (release.family === 'all-in-one' && key === 'apim.key_manager.service_url')
      ) {
        expect(chart[key], `${label} (its own Service)`).toEqual(own === `node:${node.id}` ? 'self' : own);
      } else {
        expect.fail(`${label}: the chart renders ${JSON.stringify(chart[key])}, the VM file has no such key`);
      }
    }
  }
}

/** The cluster owned by `ownerId` (its load balancer, or its one node) in a namespace of its own (and a release name of its own for tm-lb). */
function inNamespace(ownerId: string): (t: Topology) => Topology {
  const names: Record<string, { release: string; namespace: string }> = {
    'tm-lb': { release: 'throttle', namespace: 'apim-tm' },
    'km-1': { release: 'apim-km', namespace: 'apim-km' },
  };
  return (t) => ({ ...t, nodes: t.nodes.map((n) => (n.id === ownerId ? { ...n, ...names[ownerId] } : n)) });
}

const cases: [string, ExampleName, ProductVersion, ((t: Topology) => Topology)?][] = [
  ['Pattern 3 (separate traffic managers)', 'pattern-3-distributed', '4.5.0'],
  ['Pattern 3 (separate traffic managers)', 'pattern-3-distributed', '4.7.0'],
  ['Pattern 4 (a Key Manager)', 'pattern-4-km', '4.5.0'],
  ['Pattern 4 (a Key Manager)', 'pattern-4-km', '4.7.0'],
  ['Pattern 4 with two Key Managers behind a load balancer', 'pattern-4-km', '4.7.0', withKeyManagerPair],
  // Before 4.5 a gateway throttling through the control plane hears no event hub of its own: neither file names one.
  ['HA control plane + HA gateway', 'ha-cp-gw', '4.2.0'],
  ['Pattern 2 (All-in-One HA + gateways)', 'pattern-2-aio-gw', '4.5.0'],
  [
    'Pattern 3 with the traffic managers as release "throttle" in namespace "apim-tm"',
    'pattern-3-distributed',
    '4.7.0',
    inNamespace('tm-lb'),
  ],
  ['Pattern 4 with the Key Manager in namespace "apim-km"', 'pattern-4-km', '4.5.0', inNamespace('km-1')],
];

describe('the charts render the wiring of the VM bundle', () => {
  it.each(cases)('%s (%s) on %s', (_title, name, version, change) => {
    const t = loadExample(name);
    const c = compare(change ? change(t) : t, version);
    expect(c.pairs.length).toBeGreaterThan(0);
    expectSameWiring(c);
  });
});

/** Every example on every version that both platforms generate without errors. */
const generates = (name: ExampleName, version: ProductVersion) =>
  (['vm', 'kubernetes'] as const).every(
    (platform) => !generateBundle(onPlatform(loadExample(name), platform, version)).diagnostics.some((d) => d.severity === 'error'),
  );
const sweep = HELM_VERSIONS.flatMap((version) =>
  EXAMPLE_FILES.filter((name) => generates(name, version)).map((name) => [`${name} on ${version}`, name, version] as const),
);

describe('every example renders the wiring of its VM bundle, where both platforms generate it', () => {
  it('covers most examples on every version', () => {
    expect(sweep.length).toBeGreaterThanOrEqual(30);
  });

  it.each(sweep)('%s', (_title, name, version) => {
    expectSameWiring(compare(loadExample(name), version));
  });
});

describe('the comparison', () => {
  it('resolves both sides to the same targets on Pattern 3 (4.7.0), so an equal result means equal wiring', () => {
    const c = compare(loadExample('pattern-3-distributed'), '4.7.0');
    const gateway = c.pairs.find((p) => p.node.id === 'gw-1')!;
    expect(gateway.vm['apim.event_hub.event_listening_endpoints']).toEqual(['node:cp-1', 'node:cp-2']);
    expect(gateway.vm['apim.throttling.throttle_decision_endpoints']).toEqual(['node:tm-1', 'node:tm-2']);
    expect(gateway.vm['apim.event_hub.service_url']).toBe('cluster:cp-lb');
    const cp2 = c.pairs.find((p) => p.node.id === 'cp-2')!;
    expect(cp2.file).toBe('confs/instance-2/deployment.toml');
    expect(cp2.vm['apim.event_hub.event_duplicate_url']).toEqual(['node:cp-1']);
  });

  it('bites: a gateway whose values name the wrong traffic manager instance fails', () => {
    const c = compare(loadExample('pattern-3-distributed'), '4.7.0');
    const gateway = c.pairs.find((p) => p.node.id === 'gw-1')!;
    const swapped = {
      ...c,
      pairs: [
        {
          ...gateway,
          chart: { ...gateway.chart, 'apim.throttling.throttle_decision_endpoints': ['node:tm-2', 'node:tm-1'] },
        },
      ],
    };
    expect(() => expectSameWiring(swapped)).toThrow(/apim\.throttling\.throttle_decision_endpoints/);
    const lost = { ...c, pairs: [{ ...gateway, chart: { ...gateway.chart, 'apim.event_hub.service_url': undefined } }] };
    expect(() => expectSameWiring(lost)).toThrow(/apim\.event_hub\.service_url/);
  });

  it('bites: a Service named on a port it does not serve fails (the event hub on the all-pods Service)', () => {
    const edit = (r: BundleRelease): BundleRelease => {
      if (r.chartName !== 'wso2am-universal-gw') return r;
      const wso2 = r.values.wso2 as { apim: { configurations: { eventhub: { serviceUrl: string; urls: string[] } } } };
      const eventhub = wso2.apim.configurations.eventhub;
      const spoiled = structuredClone(r.values) as typeof r.values & { wso2: typeof wso2 };
      spoiled.wso2.apim.configurations.eventhub.urls = [eventhub.serviceUrl];
      return { ...r, values: spoiled };
    };
    const c = compare(loadExample('pattern-3-distributed'), '4.7.0', edit);
    expect(() => expectSameWiring(c)).toThrow(/event_listening_endpoints/);
    const gateway = c.pairs.find((p) => p.node.id === 'gw-1')!;
    expect(gateway.chart['apim.event_hub.event_listening_endpoints']).toEqual([
      'cluster:cp-lb on port "5672", which apim-acp-wso2am-acp-service does not serve',
    ]);
  });
});
