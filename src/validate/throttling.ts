/**
 * Distributed throttling rules (API-M 4.6+; APIM docs 4.6.0 'Configuring Distributed Rate Limiting for an API
 * Gateway Cluster'): the throttle counters live in one Redis that the control planes and the traffic managers all
 * use, or in none. APIM043 (Redis on a version before 4.6), APIM044 (several Redis servers), APIM045 (some nodes
 * on Redis, some counting alone), APIM046 (a Redis no node uses). Redis without a password is APIM047 (hardening.ts).
 */
import type { ApimNode, Diagnostic, Topology, TopologyGraph } from '../model/index.ts';
import { buildGraph, versionFacts, versionName } from '../model/index.ts';
import { report } from './rules.ts';
import { names } from './text.ts';

/** The first version that reads `[apim.distributed_throttling]`, for messages. */
const FIRST_VERSION = '4.6.0';

export function validateThrottling(topology: Topology, graph: TopologyGraph = buildGraph(topology)): Diagnostic[] {
  const redisNodes = graph.nodesOfKind('redis');
  if (redisNodes.length === 0) return [];
  const out: Diagnostic[] = [];
  const facts = versionFacts(topology.product);

  // APIM043: 4.5 and before read none of it, so the files would say nothing about Redis.
  if (!facts.distributedThrottling) {
    for (const redis of redisNodes) {
      out.push(
        report('APIM043', {
          message: `API-M ${topology.product} has no distributed throttling: Redis ${redis.id} is read from API-M ${FIRST_VERSION}, so no file would use it and each traffic manager would count alone`,
          nodeIds: [redis.id],
          fix: `Choose API-M ${FIRST_VERSION} or later in the topology settings, or delete ${redis.id}. On API-M ${versionName(topology.product)}, link each gateway to every traffic manager instead: every one of them counts every request.`,
        }),
      );
    }
    return out;
  }

  const counting: ApimNode[] = [...graph.nodesOfKind('control-plane'), ...graph.nodesOfKind('traffic-manager')];
  /** Redis id → the nodes keeping their counters in it. */
  const users = new Map<string, string[]>();
  const alone: string[] = [];
  for (const node of counting) {
    const linked = graph.counterStoresLinked(node);
    const [first, second] = linked;
    if (first && second) {
      out.push(
        report('APIM044', {
          message: `${node.id} is linked to ${linked.length} Redis servers (${names(linked.map((r) => r.id))}), and keeps its counters only in ${first.id}`,
          nodeIds: [node.id, ...linked.map((r) => r.id)],
          fix: `Keep one link from ${node.id} to Redis: the control planes and traffic managers share one Redis (a Redis cluster or replica set behind one host).`,
        }),
      );
    }
    const store = graph.counterStoreFor(node);
    if (!store) {
      alone.push(node.id);
      continue;
    }
    const list = users.get(store.id);
    if (list) list.push(node.id);
    else users.set(store.id, [node.id]);
  }

  // APIM044: counters split between Redis servers are counted twice as loosely as one limit says.
  if (users.size > 1) {
    const split = [...users].map(([redis, ids]) => `${redis}: ${names(ids, 5)}`);
    out.push(
      report('APIM044', {
        message: `The control planes and traffic managers keep their counters in ${users.size} Redis servers (${split.join('; ')}), so no limit is counted in one place`,
        nodeIds: [...users.keys()],
        fix: 'Link every control plane and traffic manager to the same Redis, and delete the others (a Redis cluster or replica set sits behind one host).',
      }),
    );
  }

  // APIM045: with some on Redis, the gateways of those publish to one TM each while the others count alone.
  const [shared] = users.keys();
  if (shared !== undefined && alone.length > 0) {
    out.push(
      report('APIM045', {
        message: `${names(alone, 10)} ${alone.length === 1 ? 'keeps its' : 'keep their'} throttle counters alone while ${names(users.get(shared) ?? [], 5)} use Redis ${shared}: a limit is counted in part in Redis and in part on each of them`,
        nodeIds: alone,
        fix: `Link ${alone.length === 1 ? alone[0] : 'each of them'} (or a member of its cluster) to ${shared} too: WSO2 configures Redis on both the control planes and the traffic managers. Or remove every link to Redis.`,
      }),
    );
  }

  // APIM046: a Redis no node uses.
  for (const redis of redisNodes) {
    const used = [...users.keys()].includes(redis.id) || counting.some((node) => graph.counterStoresLinked(node).includes(redis));
    if (used) continue;
    out.push(
      report('APIM046', {
        message: `Redis ${redis.id} is linked to no control plane or traffic manager, so no file uses it`,
        nodeIds: [redis.id],
        fix: `Draw a link from each control plane and traffic manager to ${redis.id}, or delete it.`,
      }),
    );
  }
  return out;
}
