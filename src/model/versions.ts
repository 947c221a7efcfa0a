/**
 * What changes with the API-M version (REFERENCE.md §0.1, §0.3, §1–§2, §5). The generator asks these
 * questions; it never compares version strings itself.
 */
import type { ApimKind, ProductVersion } from './types.ts';

export type Band = '4.0' | '4.1-4.4' | '4.5';

export interface VersionFacts {
  version: ProductVersion;
  band: Band;
  /** `[server] server_role` per kind (§1.3: `default` on the 4.5 component distributions). */
  serverRole: Record<ApimKind, string>;
  /** The default gateway environment name (C7). */
  defaultEnvironmentName: string;
  /** The skip-list key for local entries (C12, §13.6). */
  skipListLocalEntriesKey: 'local-entries' | 'local_entries';
  /** The CP publishes throttling to a separate TM (C10: 4.0 only). */
  controlPlanePublishesToTrafficManager: boolean;
  /** The gateway's `[apim.throttling] service_url` points at a separate TM (C15: 4.0 only). */
  gatewayThrottlingServiceUrlWithSeparateTm: boolean;
  /** A separate TM carries `[apim.key_manager]` (C9: 4.0–4.4). */
  trafficManagerKeyManager: boolean;
  /** A separate TM carries the 3.x-era `[[apim.gateway.environment]]` (C8: 4.0 only). */
  trafficManagerGatewayEnvironment: boolean;
  /** Gateways always carry `[apim.event_hub]`, even with the TM inside the CP (4.5). */
  gatewayEventHubAlways: boolean;
  /** The embedded H2 URL still carries `AUTO_SERVER=TRUE` (dropped in 4.3, §6.3). */
  h2AutoServer: boolean;
  /** Analytics writes `config_endpoint` (Choreo cloud, 4.0; §10). */
  analyticsConfigEndpoint: boolean;
  /** How each kind of node is started. */
  start: Record<ApimKind, { script: string; args: string; distribution: string }>;
}

const PROFILE_START = (profile: string) => ({ script: 'api-manager.sh', args: `-Dprofile=${profile}`, distribution: 'wso2am' });

export function versionFacts(version: ProductVersion): VersionFacts {
  const band: Band = version === '4.0.0' ? '4.0' : version === '4.5.0' ? '4.5' : '4.1-4.4';
  const minor = Number(version.split('.')[1]);
  const is45 = band === '4.5';
  return {
    version,
    band,
    serverRole: is45
      ? { gateway: 'default', 'control-plane': 'default', 'traffic-manager': 'default' }
      : { gateway: 'gateway-worker', 'control-plane': 'control-plane', 'traffic-manager': 'traffic-manager' },
    defaultEnvironmentName: band === '4.0' ? 'Production and Sandbox' : 'Default',
    skipListLocalEntriesKey: band === '4.0' ? 'local-entries' : 'local_entries',
    controlPlanePublishesToTrafficManager: band === '4.0',
    gatewayThrottlingServiceUrlWithSeparateTm: band === '4.0',
    trafficManagerKeyManager: !is45,
    trafficManagerGatewayEnvironment: band === '4.0',
    gatewayEventHubAlways: is45,
    h2AutoServer: minor < 3,
    analyticsConfigEndpoint: band === '4.0',
    start: is45
      ? {
          gateway: { script: 'gateway.sh', args: '', distribution: 'wso2am-universal-gw' },
          'control-plane': { script: 'api-cp.sh', args: '', distribution: 'wso2am-acp' },
          'traffic-manager': { script: 'traffic-manager.sh', args: '', distribution: 'wso2am-tm' },
        }
      : {
          gateway: PROFILE_START('gateway-worker'),
          'control-plane': PROFILE_START('control-plane'),
          'traffic-manager': PROFILE_START('traffic-manager'),
        },
  };
}
