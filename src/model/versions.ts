/**
 * What changes with the API-M version (WSO2 docs per version, product-apim / helm-apim files at each tag): one row
 * per version in `VERSION_FACTS`, every fact written out in every row. The generator and the validator ask these
 * questions; they never compare version strings themselves. Each fact names the public WSO2 source it comes from
 * (beside its id in the README's "Corrections" table, C-number or audit id, where it has one) and the versions it
 * applies to. Adding a version to `PRODUCT_VERSIONS` does not compile until its row states every fact.
 */
import type { AnalyticsType, ApimKind, ProductVersion } from './types.ts';

/**
 * Whether a version publishes analytics of a type: `yes`; `update` (only with a WSO2 update level of
 * that version, not in the GA release); `no`.
 */
export type AnalyticsSupport = 'yes' | 'update' | 'no';

export interface VersionFacts {
  readonly version: ProductVersion;
  /**
   * Each kind of node is its own distribution, started by its own script: the API Control Plane, the Universal
   * Gateway and the Traffic Manager (4.5: APIM docs 4.5.0 'API-M Distributed Deployment - Overview', 'API-M
   * Component Distributions'). Before, one API-M pack runs each kind as a profile (4.0–4.4: APIM docs 'API-M
   * Profiles'), whose `--optimize` option rewrites deployment.toml unless `--skipConfigOptimization` is given.
   * `serverRole` and `start` follow from it.
   */
  readonly componentDistributions: boolean;
  /**
   * The control plane runs a Traffic Manager, so gateways can throttle through it when no TM is separate
   * (4.0–4.4: APIM docs 4.1.0 'API-M Distributed Deployment - Overview', the Control Plane profile "starts all the
   * API-M components (Traffic Manager, Key Manager, Publisher, Developer Portal)"). The 4.5 API Control Plane
   * excludes it (APIM docs 4.5.0 'API-M Distributed Deployment - Overview'), so a 4.5 topology with gateways
   * needs a separate TM (APIM026).
   */
  readonly controlPlaneRunsTrafficManager: boolean;
  /**
   * The gateway's WebSocket ports answer `GET /health` with 200 (4.1–4.5: APIM docs 4.1.0 'Basic Health Checks',
   * the note on WebSocket ports 9099 and 8099; the 4.0 page has no such check).
   */
  readonly gatewayWebSocketHealthCheck: boolean;
  /** `[server] server_role` per kind (C13: `default` on the 4.5 component distributions, product-apim v4.5.0 infer.json). */
  readonly serverRole: Readonly<Record<ApimKind, string>>;
  /**
   * The default gateway environment name (C7): the seed's "Production and Sandbox" on 4.0 (APIM docs 4.0.0
   * 'Configuring a Distributed API-M Deployment'), "Default" from 4.1 (product-apim default deployment.toml).
   */
  readonly defaultEnvironmentName: string;
  /**
   * The CP publishes throttling to a separate TM (C10: 4.0 only, APIM docs 4.0.0 'Configuring a Distributed API-M
   * Deployment', 'Configure separate Traffic Manager nodes', and kubernetes-apim 4.0.x advanced/am-pattern-4 ConfigMaps;
   * from 4.1 the TM pulls policies from the event hub, docs 4.1-4.4 'Configuring a Distributed API-M Deployment with
   * Traffic Manager Separated from the Control Plane'). Never with throttle_decision_endpoints (audit B1).
   */
  readonly controlPlanePublishesToTrafficManager: boolean;
  /**
   * Where a control plane names its peers for token revocations (audit B2, B3). 4.0 reads only
   * `[apim.throttling] event_duplicate_url` (product-apim v4.0.0 `…/templates/repository/conf/jndi2.properties.j2`,
   * `…/eventpublishers/tokenRevokeEventJMSPublisher_2.xml.j2`). 4.1 and 4.2 read the event-hub key for
   * the JNDI file (carbon-apimgt v9.20.74 / v9.28.116 `jndi2-cp.properties.j2`) but deploy the second
   * revocation publisher only when the throttling key is defined (product-apim v4.1.0 / v4.2.0
   * `tokenRevokeEventJMSPublisher_2.xml.j2`), so both are written. From 4.3 either key enables it
   * (product-apim PR #13231), and the event-hub key alone is WSO2's documented form.
   */
  readonly controlPlanePeerKeys: { readonly eventHub: boolean; readonly throttling: boolean };
  /**
   * `[apim.key_manager] enable_apikey_subscription_validation = true` (audit S2): the product default
   * toml of 4.2 and 4.3 sets it (product-apim commit 6fb2fc35b); without it API keys keep working after
   * the subscription is removed. 4.4 makes it the behaviour of its default lightweight API keys.
   */
  readonly apikeySubscriptionValidation: boolean;
  /**
   * `[apim] gateway_type` of the API Control Plane (audit S4): the gateway types the Admin portal
   * offers. product-apim v4.5.0 `api-control-plane/…/conf/deployment.toml`: "Regular,APK,AWS";
   * without the key only "Regular" is offered.
   */
  readonly controlPlaneGatewayTypes: string | undefined;
  /**
   * The gateway's `[apim.throttling] service_url` points at a separate TM (C15: 4.0 only, kubernetes-apim 4.0.x
   * am-pattern-4 gateway ConfigMap; omitted by docs 4.1-4.4 TM-separated page).
   */
  readonly gatewayThrottlingServiceUrlWithSeparateTm: boolean;
  /**
   * A separate TM carries `[apim.key_manager]` (C9: 4.0–4.4, as helm-apim 4.2.x–4.4.x distributed/traffic-manager
   * deployment.toml; omitted on 4.5 as the docs 4.5 TM-separated include).
   */
  readonly trafficManagerKeyManager: boolean;
  /** A separate TM carries the 3.x-era `[[apim.gateway.environment]]` (C8: 4.0 only, APIM docs 4.0.0 distributed TM sample). */
  readonly trafficManagerGatewayEnvironment: boolean;
  /**
   * Gateways always carry `[apim.event_hub]`, even with the TM inside the CP (4.5: docs 4.5 TM-separated include;
   * C17: 4.0–4.4 omit it, APIM docs 4.1-4.4 'Configuring a Distributed API-M Deployment' and kubernetes-apim 4.0.x
   * am-pattern-3 gateway ConfigMap).
   */
  readonly gatewayEventHubAlways: boolean;
  /** The CP environment carries `provider = "wso2"` (the key exists from 4.1: product-apim v4.1.0 default deployment.toml). */
  readonly environmentProvider: boolean;
  /** The CP environment carries `gateway_type = "Regular"` (from 4.3: product-apim v4.3.0 default deployment.toml). */
  readonly environmentGatewayType: boolean;
  /** The embedded H2 URL still carries `AUTO_SERVER=TRUE` (dropped in 4.3: product-apim v4.2.0 / v4.3.0 default deployment.toml). */
  readonly h2AutoServer: boolean;
  /**
   * Which analytics types the version publishes (APIM docs analytics guides: Choreo 'Configure the API Gateway',
   * ELK 4.3.0, OpenSearch 4.5.0, Moesif 4.1.0 from update level 242).
   * - Choreo, the cloud: every version, with config_endpoint (audit B5; docs-apim
   *   includes/analytics/configure-synapse-gateway.md).
   * - ELK: APIM docs 4.3.0 ELK guide and helm-apim 4.3.x; the guide's note that the log appender is "added by
   *   default from 4.3.0" shows it ran on 4.2 too, with the appender added by hand (an inference: no 4.2.0 ELK
   *   guide was found).
   * - OpenSearch: APIM docs 4.5.0 OpenSearch guide.
   * - Moesif: 4.1 from update level 242 (APIM docs 4.1.0 Moesif guide); in the 4.5 docs.
   */
  readonly analytics: Readonly<Record<AnalyticsType, AnalyticsSupport>>;
  /**
   * ELK needs the `APIM_METRICS_APPENDER` log4j2 appender added by hand (pre-added from 4.3: APIM docs
   * 4.3.0 ELK guide, "added by default from the APIM 4.3.0 version onwards").
   */
  readonly analyticsLogAppenderByHand: boolean;
  /**
   * How each kind of node is started: profiles on 4.0–4.4 (APIM docs 'API-M Profiles'), component distributions
   * on 4.5 (APIM docs 4.5.0 'Deployment Overview'; docs 4.5 TM-separated include, Step 7).
   */
  readonly start: Readonly<Record<ApimKind, { readonly script: string; readonly args: string; readonly distribution: string }>>;
}

