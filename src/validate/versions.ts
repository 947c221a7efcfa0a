/**
 * Version rules: what the chosen API-M version runs and reads (REFERENCE.md §1, §10). The facts come
 * from `model/versions.ts`; this module never compares version strings itself.
 */
import type { Diagnostic, Topology, TopologyGraph } from '../model/index.ts';
import { buildGraph, defaultSettings, versionFacts } from '../model/index.ts';
import { report } from './rules.ts';

const DEFAULT_ANALYTICS_ENDPOINT = defaultSettings().analytics.configEndpoint;

export function validateVersions(topology: Topology, graph: TopologyGraph = buildGraph(topology)): Diagnostic[] {
  const out: Diagnostic[] = [];
  const facts = versionFacts(topology.product);
  const gateways = graph.nodesOfKind('gateway');

  // APIM026: from 4.5 the control plane is the API Control Plane distribution, which excludes the
  // Traffic Manager (§1.2; pattern 2 uses the all-in-one instead, §11).
  if (facts.band === '4.5' && gateways.length > 0 && graph.nodesOfKind('traffic-manager').length === 0) {
    const ids = gateways.map((g) => g.id);
    out.push(
      report('APIM026', {
        message: `API-M ${topology.product}: the API Control Plane does not include a Traffic Manager, and this topology has none, so gateway rate limits are not enforced`,
        nodeIds: ids,
        fix: 'Add a traffic manager and link the gateways and the control plane to it; or choose API-M 4.4 or earlier, whose control plane runs one.',
      }),
    );
  }

  const analytics = topology.settings.analytics;
  if (analytics.enabled) {
    // APIM027: the Choreo config_endpoint is a 4.0 key (§10); later versions drop it from the file.
    if (!facts.analyticsConfigEndpoint && analytics.configEndpoint && analytics.configEndpoint !== DEFAULT_ANALYTICS_ENDPOINT) {
      out.push(
        report('APIM027', {
          message: `Analytics config endpoint ${JSON.stringify(analytics.configEndpoint)} is not used by API-M ${topology.product}: only 4.0 reads config_endpoint, so the generated files leave it out`,
          fix: 'Clear the analytics config endpoint, or choose API-M 4.0 if you need it.',
        }),
      );
    }
    // APIM028: the gateways publish with the on-prem key as auth_token (§10).
    if (!analytics.authToken.trim()) {
      out.push(
        report('APIM028', {
          message: 'Analytics is on but has no auth token: the gateways cannot publish API usage',
          nodeIds: gateways.map((g) => g.id),
          fix: 'Paste the on-prem key from the API-M Analytics console into the analytics auth token, or turn analytics off.',
        }),
      );
    }
  }
  return out;
}
