/**
 * Version rules: what the chosen API-M version runs and reads (APIM docs 4.5.0 'API-M Distributed Deployment -
 * Overview'; APIM docs analytics guides per type): APIM026 (4.5+
 * without a traffic manager), APIM027 (a setting the version does not read or has deprecated: an analytics
 * type it does not publish, a Gateway ID, a Moesif base URL, an encryption key), APIM028 (analytics without its
 * key), APIM041 (two gateways with one gateway_id), APIM042 (4.7 without an internal encryption key), APIM048 (a key AES
 * cannot use). The facts come
 * from `model/versions.ts`; this module never compares version strings itself.
 */
import type { AllInOneNode, Diagnostic, GatewayNode, Topology, TopologyGraph } from '../model/index.ts';
import {
  ANALYTICS_TYPES,
  SECRET_PLACEHOLDER,
  analyticsTypeOf,
  buildGraph,
  gatewayIdOf,
  isApimNode,
  isReference,
  platformOf,
  versionFacts,
  versionName,
} from '../model/index.ts';
import { report } from './rules.ts';
import { names } from './text.ts';

export function validateVersions(topology: Topology, graph: TopologyGraph = buildGraph(topology)): Diagnostic[] {
  const out: Diagnostic[] = [];
  const facts = versionFacts(topology.product);
  const gateways = graph.nodesOfKind('gateway');

  // APIM026: from 4.5 the control plane is the API Control Plane distribution, which excludes the
  // Traffic Manager (APIM docs 4.5.0 'API-M Distributed Deployment - Overview'). Gateways whose control plane is an
  // All-in-One throttle through it (APIM docs 4.5.0 'Simple Scalable Setup', Pattern 2), so they are not counted; the
  // fix offers that pattern when the topology draws control planes.
  if (!facts.controlPlaneRunsTrafficManager && gateways.length > 0 && graph.nodesOfKind('traffic-manager').length === 0) {
    const ids = gateways.filter((g) => graph.wiredClusters(g, 'all-in-one').length === 0).map((g) => g.id);
    if (ids.length > 0) {
      const controlPlanes = graph.nodesOfKind('control-plane').length > 0;
      out.push(
        report('APIM026', {
          message: `API-M ${topology.product}: the API Control Plane does not include a Traffic Manager, and this topology has none, so gateway rate limits are not enforced`,
          nodeIds: ids,
          fix: controlPlanes
            ? 'Add a traffic manager and link the gateways and the control plane to it (Pattern 3); or use All-in-One nodes instead of the control planes (Pattern 2, Simple Scalable Setup), which run a Traffic Manager; or choose API-M 4.4 or earlier, whose control plane runs one.'
            : 'Add a traffic manager and link the gateways and the control plane to it; or link the gateways to an All-in-One (Pattern 2, Simple Scalable Setup); or choose API-M 4.4 or earlier, whose control plane runs one.',
        }),
      );
    }
  }

  out.push(...gatewayIdRules(topology, gateways, graph.nodesOfKind('all-in-one')), ...encryptionKeyRules(topology));

  const analytics = topology.settings.analytics;
  if (analytics.enabled) {
    const type = analyticsTypeOf(analytics);
    const support = facts.analytics[type];
    // APIM027: an analytics type the version does not publish, or has deprecated (APIM docs analytics guides: Choreo
    // 'Configure the API Gateway', ELK 4.3.0, OpenSearch 4.5.0, Moesif 4.1.0 from update level 242; APIM docs 4.6.0
    // Moesif guide: "Moesif-powered WSO2 Analytics replaces Choreo Analytics", 4.7.0: Choreo "has been deprecated").
    if (support !== 'yes') {
      const supported = ANALYTICS_TYPES.filter((t) => facts.analytics[t] === 'yes');
      const successor = facts.defaultAnalyticsType;
      out.push(
        report('APIM027', {
          message:
            support === 'deprecated'
              ? `Analytics type ${type} is deprecated in API-M ${topology.product}: the gateways still publish to it, but WSO2 Analytics is ${successor} from 4.6`
              : support === 'update'
                ? `Analytics type ${type} is not in API-M ${topology.product} as released: it needs a WSO2 update level that adds it (4.1: update level 242 or later)`
                : `Analytics type ${type} is not supported by API-M ${topology.product}: it publishes ${supported.join(' and ')} analytics`,
          nodeIds: gateways.map((g) => g.id),
          fix:
            support === 'deprecated'
              ? `Move to ${successor} analytics (its key goes where the ${type} token is), or keep ${type} while WSO2 still runs it.`
              : support === 'update'
                ? `Apply a WSO2 update that includes ${type} analytics on every gateway, or choose ${supported.join(' or ')}.`
                : `Choose ${supported.join(' or ')} analytics, or an API-M version that supports ${type}.`,
        }),
      );
    }
    // APIM027: a Moesif base URL the version's publisher does not read (apim-analytics-publisher v1.2.29+
    // MoesifReporter reads moesif_base_url; 4.5 pins v1.2.23, 4.6 v1.2.33: product-apim gateway/pom.xml).
    if (type === 'moesif' && support !== 'no' && analytics.moesifBaseUrl && !facts.moesifBaseUrl) {
      out.push(
        report('APIM027', {
          message: `API-M ${topology.product} reads no moesif_base_url (from 4.6): the Moesif base URL is not written, and the gateways publish to Moesif's own address`,
          nodeIds: gateways.map((g) => g.id),
          fix: 'Clear the Moesif base URL, or choose API-M 4.6 or later.',
        }),
      );
    }
    // APIM028: the gateways publish to Choreo with the on-prem key as auth_token, and to Moesif with its
    // application id (APIM docs Choreo 'Configure the API Gateway'; 4.1.0 Moesif guide, moesifKey); ELK and
    // OpenSearch read a log file and need no key. On Kubernetes the key is not the topology's: the runbook reads it
    // into the credentials Secret, and the charts take it from there at install time.
    if ((type === 'choreo' || type === 'moesif') && !analytics.authToken.trim() && platformOf(topology.settings) !== 'kubernetes') {
      out.push(
        report('APIM028', {
          message:
            type === 'moesif'
              ? 'Moesif analytics is on but has no Moesif application id: the gateways cannot publish API usage'
              : 'Analytics is on but has no auth token: the gateways cannot publish API usage',
          nodeIds: gateways.map((g) => g.id),
          fix:
            type === 'moesif'
              ? 'Paste the Moesif application id into the analytics auth token, or turn analytics off.'
              : 'Paste the on-prem key from the API-M Analytics console into the analytics auth token, or turn analytics off.',
        }),
      );
    }
  }
  return out;
}