/**
 * The table's type: a row for every `ProductVersion`, each naming its own version. A version without a row, a row
 * without a fact, or a row under another version's key does not compile (tests/model/versions.test.ts checks that).
 */
export type VersionTable = { readonly [V in ProductVersion]: VersionFacts & { readonly version: V } };

/** How a kind of node is packaged and started: three facts that change together, in two named sets below. */
type HowStarted = Pick<VersionFacts, 'componentDistributions' | 'serverRole' | 'start'>;

const PROFILE_START = (profile: string) => ({ script: 'api-manager.sh', args: `-Dprofile=${profile}`, distribution: 'wso2am' });

/** 4.0–4.4: one API-M pack, each kind a profile (APIM docs 'API-M Profiles'; product-apim infer.json server_role). */
const STARTED_AS_PROFILES: HowStarted = {
  componentDistributions: false,
  serverRole: { gateway: 'gateway-worker', 'control-plane': 'control-plane', 'traffic-manager': 'traffic-manager' },
  start: {
    gateway: PROFILE_START('gateway-worker'),
    'control-plane': PROFILE_START('control-plane'),
    'traffic-manager': PROFILE_START('traffic-manager'),
  },
};

/** 4.5: a distribution per kind, each with only the `default` server role (C13; APIM docs 4.5.0 'Deployment Overview'). */
const STARTED_AS_COMPONENTS: HowStarted = {
  componentDistributions: true,
  serverRole: { gateway: 'default', 'control-plane': 'default', 'traffic-manager': 'default' },
  start: {
    gateway: { script: 'gateway.sh', args: '', distribution: 'wso2am-universal-gw' },
    'control-plane': { script: 'api-cp.sh', args: '', distribution: 'wso2am-acp' },
    'traffic-manager': { script: 'traffic-manager.sh', args: '', distribution: 'wso2am-tm' },
  },
};

