/**
 * What a first open shows: a deployment that works, so the product is seen working at once. Two
 * control planes behind a load balancer with sticky sessions, two gateways behind their own, and a
 * database they share, on the newest API-M version (with its internal encryption key read from an environment variable).
 */
import type { Topology } from '../model/index.ts';
import { addNode, connect, emptyTopology, versionFacts } from '../model/index.ts';

/** The sample's internal encryption key: a reference, set on each node (the runbook says how). */
export const SAMPLE_ENCRYPTION_KEY = '$env{WSO2_ENCRYPTION_KEY}';

const LAYOUT = [
  ['load-balancer', 'gw-lb', 80, 0],
  ['gateway', 'gw-1', 0, 160],
  ['gateway', 'gw-2', 220, 160],
  ['load-balancer', 'cp-lb', 560, 0],
  ['control-plane', 'cp-1', 480, 160],
  ['control-plane', 'cp-2', 700, 160],
  ['traffic-manager', 'tm-1', 240, 340],
  ['database', 'db', 600, 340],
] as const;

const LINKS = [
  ['gw-lb', 'gw-1'],
  ['gw-lb', 'gw-2'],
  ['cp-lb', 'cp-1'],
  ['cp-lb', 'cp-2'],
  ['gw-1', 'cp-lb'],
  ['gw-2', 'cp-lb'],
  ['gw-1', 'tm-1'],
  ['gw-2', 'tm-1'],
  ['tm-1', 'cp-lb'],
  ['cp-1', 'db'],
  ['cp-2', 'db'],
] as const;

export function sampleTopology(): Topology {
  let topology = emptyTopology(undefined, 'HA control plane and gateways');
  if (versionFacts(topology.product).internalEncryptionKey) {
    // 4.7+ needs one internal encryption key on every node (APIM042). The sample names an environment variable, as
    // helm-apim 4.7.x does with an existing secret (WSO2_ENCRYPTION_KEY): it holds no secret, and its runbook says
    // how to make the key and set the variable.
    topology = { ...topology, settings: { ...topology.settings, encryptionKey: SAMPLE_ENCRYPTION_KEY } };
  }
  for (const [kind, id, x, y] of LAYOUT) topology = addNode(topology, kind, { id, position: { x, y } }).topology;
  for (const [from, to] of LINKS) {
    const result = connect(topology, from, to);
    if (!result.ok) throw new Error(`sample topology: ${result.reason}`);
    topology = result.topology;
  }
  return topology;
}
