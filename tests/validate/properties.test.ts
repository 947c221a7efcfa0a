/**
 * Properties: for any topology validate is deterministic and speaks only of real nodes with the
 * severity of its rule; and a random mutation that breaks a rule is caught, naming the nodes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ApimNode, Topology, TopologyNode } from '../../src/model/index.ts';
import { DEFAULT_PORTS, OPEN_PORTS, isApimNode } from '../../src/model/index.ts';
import type { RuleEntry as Rule } from '../../src/validate/index.ts';
import { RULES, validate } from '../../src/validate/index.ts';
import { arbitraryTopology } from '../factories.ts';

const RUNS = { numRuns: 200 };
const SEVERITY = new Map((RULES as readonly Rule[]).flatMap((r) => (r.applies === 'yes' ? [[r.code, r.severity] as const] : [])));

const replaceNode = (t: Topology, id: string, fields: Partial<Record<string, unknown>>): Topology => ({
  ...t,
  nodes: t.nodes.map((n) => (n.id === id ? ({ ...n, ...fields } as TopologyNode) : n)),
});
const apim = (t: Topology) => t.nodes.filter(isApimNode);

/** Two distinct API-M nodes of a topology, chosen by the two indices. */
const twoNodes = (t: Topology, i: number, j: number): [ApimNode, ApimNode] => {
  const nodes = apim(t);
  const a = nodes[i % nodes.length]!;
  const rest = nodes.filter((n) => n !== a);
  return [a, rest[j % rest.length]!];
};

const names = (d: { nodeIds: string[] }, ...ids: string[]) => ids.every((id) => d.nodeIds.includes(id));

describe('for any topology', () => {
  it('validate is deterministic, uses the table severity and names only real nodes', () => {
    fc.assert(
      fc.property(arbitraryTopology, (t) => {
        const diagnostics = validate(t);
        expect(validate(t)).toEqual(diagnostics);
        const ids = new Set(t.nodes.map((n) => n.id));
        for (const d of diagnostics) {
          expect(d.severity).toBe(SEVERITY.get(d.code));
          for (const id of d.nodeIds) expect(ids).toContain(id);
        }
      }),
      RUNS,
    );
  });
});