/** Every fact of every version, one row per version (tests/model/versions.test.ts reads it fact by fact). */
export const VERSION_FACTS = {
  '4.0.0': {
    version: '4.0.0',
    ...STARTED_AS_PROFILES,
    controlPlaneRunsTrafficManager: true,
    gatewayWebSocketHealthCheck: false,
    defaultEnvironmentName: 'Production and Sandbox',
    controlPlanePublishesToTrafficManager: true,
    controlPlanePeerKeys: { eventHub: false, throttling: true },
    apikeySubscriptionValidation: false,
    controlPlaneGatewayTypes: undefined,
    gatewayThrottlingServiceUrlWithSeparateTm: true,
    trafficManagerKeyManager: true,
    trafficManagerGatewayEnvironment: true,
    gatewayEventHubAlways: false,
    environmentProvider: false,
    environmentGatewayType: false,
    h2AutoServer: true,
    analytics: { choreo: 'yes', elk: 'no', opensearch: 'no', moesif: 'no' },
    analyticsLogAppenderByHand: true,
  },
  '4.1.0': {
    version: '4.1.0',
    ...STARTED_AS_PROFILES,
    controlPlaneRunsTrafficManager: true,
    gatewayWebSocketHealthCheck: true,
    defaultEnvironmentName: 'Default',
    controlPlanePublishesToTrafficManager: false,
    controlPlanePeerKeys: { eventHub: true, throttling: true },
    apikeySubscriptionValidation: false,
    controlPlaneGatewayTypes: undefined,
    gatewayThrottlingServiceUrlWithSeparateTm: false,
    trafficManagerKeyManager: true,
    trafficManagerGatewayEnvironment: false,
    gatewayEventHubAlways: false,
    environmentProvider: true,
    environmentGatewayType: false,
    h2AutoServer: true,
    analytics: { choreo: 'yes', elk: 'no', opensearch: 'no', moesif: 'update' },
    analyticsLogAppenderByHand: true,
  },
  '4.2.0': {
    version: '4.2.0',
    ...STARTED_AS_PROFILES,
    controlPlaneRunsTrafficManager: true,
    gatewayWebSocketHealthCheck: true,
    defaultEnvironmentName: 'Default',
    controlPlanePublishesToTrafficManager: false,
    controlPlanePeerKeys: { eventHub: true, throttling: true },
    apikeySubscriptionValidation: true,
    controlPlaneGatewayTypes: undefined,
    gatewayThrottlingServiceUrlWithSeparateTm: false,
    trafficManagerKeyManager: true,
    trafficManagerGatewayEnvironment: false,
    gatewayEventHubAlways: false,
    environmentProvider: true,
    environmentGatewayType: false,
    h2AutoServer: true,
    analytics: { choreo: 'yes', elk: 'yes', opensearch: 'no', moesif: 'update' },
    analyticsLogAppenderByHand: true,
  },
  '4.3.0': {
    version: '4.3.0',
    ...STARTED_AS_PROFILES,
    controlPlaneRunsTrafficManager: true,
    gatewayWebSocketHealthCheck: true,
    defaultEnvironmentName: 'Default',
    controlPlanePublishesToTrafficManager: false,
    controlPlanePeerKeys: { eventHub: true, throttling: false },
    apikeySubscriptionValidation: true,
    controlPlaneGatewayTypes: undefined,
    gatewayThrottlingServiceUrlWithSeparateTm: false,
    trafficManagerKeyManager: true,
    trafficManagerGatewayEnvironment: false,
    gatewayEventHubAlways: false,
    environmentProvider: true,
    environmentGatewayType: true,
    h2AutoServer: false,
    analytics: { choreo: 'yes', elk: 'yes', opensearch: 'no', moesif: 'update' },
    analyticsLogAppenderByHand: false,
  },
  '4.4.0': {
    version: '4.4.0',
    ...STARTED_AS_PROFILES,
    controlPlaneRunsTrafficManager: true,
    gatewayWebSocketHealthCheck: true,
    defaultEnvironmentName: 'Default',
    controlPlanePublishesToTrafficManager: false,
    controlPlanePeerKeys: { eventHub: true, throttling: false },
    apikeySubscriptionValidation: false,
    controlPlaneGatewayTypes: undefined,
    gatewayThrottlingServiceUrlWithSeparateTm: false,
    trafficManagerKeyManager: true,
    trafficManagerGatewayEnvironment: false,
    gatewayEventHubAlways: false,
    environmentProvider: true,
    environmentGatewayType: true,
    h2AutoServer: false,
    analytics: { choreo: 'yes', elk: 'yes', opensearch: 'no', moesif: 'update' },
    analyticsLogAppenderByHand: false,
  },
  '4.5.0': {
    version: '4.5.0',
    ...STARTED_AS_COMPONENTS,
    controlPlaneRunsTrafficManager: false,
    gatewayWebSocketHealthCheck: true,
    defaultEnvironmentName: 'Default',
    controlPlanePublishesToTrafficManager: false,
    controlPlanePeerKeys: { eventHub: true, throttling: false },
    apikeySubscriptionValidation: false,
    controlPlaneGatewayTypes: 'Regular,APK,AWS',
    gatewayThrottlingServiceUrlWithSeparateTm: false,
    trafficManagerKeyManager: false,
    trafficManagerGatewayEnvironment: false,
    gatewayEventHubAlways: true,
    environmentProvider: true,
    environmentGatewayType: true,
    h2AutoServer: false,
    analytics: { choreo: 'yes', elk: 'yes', opensearch: 'yes', moesif: 'yes' },
    analyticsLogAppenderByHand: false,
  },
} satisfies VersionTable;

/** The facts of one version: its row of `VERSION_FACTS`. */
export function versionFacts(version: ProductVersion): VersionFacts {
  return VERSION_FACTS[version];
}