/**
 * The 4.6+ `gateway_id` of each gateway (carbon-apimgt v9.32.147 GatewayNotifier; APIM docs 4.6.0 distributed
 * deployment, Gateway: "a unique identifier for each Gateway node"). APIM041: two gateways registering under one id
 * would be one gateway to the control plane (only an override can make that happen: derived ids are node ids). The
 * gateway inside an All-in-One registers too, under its node id (generate/gateway.ts), which an override can take.
 * APIM027: an override on a version that reads no gateway_id.
 */
function gatewayIdRules(topology: Topology, gateways: GatewayNode[], allInOnes: AllInOneNode[]): Diagnostic[] {
  const facts = versionFacts(topology.product);
  const overridden = gateways.filter((g) => g.gatewayId !== undefined);
  if (!facts.gatewayId) {
    if (overridden.length === 0) return [];
    return [
      report('APIM027', {
        message: `API-M ${topology.product} reads no gateway_id (from 4.6): the Gateway ID of ${names(
          overridden.map((g) => g.id),
          10,
        )} is not written`,
        nodeIds: overridden.map((g) => g.id),
        fix: `Clear the Gateway ID, or choose API-M 4.6 or later, which registers each gateway with the control plane under it.`,
      }),
    ];
  }
  // On Kubernetes no gateway_id is written (validate/kubernetes.ts, APIM073): no two can meet.
  if (platformOf(topology.settings) === 'kubernetes') return [];
  const byId = new Map<string, string[]>();
  for (const gateway of [...gateways, ...allInOnes]) {
    const id = gatewayIdOf(gateway);
    byId.set(id, [...(byId.get(id) ?? []), gateway.id]);
  }
  const out: Diagnostic[] = [];
  const allInOneIds = new Set(allInOnes.map((node) => node.id));
  for (const [id, nodes] of byId) {
    if (nodes.length < 2) continue;
    const inAllInOne = nodes.filter((node) => allInOneIds.has(node));
    const gatewayNodes = nodes.filter((node) => !allInOneIds.has(node));
    const who =
      inAllInOne.length === 0
        ? `Gateways ${names(nodes, 10)}`
        : `${gatewayNodes.length > 1 ? 'Gateways' : 'Gateway'} ${names(gatewayNodes, 10)}, and the gateway inside All-in-One ${names(inAllInOne, 10)},`;
    out.push(
      report('APIM041', {
        message: `${who} ${nodes.length === 2 ? 'both' : 'all'} register with the control plane as gateway_id "${id}": API-M ${versionName(topology.product)} would take them for one gateway`,
        nodeIds: nodes,
        fix:
          inAllInOne.length === 0
            ? 'Give each of them a Gateway ID of its own, or clear the field: an empty Gateway ID is the node id, which no other node has.'
            : `Give ${gatewayNodes.length > 1 ? 'each of the gateways' : 'the gateway'} a Gateway ID of its own, or clear the field: an All-in-One registers under its node id (${inAllInOne.join(', ')}).`,
      }),
    );
  }
  return out;
}

