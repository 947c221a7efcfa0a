/**
 * WSO2 Identity Server as the Key Manager: the traps WSO2's pages and issues name.
 * - APIM054: IS 7 before API-M 4.3, which ships no IS 7 connector (product-apim pom.xml `wso2is7.km.version` from v4.3.0).
 * - APIM055: IS 7 linked from a gateway or traffic manager, as a resident Key Manager would be: IS 7 is only a
 *   third-party Key Manager (APIM docs 4.3.0+ 'Configure WSO2 IS 7.x as a Key Manager', "Limitations").
 * - APIM056: an IS version WSO2's docs for this API-M version do not name as its Key Manager (versions.ts).
 * - APIM057: a resident IS that cannot share API-M's shared database (APIM docs 4.0.0 'Set up WSO2 Identity Server as a
 *   Key Manager', Step 3).
 * - APIM058: 4.7 encrypts with AES/GCM and the internal key: the cipher transformation is written on IS, the key
 *   and crypto provider IS uses cannot be known here (product-apim #12658).
 * - APIM059: IS 7's notification handler jar, whose version WSO2's docs for this API-M version do not confirm.
 */
import type { Diagnostic, IdentityServerNode, Topology, TopologyGraph } from '../model/index.ts';
import { PRODUCT_VERSIONS, buildGraph, isVersionFacts, versionFacts } from '../model/index.ts';
import { report } from './rules.ts';
import { names } from './text.ts';

const FIRST_IS7_VERSION = PRODUCT_VERSIONS.find((version) => versionFacts(version).identityServer.is7Connector !== undefined);

export function validateIdentityServers(topology: Topology, graph: TopologyGraph = buildGraph(topology)): Diagnostic[] {
  const servers = graph.nodesOfKind('identity-server');
  if (servers.length === 0) return [];
  const facts = versionFacts(topology.product);
  const out: Diagnostic[] = [];
  for (const server of servers) {
    const is = isVersionFacts(server.version);
    const users = graph.identityServerUsers(server.id);
    if (is.mode === 'third-party') {
      if (!facts.identityServer.is7Connector) {
        out.push(
          report('APIM054', {
            message: `WSO2 Identity Server ${is.release} (${server.id}) is only a third-party Key Manager, through the WSO2 IS 7 connector, which API-M ${topology.product} does not ship`,
            nodeIds: [server.id],
            fix: `Choose API-M ${FIRST_IS7_VERSION ?? 'a later version'} or later, or IS 5.11 / 6.x as the resident Key Manager.`,
          }),
        );
      } else if (!facts.identityServer.is7EventHandler) {
        out.push(
          report('APIM059', {
            message: `The version of the IS 7 notification handler jar (wso2is.notification.event.handlers) for API-M ${topology.product} is not known to the designer: WSO2's pages name 2.0.5 and, for 4.7.0, 2.1.3; API-M ${topology.product} pins the IS 7 connector ${facts.identityServer.is7Connector}`,
            nodeIds: [server.id],
            fix: `Take the jar version WSO2's docs or support give for your API-M ${topology.product} update level (the runbook leaves it open).`,
          }),
        );
      }
      const resident = users.filter((user) => user.kind === 'gateway' || user.kind === 'traffic-manager');
      if (resident.length > 0) {
        out.push(
          report('APIM055', {
            message: `${names(resident.map((u) => u.id))} ${resident.length === 1 ? 'is' : 'are'} linked to WSO2 Identity Server ${is.release} (${server.id}) as to a resident Key Manager, which IS 7 cannot be: their files do not name it, and they take the Admin portal's Key Manager from the control plane`,
            nodeIds: [server.id, ...resident.map((u) => u.id)],
            fix: `Remove those links and link the control plane or All-in-One to ${server.id}; or choose IS 6.x for a resident Key Manager.`,
          }),
        );
      }
      continue;
    }
    if (!facts.identityServer.residentVersions.includes(server.version)) {
      const named = facts.identityServer.residentVersions;
      out.push(
        report('APIM056', {
          message: `${named.length ? `WSO2's docs for API-M ${topology.product} name IS ${named.join(' or ')} as its Key Manager` : `No WSO2 page the designer knows names an IS version for API-M ${topology.product}`}: IS ${is.release} (${server.id}) is not confirmed${server.version === '5.10' ? ' (IS 5.10 is documented with API-M 3.1 only)' : ''}`,
          nodeIds: [server.id],
          fix: `Check the WSO2 release matrix for API-M ${topology.product}${named.length ? `, or choose IS ${named.join(' or ')}` : ''}.`,
        }),
      );
    }
    if (!sharesDatabase(graph, server)) {
      out.push(
        report('APIM057', {
          message: `WSO2 Identity Server ${server.id} shares no database with API-M: as the resident Key Manager it keeps its users in API-M's shared database (shared_db), which ${users.length ? 'the nodes that use it keep in embedded H2' : 'no API-M node links it to'}`,
          nodeIds: [server.id, ...users.map((u) => u.id)],
          fix: `Link ${users.length ? names(users.map((u) => u.id)) : 'the control plane'} to a database holding shared_db${users.length ? '' : `, and to ${server.id}`}.`,
        }),
      );
    } else if (facts.internalEncryptionKey) {
      out.push(
        report('APIM058', {
          message: `API-M ${topology.product} encrypts with ${facts.identityServer.cipherTransformation} and the internal [encryption] key; ${server.id}'s file carries the same cipher transformation, but which key and crypto provider IS ${is.release} decrypts the shared database with is not known to the designer`,
          nodeIds: [server.id],
          fix: `Check that IS ${is.release} uses the symmetric internal crypto provider with API-M's [encryption] key, and set it in IS's deployment.toml (product-apim #12658).`,
        }),
      );
    }
  }
  return out;
}

/** A resident IS shares API-M's shared_db when a node that uses it keeps shared_db on a database server. */
function sharesDatabase(graph: TopologyGraph, server: IdentityServerNode): boolean {
  return graph.identityServerUsers(server.id).some((user) => graph.databaseFor(user, 'shared_db') !== undefined);
}