describe('a mutation that breaks a rule is caught', () => {
  it('two nodes moved onto one host with one offset: APIM017 names both and their ports', () => {
    fc.assert(
      fc.property(arbitraryTopology, fc.nat(), fc.nat(), (t, i, j) => {
        const [a, b] = twoNodes(t, i, j);
        const broken = replaceNode(t, b.id, { host: a.host, offset: a.offset });
        const found = validate(broken).filter((d) => d.code === 'APIM017' && names(d, a.id, b.id));
        expect(found).toHaveLength(1);
        expect(found[0]!.severity).toBe('error');
        expect(found[0]!.message).toContain(`${DEFAULT_PORTS.https + a.offset} (HTTPS)`);
        expect(found[0]!.message).toContain(a.host);
      }),
      RUNS,
    );
  });

  it('two nodes on a new host whose offsets make one port meet: APIM017 or APIM018 names both and the port', () => {
    fc.assert(
      fc.property(arbitraryTopology, fc.nat(), fc.nat(), fc.nat(), fc.nat(), fc.integer({ min: 0, max: 200 }), (t, i, j, p, q, base) => {
        const [a, b] = twoNodes(t, i, j);
        const portsA = OPEN_PORTS[a.kind];
        const portsB = OPEN_PORTS[b.kind];
        const pa = DEFAULT_PORTS[portsA[p % portsA.length]!];
        const pb = DEFAULT_PORTS[portsB[q % portsB.length]!];
        // a at `base`, b at the offset that puts its port pb on a's port pa.
        const offsetA = base + Math.max(0, pb - pa);
        const offsetB = offsetA + pa - pb;
        fc.pre(offsetA <= 1000 && offsetB <= 1000 && offsetB >= 0);
        const host = 'clash.example.com';
        const broken = replaceNode(replaceNode(t, a.id, { host, offset: offsetA }), b.id, { host, offset: offsetB });
        const found = validate(broken).filter((d) => (d.code === 'APIM017' || d.code === 'APIM018') && names(d, a.id, b.id));
        expect(found).toHaveLength(1);
        expect(found[0]!.severity).toBe('error');
        // The message lists the first four ports that meet; with the same offset every port does.
        const port = String(pa + offsetA);
        if (found[0]!.code === 'APIM017') expect(found[0]!.message).toContain(`${DEFAULT_PORTS.https + offsetA} (HTTPS)`);
        else expect(found[0]!.message.includes(port) || /and \d+ more/.test(found[0]!.message)).toBe(true);
      }),
      RUNS,
    );
  });

  it.each<[string, string, (t: Topology, pick: number) => { broken: Topology; nodeId?: string | undefined } | undefined]>([
    [
      'APIM004',
      "a node given another node's id",
      (t, k) => {
        const [a, b] = twoNodes(t, k, k + 1);
        return { broken: replaceNode(t, b.id, { id: a.id }), nodeId: a.id };
      },
    ],
    [
      'APIM010',
      'every link of the gateways removed',
      (t) => {
        const gateways = new Set(t.nodes.filter((n) => n.kind === 'gateway').map((n) => n.id));
        return { broken: { ...t, links: t.links.filter((l) => !gateways.has(l.from) && !gateways.has(l.to)) }, nodeId: [...gateways][0] };
      },
    ],
    [
      'APIM011',
      'a gateway labelled with an environment that does not exist',
      (t, k) => {
        const gateways = t.nodes.filter((n) => n.kind === 'gateway');
        const g = gateways[k % gateways.length]!;
        return { broken: replaceNode(t, g.id, { labels: ['No such environment'] }), nodeId: g.id };
      },
    ],
    [
      'APIM015',
      'a host with a space',
      (t, k) => {
        const a = apim(t)[k % apim(t).length]!;
        return { broken: replaceNode(t, a.id, { host: 'not a host' }), nodeId: a.id };
      },
    ],
    [
      'APIM016',
      'an offset out of range',
      (t, k) => {
        const a = apim(t)[k % apim(t).length]!;
        return { broken: replaceNode(t, a.id, { offset: 1001 + k }), nodeId: a.id };
      },
    ],
    [
      'APIM019',
      'the gateways unlinked from the traffic managers',
      (t) => {
        const tms = new Set(
          t.nodes.filter((n) => n.kind === 'traffic-manager' || (n.kind === 'load-balancer' && n.id === 'tm-lb')).map((n) => n.id),
        );
        if (![...tms].some((id) => id.startsWith('tm-') && id !== 'tm-lb')) return undefined;
        const gateways = new Set(t.nodes.filter((n) => n.kind === 'gateway').map((n) => n.id));
        return { broken: { ...t, links: t.links.filter((l) => !(gateways.has(l.from) && tms.has(l.to))) }, nodeId: [...gateways][0] };
      },
    ],
    [
      'APIM022',
      'stickiness turned off on the control-plane load balancer',
      (t) => {
        if (!t.nodes.some((n) => n.id === 'cp-lb')) return undefined;
        return { broken: replaceNode(t, 'cp-lb', { sticky: false }), nodeId: 'cp-lb' };
      },
    ],
    [
      'APIM024',
      'a control plane moved to a second database',
      (t) => {
        const cps = t.nodes.filter((n) => n.kind === 'control-plane');
        if (!t.nodes.some((n) => n.kind === 'database') || cps.length < 2) return undefined;
        const moved = cps[1]!.id;
        const second = { ...t.nodes.find((n) => n.kind === 'database')!, id: 'db-2', host: 'db2.example.com' } as TopologyNode;
        const links = t.links.filter((l) => !(l.from === moved && l.to === 'db')).concat({ from: moved, to: 'db-2' });
        return { broken: { ...t, nodes: [...t.nodes, second], links }, nodeId: moved };
      },
    ],
  ])('%s: %s', (code, _name, mutate) => {
    fc.assert(
      fc.property(arbitraryTopology, fc.nat(), (t, k) => {
        const mutation = mutate(t, k);
        fc.pre(mutation !== undefined);
        const { broken, nodeId } = mutation!;
        const found = validate(broken).filter((d) => d.code === code);
        expect(found.length).toBeGreaterThan(0);
        if (nodeId) expect(found.some((d) => d.nodeIds.includes(nodeId))).toBe(true);
      }),
      RUNS,
    );
  });
});
