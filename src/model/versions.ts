/**
 * What changes with the API-M version (WSO2 docs per version, product-apim / helm-apim files at each tag). The
 * generator and the validator ask these questions; they never compare version strings themselves. Each fact names
 * the public WSO2 source it comes from (beside its id in the README's "Corrections" table, C-number or audit id,
 * where it has one) and the versions it applies to.
 */
import type { AnalyticsType, ApimKind, ProductVersion } from './types.ts';

/**
 * Whether a version publishes analytics of a type: `yes`; `update` (only with a WSO2 update level of
 * that version, not in the GA release); `no`.
 */
export type AnalyticsSupport = 'yes' | 'update' | 'no';

export interface VersionFacts {
  version: ProductVersion;
  /**
   * Each kind of node is its own distribution, started by its own script: the API Control Plane, the Universal
   * Gateway and the Traffic Manager (4.5: APIM docs 4.5.0 'API-M Distributed Deployment - Overview', 'API-M
   * Component Distributions'). Before, one API-M pack runs each kind as a profile (4.0–4.4: APIM docs 'API-M
   * Profiles'), whose `--optimize` option rewrites deployment.toml unless `--skipConfigOptimization` is given.
   * `serverRole` and `start` follow from it.
   */
  componentDistributions: boolean;
  /**
   * The control plane runs a Traffic Manager, so gateways can throttle through it when no TM is separate
   * (4.0–4.4: APIM docs 4.1.0 'API-M Distributed Deployment - Overview', the Control Plane profile "starts all the
   * API-M components (Traffic Manager, Key Manager, Publisher, Developer Portal)"). The 4.5 API Control Plane
   * excludes it (APIM docs 4.5.0 'API-M Distributed Deployment - Overview'), so a 4.5 topology with gateways
   * needs a separate TM (APIM026).
   */
  controlPlaneRunsTrafficManager: boolean;
  /**
   * The gateway's WebSocket ports answer `GET /health` with 200 (4.1–4.5: APIM docs 4.1.0 'Basic Health Checks',
   * the note on WebSocket ports 9099 and 8099; the 4.0 page has no such check).
   */
  gatewayWebSocketHealthCheck: boolean;
  /** `[server] server_role` per kind (C13: `default` on the 4.5 component distributions, product-apim v4.5.0 infer.json). */
  serverRole: Record<ApimKind, string>;
  /**
   * The default gateway environment name (C7): the seed's "Production and Sandbox" on 4.0 (APIM docs 4.0.0
   * 'Configuring a Distributed API-M Deployment'), "Default" from 4.1 (product-apim default deployment.toml).
   */
  defaultEnvironmentName: string;
  /**
   * The CP publishes throttling to a separate TM (C10: 4.0 only, APIM docs 4.0.0 'Configuring a Distributed API-M
   * Deployment', 'Configure separate Traffic Manager nodes', and kubernetes-apim 4.0.x advanced/am-pattern-4 ConfigMaps;
   * from 4.1 the TM pulls policies from the event hub, docs 4.1-4.4 'Configuring a Distributed API-M Deployment with
   * Traffic Manager Separated from the Control Plane'). Never with throttle_decision_endpoints (audit B1).
   */
  controlPlanePublishesToTrafficManager: boolean;
  /**
   * Where a control plane names its peers for token revocations (audit B2, B3). 4.0 reads only
   * `[apim.throttling] event_duplicate_url` (product-apim v4.0.0 `…/templates/repository/conf/jndi2.properties.j2`,
   * `…/eventpublishers/tokenRevokeEventJMSPublisher_2.xml.j2`). 4.1 and 4.2 read the event-hub key for
   * the JNDI file (carbon-apimgt v9.20.74 / v9.28.116 `jndi2-cp.properties.j2`) but deploy the second
   * revocation publisher only when the throttling key is defined (product-apim v4.1.0 / v4.2.0
   * `tokenRevokeEventJMSPublisher_2.xml.j2`), so both are written. From 4.3 either key enables it
   * (product-apim PR #13231), and the event-hub key alone is WSO2's documented form.
   */
  controlPlanePeerKeys: { eventHub: boolean; throttling: boolean };
  /**
   * `[apim.key_manager] enable_apikey_subscription_validation = true` (audit S2): the product default
   * toml of 4.2 and 4.3 sets it (product-apim commit 6fb2fc35b); without it API keys keep working after
   * the subscription is removed. 4.4 makes it the behaviour of its default lightweight API keys.
   */
  apikeySubscriptionValidation: boolean;
  /**
   * `[apim] gateway_type` of the API Control Plane (audit S4): the gateway types the Admin portal
   * offers. product-apim v4.5.0 `api-control-plane/…/conf/deployment.toml`: "Regular,APK,AWS";
   * without the key only "Regular" is offered.
   */
  controlPlaneGatewayTypes?: string;
  /**
   * The gateway's `[apim.throttling] service_url` points at a separate TM (C15: 4.0 only, kubernetes-apim 4.0.x
   * am-pattern-4 gateway ConfigMap; omitted by docs 4.1-4.4 TM-separated page).
   */
  gatewayThrottlingServiceUrlWithSeparateTm: boolean;
  /**
   * A separate TM carries `[apim.key_manager]` (C9: 4.0–4.4, as helm-apim 4.2.x–4.4.x distributed/traffic-manager
   * deployment.toml; omitted on 4.5 as the docs 4.5 TM-separated include).
   */
  trafficManagerKeyManager: boolean;
  /** A separate TM carries the 3.x-era `[[apim.gateway.environment]]` (C8: 4.0 only, APIM docs 4.0.0 distributed TM sample). */
  trafficManagerGatewayEnvironment: boolean;
  /**
   * Gateways always carry `[apim.event_hub]`, even with the TM inside the CP (4.5: docs 4.5 TM-separated include;
   * C17: 4.0–4.4 omit it, APIM docs 4.1-4.4 'Configuring a Distributed API-M Deployment' and kubernetes-apim 4.0.x
   * am-pattern-3 gateway ConfigMap).
   */
  gatewayEventHubAlways: boolean;
  /** The CP environment carries `provider = "wso2"` (the key exists from 4.1: product-apim v4.1.0 default deployment.toml). */
  environmentProvider: boolean;
  /** The CP environment carries `gateway_type = "Regular"` (from 4.3: product-apim v4.3.0 default deployment.toml). */
  environmentGatewayType: boolean;
  /** The embedded H2 URL still carries `AUTO_SERVER=TRUE` (dropped in 4.3: product-apim v4.2.0 / v4.3.0 default deployment.toml). */
  h2AutoServer: boolean;
  /**
   * Which analytics types the version publishes (APIM docs analytics guides: Choreo 'Configure the API Gateway',
   * ELK 4.3.0, OpenSearch 4.5.0, Moesif 4.1.0 from update level 242).
   */
  analytics: Record<AnalyticsType, AnalyticsSupport>;
  /**
   * ELK needs the `APIM_METRICS_APPENDER` log4j2 appender added by hand (pre-added from 4.3: APIM docs
   * 4.3.0 ELK guide, "added by default from the APIM 4.3.0 version onwards").
   */
  analyticsLogAppenderByHand: boolean;
  /**
   * How each kind of node is started: profiles on 4.0–4.4 (APIM docs 'API-M Profiles'), component distributions
   * on 4.5 (APIM docs 4.5.0 'Deployment Overview'; docs 4.5 TM-separated include, Step 7).
   */
  start: Record<ApimKind, { script: string; args: string; distribution: string }>;
}