/**
 * What is wrong with a literal internal encryption key, or undefined (a reference, `$env{…}` or `$secret{…}`, and the
 * placeholder of a link without secrets are not judged). WSO2's SymmetricKeyInternalCryptoProvider (carbon-kernel
 * `org.wso2.carbon.crypto.provider`, `determineEncodingAndEncode`) reads a key of 64 or 48 characters as hexadecimal
 * (AES-256, AES-192) and fails on any other digit; any other key is taken byte for byte, and AES takes only 16, 24 or
 * 32 bytes.
 */
export function encryptionKeyProblem(key: string): string | undefined {
  if (key === SECRET_PLACEHOLDER || isReference(key)) return undefined;
  if (key.length === 64 || key.length === 48) {
    return /^[0-9a-fA-F]+$/.test(key)
      ? undefined
      : `has ${key.length} characters, which WSO2 reads as hexadecimal, but not all are hex digits (0-9, a-f)`;
  }
  const bytes = new TextEncoder().encode(key).length;
  return [16, 24, 32].includes(bytes)
    ? undefined
    : `is ${bytes} ${bytes === 1 ? 'byte' : 'bytes'} long: AES takes a key of 64 or 48 hexadecimal digits, or of exactly 16, 24 or 32 bytes`;
}

/**
 * The 4.7 internal encryption key. APIM042: API-M nodes on 4.7 without it (carbon-kernel v4.11.18 carbon.xml.j2 reads
 * `[encryption] key`, which has no default under product-apim v4.7.0's SymmetricKeyInternalCryptoProvider; each node
 * would make a random key of its own at first start, so nodes could not read each other's encrypted data:
 * api-manager#4891, docs-apim PR #10936 "mandatory internal encryption key", the same on every node). APIM027: a key
 * set on a version that encrypts with the primary keystore instead.
 */
function encryptionKeyRules(topology: Topology): Diagnostic[] {
  const facts = versionFacts(topology.product);
  const key = topology.settings.encryptionKey;
  if (!facts.internalEncryptionKey) {
    if (!key) return [];
    return [
      report('APIM027', {
        message: `API-M ${topology.product} encrypts with the primary keystore (the internal encryption key is from 4.7): the key is not written`,
        fix: 'Clear the internal encryption key in the topology settings, or choose API-M 4.7 or later.',
      }),
    ];
  }
  if (key) {
    const problem = encryptionKeyProblem(key);
    if (!problem) return [];
    return [
      report('APIM048', {
        message: `The internal encryption key ${problem}, so no node can start its crypto provider`,
        fix: 'Make a key with openssl rand -hex 32 (64 hexadecimal digits, AES-256) and set it in the topology settings, or write $env{WSO2_ENCRYPTION_KEY} and give every node that key.',
      }),
    ];
  }
  if (!topology.nodes.some(isApimNode)) return [];
  return [
    report('APIM042', {
      message: `API-M ${topology.product} needs one internal encryption key, the same on every node, and this topology has none: each node would make its own at first start and could not read what the others encrypted`,
      fix: 'Make a key with openssl rand -hex 32 and set it as the internal encryption key in the topology settings (or write $env{WSO2_ENCRYPTION_KEY} and set that variable on every node to the same key).',
    }),
  ];
}
