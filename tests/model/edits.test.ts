import { describe, expect, it } from 'vitest';
import type { DatabaseNode, Topology } from '../../src/model/index.ts';
import {
  addClusterMember,
  addNode,
  connect,
  copyFragment,
  duplicateNodes,
  emptyTopology,
  freeOffset,
  nextId,
  pasteFragment,
  removeNodes,
  setDatabaseEngine,
  updateNode,
  withEngine,
} from '../../src/model/index.ts';
import { node, topology } from '../factories.ts';

describe('edits', () => {
  it('gives new nodes unique ids and default hosts', () => {
    let t = emptyTopology();
    const first = addNode(t, 'gateway');
    t = first.topology;
    const second = addNode(t, 'gateway');
    expect([first.id, second.id]).toEqual(['gw-1', 'gw-2']);
    expect(second.topology.nodes[1]).toMatchObject({ host: 'gw-2.example.com', offset: 0, label: 'gw-2' });
  });

  it('gives a node added on a host in use a free offset', () => {
    const t = topology([node('gateway', 'gw-1', { host: 'box', offset: 0 }), node('control-plane', 'cp-1', { host: 'box', offset: 1 })]);
    expect(freeOffset(t, 'box')).toBe(2);
    const added = addNode(t, 'traffic-manager', { host: 'box' });
    expect(added.topology.nodes[2]).toMatchObject({ host: 'box', offset: 2 });
  });

  it('does not mutate its input', () => {
    const t = topology([node('gateway', 'gw-1')]);
    const copy = structuredClone(t);
    addNode(t, 'gateway');
    updateNode(t, 'gw-1', { host: 'x.example.com' });
    removeNodes(t, ['gw-1']);
    expect(t).toEqual(copy);
  });

  it('removes a node with its links', () => {
    const t = topology([node('gateway', 'gw-1'), node('control-plane', 'cp-1')], [['gw-1', 'cp-1']]);
    const next = removeNodes(t, ['cp-1']);
    expect(next.nodes.map((n) => n.id)).toEqual(['gw-1']);
    expect(next.links).toEqual([]);
  });

  it('renames a node and carries its links along, refusing a taken id', () => {
    const t = topology([node('gateway', 'gw-1'), node('control-plane', 'cp-1')], [['gw-1', 'cp-1']]);
    const renamed = updateNode(t, 'gw-1', { id: 'edge-1' });
    expect(renamed.links).toEqual([{ from: 'edge-1', to: 'cp-1' }]);
    expect(updateNode(t, 'gw-1', { id: 'cp-1' })).toBe(t);
  });

  it('connects allowed pairs and says why it refuses others', () => {
    const t = topology([node('gateway', 'gw-1'), node('gateway', 'gw-2'), node('control-plane', 'cp-1')]);
    const ok = connect(t, 'gw-1', 'cp-1');
    expect(ok.ok && ok.topology.links).toEqual([{ from: 'gw-1', to: 'cp-1' }]);
    expect(connect(t, 'gw-1', 'gw-2')).toEqual({ ok: false, reason: expect.stringContaining('A gateway cannot connect to a gateway') });
    if (ok.ok) expect(connect(ok.topology, 'cp-1', 'gw-1')).toEqual({ ok: false, reason: 'cp-1 and gw-1 are already connected' });
  });

  it('numbers ids past the ones taken', () => {
    const t = topology([node('gateway', 'gw-1'), node('gateway', 'gw-3')]);
    expect(nextId(t, 'gateway')).toBe('gw-2');
    expect(nextId(t, 'database')).toBe('db-1');
  });
});

describe("changing a database's engine", () => {
  const db = (fields: Partial<DatabaseNode> = {}) => node('database', 'db', fields) as DatabaseNode;

  it.each<[string, Partial<DatabaseNode>, DatabaseNode['engine'], Partial<DatabaseNode>]>([
    ["the old engine's default port follows the engine", { engine: 'mysql', port: 3306 }, 'postgre', { engine: 'postgre', port: 5432 }],
    ['a port set by hand stays', { engine: 'mysql', port: 3307 }, 'oracle', { engine: 'oracle', port: 3307 }],
    ['back to MySQL, its default port', { engine: 'mssql', port: 1433 }, 'mysql', { engine: 'mysql', port: 3306 }],
  ])('%s', (_name, fields, engine, expected) => {
    expect(withEngine(db(fields), engine)).toMatchObject(expected);
  });

  it('the MySQL version goes with MySQL', () => {
    const next = withEngine(db({ mysqlVersion: '5.7' }), 'db2');
    expect('mysqlVersion' in next).toBe(false);
    expect(next).toMatchObject({ engine: 'db2', port: 50000 });
  });

  it('the same engine, another kind or an unknown id change nothing', () => {
    const t = topology([db(), node('gateway', 'gw-1')]);
    expect(setDatabaseEngine(t, 'db', 'mysql')).toBe(t);
    expect(setDatabaseEngine(t, 'gw-1', 'postgre')).toBe(t);
    expect(setDatabaseEngine(t, 'nope', 'postgre')).toBe(t);
  });

  it('changes only that node, without mutating its input', () => {
    const t = topology([db(), node('gateway', 'gw-1')]);
    const copy = structuredClone(t);
    const next = setDatabaseEngine(t, 'db', 'postgre');
    expect(t).toEqual(copy);
    expect(next.nodes[0]).toMatchObject({ engine: 'postgre', port: 5432 });
    expect(next.nodes[1]).toBe(t.nodes[1]);
  });
});

describe('copies of a gateway with its own Gateway ID', () => {
  // A gateway_id names one gateway (carbon-apimgt v9.32.147 GatewayNotifier): a copy derives its own from its node id.
  const t = topology([node('gateway', 'gw-1', { gatewayId: 'edge_01' }), node('load-balancer', 'gw-lb')], [['gw-lb', 'gw-1']], '4.7.0');

  it.each([
    ['duplicate', () => duplicateNodes(t, ['gw-1']).topology],
    ['add member', () => (addClusterMember(t, 'gw-lb') as { topology: Topology }).topology],
    ['copy and paste', () => pasteFragment(t, copyFragment(t, ['gw-1']), { x: 40, y: 40 }).topology],
  ])('%s: the copy has none, the original keeps it', (_name, edit) => {
    const [original, copy] = edit().nodes.filter((n) => n.kind === 'gateway');
    expect(original).toMatchObject({ id: 'gw-1', gatewayId: 'edge_01' });
    expect(copy!.id).toBe('gw-2');
    expect(copy).not.toHaveProperty('gatewayId');
  });
});
