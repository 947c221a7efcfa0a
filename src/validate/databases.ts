/**
 * Database rules (APIM docs 'Installing and Configuring the Databases'; 'Changing to MySQL': do the changes in all
 * the API-M components): the control planes — and the traffic managers that use
 * an external database — must share one apim_db and one shared_db, and a topology of several nodes
 * should not keep the control plane's data in embedded H2, which no other node can reach.
 */
import type { ApimNode, Diagnostic, LogicalDatabase, Topology, TopologyGraph } from '../model/index.ts';
import { KIND_NAMES, LOGICAL_DATABASES, buildGraph, isApimNode } from '../model/index.ts';
import { report } from './rules.ts';
import { names } from './text.ts';

/**
 * APIM024: per logical database, the servers the control planes use (each one on H2 has its own) and
 * the external servers the traffic managers use must be one. A separate TM on H2 is allowed
 * (docs-apim#6977), a gateway uses shared_db only for multi-tenancy (APIM docs 'API-M Distributed Deployment -
 * Overview', 'Databases used by …'), so neither counts.
 * Returns who uses what, or undefined when they agree.
 */
function splitDatabase(db: LogicalDatabase, controlPlanes: ApimNode[], trafficManagers: ApimNode[], graph: TopologyGraph) {
  const users = new Map<string, string[]>();
  const use = (key: string, node: ApimNode) => {
    const list = users.get(key);
    if (list) list.push(node.id);
    else users.set(key, [node.id]);
  };
  for (const node of controlPlanes) use(graph.databaseFor(node, db)?.id ?? `\u0000${node.id}`, node);
  for (const node of trafficManagers) {
    const server = graph.databaseFor(node, db);
    if (server) use(server.id, node);
  }
  if (users.size < 2) return undefined;
  const parts = [...users].map(([key, ids]) =>
    key.startsWith('\u0000') ? `${ids[0]} uses its embedded H2` : `${names(ids)} ${ids.length > 1 ? 'use' : 'uses'} ${key}`,
  );
  return { summary: parts.join('; '), nodes: [...users.values()].flat() };
}

export function validateDatabases(topology: Topology, graph: TopologyGraph = buildGraph(topology)): Diagnostic[] {
  const out: Diagnostic[] = [];
  // An All-in-One keeps the same data as a control plane (APIM docs 4.5.0 'Simple Scalable Setup': apim_db and
  // shared_db on every All-in-One node, shared).
  const controlPlanes: ApimNode[] = [...graph.nodesOfKind('control-plane'), ...graph.nodesOfKind('all-in-one')];
  const trafficManagers = graph.nodesOfKind('traffic-manager');
  const flagged = new Set<LogicalDatabase>();
  // One diagnostic per distinct split: usually apim_db and shared_db are split the same way.
  const splits = new Map<string, { dbs: LogicalDatabase[]; nodes: string[] }>();
  for (const db of LOGICAL_DATABASES) {
    // A Key Manager uses the control planes' two databases (APIM docs 'Distributed Deployment with Key Manager
    // Separated'): it counts as one of them.
    const split = splitDatabase(db, [...controlPlanes, ...graph.nodesOfKind('key-manager')], trafficManagers, graph);
    if (!split) continue;
    flagged.add(db);
    const same = splits.get(split.summary);
    if (same) same.dbs.push(db);
    else splits.set(split.summary, { dbs: [db], nodes: split.nodes });
  }
  for (const [summary, { dbs, nodes }] of splits) {
    const what = names(dbs);
    out.push(
      report('APIM024', {
        message: `${names(nodes)} do not share one ${what}: ${summary}. What one node stores, the others do not see`,
        nodeIds: nodes,
        fix: `Link ${names(nodes)} to the same database server holding ${what} (a database node with ${dbs.length > 1 ? 'both' : what} in its databases).`,
      }),
    );
  }

  // APIM025: several API-M nodes, and a control plane on H2 (not already reported as APIM024).
  let apimNodes = 0;
  for (const node of topology.nodes) if (isApimNode(node) && ++apimNodes > 1) break;
  if (apimNodes < 2) return out;
  const noDatabase = graph.nodesOfKind('database').length === 0;
  for (const node of controlPlanes) {
    const onH2 = LOGICAL_DATABASES.filter((db) => !flagged.has(db) && !graph.databaseFor(node, db));
    if (onH2.length === 0) continue;
    out.push(
      report('APIM025', {
        message: `${KIND_NAMES[node.kind]} ${node.id} keeps ${onH2.join(' and ')} in its embedded H2 database${noDatabase ? ' (the topology has no database)' : ''}: fine for a trial, but H2 cannot be shared between nodes`,
        nodeIds: [node.id],
        fix: noDatabase
          ? `Add a database node (MySQL, PostgreSQL, …) and link ${node.id} and the traffic managers to it.`
          : `Link ${node.id} to a database node holding ${onH2.join(' and ')}.`,
      }),
    );
  }
  return out;
}