const PROFILE_START = (profile: string) => ({ script: 'api-manager.sh', args: `-Dprofile=${profile}`, distribution: 'wso2am' });

export function versionFacts(version: ProductVersion): VersionFacts {
  const minor = Number(version.split('.')[1]);
  const is45 = minor === 5;
  return {
    version,
    componentDistributions: is45,
    controlPlaneRunsTrafficManager: !is45,
    gatewayWebSocketHealthCheck: minor >= 1,
    serverRole: is45
      ? { gateway: 'default', 'control-plane': 'default', 'traffic-manager': 'default' }
      : { gateway: 'gateway-worker', 'control-plane': 'control-plane', 'traffic-manager': 'traffic-manager' },
    defaultEnvironmentName: minor === 0 ? 'Production and Sandbox' : 'Default',
    controlPlanePublishesToTrafficManager: minor === 0,
    controlPlanePeerKeys: { eventHub: minor >= 1, throttling: minor <= 2 },
    apikeySubscriptionValidation: minor === 2 || minor === 3,
    controlPlaneGatewayTypes: is45 ? 'Regular,APK,AWS' : undefined,
    gatewayThrottlingServiceUrlWithSeparateTm: minor === 0,
    trafficManagerKeyManager: !is45,
    trafficManagerGatewayEnvironment: minor === 0,
    gatewayEventHubAlways: is45,
    environmentProvider: minor >= 1,
    environmentGatewayType: minor >= 3,
    h2AutoServer: minor < 3,
    analytics: {
      // The Choreo cloud: every version, with config_endpoint (audit B5; docs-apim includes/analytics/configure-synapse-gateway.md).
      choreo: 'yes',
      // ELK: APIM docs 4.3.0 ELK guide and helm-apim 4.3.x; the guide's note that the log appender is
      // "added by default from 4.3.0" shows it ran on 4.2 too, with the appender added by hand (an inference:
      // no 4.2.0 ELK guide was found).
      elk: minor >= 2 ? 'yes' : 'no',
      // OpenSearch: APIM docs 4.5.0 OpenSearch guide.
      opensearch: minor >= 5 ? 'yes' : 'no',
      // Moesif: 4.1 from update level 242 (APIM docs 4.1.0 Moesif guide); in the 4.5 docs.
      moesif: minor >= 5 ? 'yes' : minor >= 1 ? 'update' : 'no',
    },
    analyticsLogAppenderByHand: minor < 3,
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
