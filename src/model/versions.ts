/**
 * What changes with the API-M version (WSO2 docs per version, product-apim / helm-apim files at each tag): one row
 * per version in `VERSION_FACTS`, every fact written out in every row. The generator and the validator ask these
 * questions; they never compare version strings themselves. Each fact names the public WSO2 source it comes from
 * (beside its id in the README's "Corrections" table, C-number or audit id, where it has one) and the versions it
 * applies to. Adding a version to `PRODUCT_VERSIONS` does not compile until its row states every fact.
 */
import type { AnalyticsType, ApimKind, IsVersion, ProductVersion } from './types.ts';

/**
 * Whether a version publishes analytics of a type: `yes`; `deprecated` (it still publishes, but WSO2 has
 * deprecated the type and points to another); `update` (only with a WSO2 update level of that version, not in
 * the GA release); `no`.
 */
export type AnalyticsSupport = 'yes' | 'deprecated' | 'update' | 'no';

export interface VersionFacts {
  readonly version: ProductVersion;
  /**
   * Each kind of node is its own distribution, started by its own script: the API Control Plane, the Universal
   * Gateway and the Traffic Manager (4.5: APIM docs 4.5.0 'API-M Distributed Deployment - Overview', 'API-M
   * Component Distributions'; 4.6 and 4.7 unchanged: product-apim v4.6.0 / v4.7.0 `gateway/`, `api-control-plane/`,
   * `traffic-manager/` with their `startup-scripts` and READMEs). Before, one API-M pack runs each kind as a profile
   * (4.0–4.4: APIM docs 'API-M Profiles'), whose `--optimize` option rewrites deployment.toml unless
   * `--skipConfigOptimization` is given. `serverRole` and `start` follow from it.
   */
  readonly componentDistributions: boolean;
  /**
   * The control plane runs a Traffic Manager, so gateways can throttle through it when no TM is separate
   * (4.0–4.4: APIM docs 4.1.0 'API-M Distributed Deployment - Overview', the Control Plane profile "starts all the
   * API-M components (Traffic Manager, Key Manager, Publisher, Developer Portal)"). The API Control Plane of 4.5 and
   * later excludes it (APIM docs 4.5.0 'API-M Distributed Deployment - Overview'; APIM docs 4.7.0 'Pattern 3:
   * Distributed Setup', the Traffic Manager a distribution of its own), so such a topology with gateways needs a
   * separate TM (APIM026).
   */
  readonly controlPlaneRunsTrafficManager: boolean;
  /**
   * The gateway's WebSocket ports answer `GET /health` with 200 (4.1–4.5: APIM docs 4.1.0 'Basic Health Checks',
   * the note on WebSocket ports 9099 and 8099; the 4.0 page has no such check).
   */
  readonly gatewayWebSocketHealthCheck: boolean;
  /**
   * `[server] server_role` per kind (C13: `default` on the component distributions, product-apim v4.5.0 infer.json;
   * v4.6.0 and v4.7.0 `gateway|traffic-manager|api-control-plane/…/infer.json` still define only `default`).
   */
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
   * offers, as product-apim `api-control-plane/…/conf/deployment.toml` ships them: v4.5.0 "Regular,APK,AWS";
   * v4.6.0 adds Azure, Kong and Envoy; v4.7.0 adds APIPlatform (commit 0141989eb). Without the key only
   * "Regular" is offered.
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
   * Gateways always carry `[apim.event_hub]`, even with the TM inside the CP (4.5+: docs 4.5 TM-separated include;
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
   * - 4.6: "Moesif-powered WSO2 Analytics replaces Choreo Analytics" (APIM docs 4.6.0 Moesif guide); the 4.7.0 docs
   *   say Choreo analytics "has been deprecated". The gateway's default toml drops `config_endpoint` and
   *   `auth_token` for `type = "moesif"` (product-apim v4.6.0 `gateway/…/conf/deployment.toml`), while the
   *   templates still read the Choreo keys (carbon-apimgt v9.32.147 / v9.33.122 api-manager.xml.j2): Choreo is
   *   `deprecated`. ELK and OpenSearch still write `apim_metrics.log` (product-apim v4.7.0 gateway
   *   log4j2.properties APIM_METRICS_APPENDER; helm-apim 4.6.x / 4.7.x gateway `wso2.ELKAnalytics`).
   */
  readonly analytics: Readonly<Record<AnalyticsType, AnalyticsSupport>>;
  /**
   * The type a new topology's analytics starts with (a file that names no type keeps meaning Choreo): Choreo up to
   * 4.5 (the product's default toml writes `config_endpoint` and `auth_token`, no `type`); Moesif from 4.6
   * (product-apim v4.6.0 / v4.7.0 `gateway/…/conf/deployment.toml` `[apim.analytics] type = "moesif"`).
   */
  readonly defaultAnalyticsType: AnalyticsType;
  /**
   * The Moesif publisher reads `[apim.analytics.properties] moesif_base_url` (and `moesifKey` directly): the
   * MoesifReporter of wso2/apim-analytics-publisher v1.2.29 and later (`Constants.MOESIF_BASE_URL`), which 4.6
   * (v1.2.33) and 4.7 (v1.2.36) pin (product-apim `gateway/pom.xml` `apim.analytics.publisher.version`); 4.5
   * pins v1.2.23, whose reporter reads neither. helm-apim 4.6.x / 4.7.x gateway writes it.
   */
  readonly moesifBaseUrl: boolean;
  /**
   * ELK needs the `APIM_METRICS_APPENDER` log4j2 appender added by hand (pre-added from 4.3: APIM docs
   * 4.3.0 ELK guide, "added by default from the APIM 4.3.0 version onwards").
   */
  readonly analyticsLogAppenderByHand: boolean;
  /**
   * `[apim.gateway_notification] gateway_id` on each gateway (4.6+): new in carbon-apimgt v9.32.147 default.json
   * (`apim.gateway_notification.gateway_id = ""`, read by api-manager.xml.j2). Its GatewayNotifier turns an empty id
   * into `UUID.randomUUID()` on every start, so a restarted VM registers with the control plane as a new gateway;
   * the docs ask to "set a unique identifier for each Gateway node when setting up a distributed deployment on
   * VMs" (APIM docs 4.6.0 / 4.7.0, distributed deployment with the Traffic Manager separated, Gateway step 4).
   */
  readonly gatewayId: boolean;
  /**
   * One internal encryption key, the same on every node (4.7): carbon-kernel v4.11.18 reads `[encryption] key`
   * (carbon.xml.j2), and product-apim v4.7.0 default.json makes `SymmetricKeyInternalCryptoProvider` the
   * `internal_crypto_provider` (AES/GCM instead of the primary keystore's RSA; api-manager#4692). Without a key
   * each node makes its own random one at first start (docs-apim PR #10910, 'Symmetric encryption'), so nodes
   * cannot read what another encrypted: the key is mandatory and identical on every node (api-manager#4891;
   * docs-apim PR #10936; helm-apim 4.7.x `distributed/<component>/confs/deployment.toml` refuses to render without one).
   */
  readonly internalEncryptionKey: boolean;
  /**
   * Gateways and traffic managers need no `[database.*]` on the embedded H2: their default.json holds the H2
   * `apim_db` and `shared_db` (4.7: product-apim commit dd8ad8f5a moved the blocks out of the gateway and TM
   * default deployment.toml into `gateway|traffic-manager/…/resources/conf/default.json`). Before 4.7 a file
   * without the block has no such data source.
   */
  readonly embeddedDatabaseInDefaults: boolean;
  /**
   * The control plane issues non-persistent JWTs: product-apim v4.7.0 `api-control-plane/…/conf/deployment.toml`
   * `[[oauth.extensions.token_types]] name = "JWT"`, `issuer = "…tokenpersistence.issuer.ExtendedJWTTokenIssuer"`
   * beside default.json `oauth.token_persistence.enable = false` (commits a6c2b49fc, 6b1f8db20). 4.6 still
   * persists tokens (v4.6.0 default.json `oauth.token_persistence.enable = true`).
   */
  readonly nonPersistentTokens: boolean;
  /**
   * Throttle counters kept in a Redis key-value store shared by the control planes and traffic managers
   * (`[apim.distributed_throttling]` with `[apim.distributed_throttling.keyvalue_store]`): new in 4.6 (carbon-apimgt
   * v9.32.147 api-manager.xml.j2; APIM docs 4.6.0 'Configuring Distributed Rate Limiting for an API Gateway
   * Cluster'; helm-apim 4.6.x / 4.7.x `distributedThrottling` on the control plane and traffic manager charts).
   * Gateways then publish to every traffic manager through one `loadbalance` url_group (the same docs page,
   * helm-apim 4.6.x / 4.7.x distributed/gateway/confs/deployment.toml). 4.5 and before read none of it.
   */
  readonly distributedThrottling: boolean;
  /**
   * WSO2's name for the distributed pattern the runbook follows, where the docs number it: 4.5 'Pattern 3:
   * Distributed Deployment with Gateway and Traffic Manager Separated' (APIM docs 4.5.0 'Deployment Overview');
   * 4.6 and 4.7 'Pattern 3: Distributed Setup' (APIM docs 4.6.0 / 4.7.0
   * `distributed-deployment/deploying-wso2-api-m-in-a-distributed-setup`). 4.0–4.4 docs number no patterns.
   */
  readonly distributedPattern: string | undefined;
  /**
   * WSO2's name for the same pattern with a separate Key Manager, where the docs number it: 'Pattern 4: Fully
   * Distributed Setup' (APIM docs 4.5.0 'Deployment Overview', "Fully Distributed Setup"; APIM docs 4.7.0 Kubernetes
   * overview, "Pattern 4 - Fully Distributed Setup"; helm-apim 4.5.x docs/README.md, pattern 4 ACP, TM, GW and KM).
   */
  readonly keyManagerPattern: string | undefined;
  /**
   * How each kind of node is started: profiles on 4.0–4.4 (APIM docs 'API-M Profiles'), component distributions
   * from 4.5 (APIM docs 4.5.0 'Deployment Overview'; docs 4.5 TM-separated include, Step 7; product-apim v4.6.0 /
   * v4.7.0 component READMEs, "Extract the wso2am-…zip … Run the gateway.sh"). `product` is WSO2's name of the
   * distribution, as its README titles it: "WSO2 API Manager" (4.0–4.4), "WSO2 Universal Gateway", "WSO2 API
   * Control Plane", "WSO2 Traffic Manager" (product-apim v4.5.0–v4.7.0 `gateway|api-control-plane|traffic-manager/README.md`).
   * `profileSetup`: the profile `bin/profileSetup.sh` must apply once before the first start (a Key Manager: its
   * webapps and axis2 templates; product-apim v4.3.0 / v4.5.0 profileSetup.sh), always with `--skipConfigOptimization`,
   * which keeps the generated deployment.toml instead of replacing it with the profile's template.
   * An All-in-One runs with no profile on every version: `sh api-manager.sh` of the one pack (4.0–4.4, product-apim
   * v4.0.0 `…/startup-scripts/api-manager.sh`), and from 4.5 of the All-in-One distribution `wso2am`, "WSO2 API
   * Manager" (product-apim v4.5.0 `all-in-one-apim/README.md` and `…/startup-scripts/api-manager.sh`, which has no
   * profile option; APIM docs 4.5.0 'Simple Scalable Setup', "Start the All-in-One nodes").
   */
  readonly start: Readonly<Record<ApimKind, StartCommand>>;
  /**
   * A separate Key Manager node exists (4.3+): the `api-key-manager-node` profile of the API-M pack on 4.3 and 4.4
   * (product-apim v4.3.0 / v4.4.0 profileSetup.sh, deployment-templates/api-key-manager-node.toml; APIM docs 4.3.0
   * 'Distributed Deployment with Key Manager Separated'), a copy of the API Control Plane optimised with the
   * `key-manager` profile and started by `key-manager.sh` from 4.5 (product-apim v4.5.0–v4.7.0
   * api-control-plane/…/startup-scripts/key-manager.sh; helm-apim 4.5.x–4.7.x distributed/key-manager). 4.0–4.2 keep
   * only the deprecated `api-key-manager-deprecated` profile, which APIM docs 4.0.0 'Configuring a Distributed API-M
   * Deployment with Key Manager Separation' reserve for deployments migrated from 3.x that use opaque tokens; there
   * the control plane is the Key Manager.
   */
  readonly separateKeyManager: boolean;
  /** WSO2 Identity Server as the Key Manager of this version: see `IdentityServerFacts`. */
  readonly identityServer: IdentityServerFacts;
}

/**
 * What API-M needs to use WSO2 Identity Server as its Key Manager, per API-M version.
 */
export interface IdentityServerFacts {
  /**
   * The WSO2-IS connector (wso2-extensions/apim-km-wso2is 1.x) the version pins, whose jars and keymanager-operations
   * webapp go into IS 5.11 / 6.x: product-apim `pom.xml` `wso2is.km.version` at each tag (4.5+: `all-in-one-apim/pom.xml`).
   * The docs' download matches the pin where they name one (APIM docs 4.0.0 'Configure WSO2 IS as a Key Manager':
   * wso2is-extensions-1.2.10; the IS 6.x connector page: 1.7.11, the 4.4.0 pin).
   */
  readonly connector: string;
  /** The WSO2 IS 7 connector API-M ships (apim-km-wso2is 2.x, `wso2is7.km.version`, product-apim v4.3.0+ pom.xml); none before 4.3. */
  readonly is7Connector: string | undefined;
  /**
   * The `wso2is.notification.event.handlers` jar WSO2's docs drop into IS 7 for this version, where they name one:
   * 2.1.3 in APIM docs 4.7.0 'Pattern 6: All-in-One with WSO2 IS as Key Manager'. Earlier pages name 2.0.5, which no
   * API-M pin matches, so it is left unknown there (APIM059).
   */
  readonly is7EventHandler: string | undefined;
  /**
   * The IS versions WSO2's docs for this API-M version name for IS as the (resident) Key Manager: 5.11.0 (APIM docs
   * 4.0.0 'Set up WSO2 Identity Server as a Key Manager'; the 4.1.0 upgrade guides), 6.0.0 or 6.1.0 (APIM docs 4.4.0+
   * 'Configure WSO2 IS 6.x as a Key Manager'). No stored source names one for 4.2 or 4.3 (APIM056 asks to check).
   */
  readonly residentVersions: readonly IsVersion[];
  /**
   * `[oauth.grant_type.token_exchange]` is read (4.1+: the key lists; helm-apim 4.2.x+ writes `enable = false` on the
   * gateway and control plane when `iskm.enabled`).
   */
  readonly tokenExchangeKeys: boolean;
  /**
   * The default `[system.parameter] 'org.wso2.CipherTransformation'`: RSA/ECB/OAEPwithSHA1andMGF1Padding on 4.0–4.6,
   * AES/GCM/NoPadding on 4.7 (product-apim default.json at each tag). IS sharing API-M's databases must use the same
   * (product-apim #12658).
   */
  readonly cipherTransformation: string;
  /**
   * The API-M pack ships `apim-is-plugin`, whose `bin/merge.sh <IS_HOME>` copies the connector into IS (product-apim
   * v4.2.0 `modules/distribution/apim-is-plugin`; not in v4.0.0 / v4.1.0).
   */
  readonly apimIsPlugin: boolean;
}

/** How a kind of node is started: the script and its arguments, in which distribution. */
export interface StartCommand {
  readonly script: string;
  readonly args: string;
  readonly distribution: string;
  readonly product: string;
  readonly profileSetup?: string | undefined;
}

/**
 * The table's type: a row for every `ProductVersion`, each naming its own version. A version without a row, a row
 * without a fact, or a row under another version's key does not compile (tests/model/versions.test.ts checks that).
 */
export type VersionTable = { readonly [V in ProductVersion]: VersionFacts & { readonly version: V } };

/** How a kind of node is packaged and started: three facts that change together, in two named sets below. */
type HowStarted = Pick<VersionFacts, 'componentDistributions' | 'serverRole' | 'start'>;

/**
 * The All-in-One: the whole pack started with no profile, `server_role = "default"` (product-apim v4.0.0 and v4.5.0
 * `all-in-one-apim/…/conf/deployment.toml`; helm-apim 4.5.x all-in-one/confs/instance-1/deployment.toml).
 */
const ALL_IN_ONE_START = { script: 'api-manager.sh', args: '', distribution: 'wso2am', product: 'WSO2 API Manager' } as const;

const PROFILE_START = (profile: string) => ({
  script: 'api-manager.sh',
  args: `-Dprofile=${profile}`,
  distribution: 'wso2am',
  product: 'WSO2 API Manager',
});

/**
 * 4.0–4.4: one API-M pack, each kind a profile (APIM docs 'API-M Profiles'; product-apim infer.json server_role). The
 * Key Manager profile differs: 4.0–4.2 `api-key-manager-deprecated` (its own server_role; product-apim v4.0.0
 * deployment-templates/api-key-manager-deprecated.toml), 4.3–4.4 `api-key-manager-node`, whose template runs with
 * `server_role = "control-plane"` (product-apim v4.3.0 deployment-templates/api-key-manager-node.toml; infer.json has no
 * role of that name; helm-apim 4.3.x / 4.4.x distributed/key-manager/confs/deployment.toml).
 */
function startedAsProfiles(keyManager: 'api-key-manager-deprecated' | 'api-key-manager-node'): HowStarted {
  return {
    componentDistributions: false,
    serverRole: {
      gateway: 'gateway-worker',
      'control-plane': 'control-plane',
      'traffic-manager': 'traffic-manager',
      'key-manager': keyManager === 'api-key-manager-node' ? 'control-plane' : keyManager,
      'all-in-one': 'default',
    },
    start: {
      gateway: PROFILE_START('gateway-worker'),
      'control-plane': PROFILE_START('control-plane'),
      'traffic-manager': PROFILE_START('traffic-manager'),
      'key-manager': { ...PROFILE_START(keyManager), profileSetup: keyManager },
      'all-in-one': ALL_IN_ONE_START,
    },
  };
}

/**
 * 4.5–4.7: a distribution per kind, each with only the `default` server role (C13; APIM docs 4.5.0 'Deployment
 * Overview'; product-apim v4.5.0–v4.7.0 component READMEs, startup-scripts and infer.json, unchanged in 4.6 and 4.7).
 */
const STARTED_AS_COMPONENTS: HowStarted = {
  componentDistributions: true,
  serverRole: {
    gateway: 'default',
    'control-plane': 'default',
    'traffic-manager': 'default',
    'key-manager': 'default',
    'all-in-one': 'default',
  },
  start: {
    gateway: { script: 'gateway.sh', args: '', distribution: 'wso2am-universal-gw', product: 'WSO2 Universal Gateway' },
    'control-plane': { script: 'api-cp.sh', args: '', distribution: 'wso2am-acp', product: 'WSO2 API Control Plane' },
    'traffic-manager': { script: 'traffic-manager.sh', args: '', distribution: 'wso2am-tm', product: 'WSO2 Traffic Manager' },
    // A copy of the API Control Plane: key-manager.sh sets no profile itself, profileSetup.sh applies it (product-apim
    // v4.5.0 api-control-plane/…/startup-scripts/key-manager.sh, profileSetup.sh `-Dprofile=key-manager`).
    'key-manager': {
      script: 'key-manager.sh',
      args: '',
      distribution: 'wso2am-acp',
      product: 'WSO2 API Control Plane',
      profileSetup: 'key-manager',
    },
    'all-in-one': ALL_IN_ONE_START,
  },
};

/** The default cipher transformations (product-apim default.json: 4.0–4.6 RSA OAEP, 4.7 AES/GCM). */
const RSA_OAEP = 'RSA/ECB/OAEPwithSHA1andMGF1Padding';
const AES_GCM = 'AES/GCM/NoPadding';

/** Facts that hold on every version before 4.6, written once for the rows 4.0–4.5. */
const BEFORE_4_6 = {
  defaultAnalyticsType: 'choreo',
  moesifBaseUrl: false,
  gatewayId: false,
  internalEncryptionKey: false,
  embeddedDatabaseInDefaults: false,
  nonPersistentTokens: false,
  distributedThrottling: false,
} as const satisfies Partial<VersionFacts>;

/** Every fact of every version, one row per version (tests/model/versions.test.ts reads it fact by fact). */
export const VERSION_FACTS = {
  '4.0.0': {
    version: '4.0.0',
    identityServer: {
      connector: '1.2.10',
      is7Connector: undefined,
      is7EventHandler: undefined,
      residentVersions: ['5.11'],
      tokenExchangeKeys: false,
      cipherTransformation: RSA_OAEP,
      apimIsPlugin: false,
    },
    ...startedAsProfiles('api-key-manager-deprecated'),
    separateKeyManager: false,
    ...BEFORE_4_6,
    distributedPattern: undefined,
    keyManagerPattern: undefined,
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
    identityServer: {
      connector: '1.4.2',
      is7Connector: undefined,
      is7EventHandler: undefined,
      residentVersions: ['5.11'],
      tokenExchangeKeys: true,
      cipherTransformation: RSA_OAEP,
      apimIsPlugin: false,
    },
    ...startedAsProfiles('api-key-manager-deprecated'),
    separateKeyManager: false,
    ...BEFORE_4_6,
    distributedPattern: undefined,
    keyManagerPattern: undefined,
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
    identityServer: {
      connector: '1.6.8',
      is7Connector: undefined,
      is7EventHandler: undefined,
      residentVersions: [],
      tokenExchangeKeys: true,
      cipherTransformation: RSA_OAEP,
      apimIsPlugin: true,
    },
    ...startedAsProfiles('api-key-manager-deprecated'),
    separateKeyManager: false,
    ...BEFORE_4_6,
    distributedPattern: undefined,
    keyManagerPattern: undefined,
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
    identityServer: {
      connector: '1.7.8',
      is7Connector: '2.0.2',
      is7EventHandler: undefined,
      residentVersions: [],
      tokenExchangeKeys: true,
      cipherTransformation: RSA_OAEP,
      apimIsPlugin: true,
    },
    ...startedAsProfiles('api-key-manager-node'),
    separateKeyManager: true,
    ...BEFORE_4_6,
    distributedPattern: undefined,
    keyManagerPattern: undefined,
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
    identityServer: {
      connector: '1.7.11',
      is7Connector: '2.0.3',
      is7EventHandler: undefined,
      residentVersions: ['6.0', '6.1'],
      tokenExchangeKeys: true,
      cipherTransformation: RSA_OAEP,
      apimIsPlugin: true,
    },
    ...startedAsProfiles('api-key-manager-node'),
    separateKeyManager: true,
    ...BEFORE_4_6,
    distributedPattern: undefined,
    keyManagerPattern: undefined,
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
    identityServer: {
      connector: '1.7.12',
      is7Connector: '2.0.4',
      is7EventHandler: undefined,
      residentVersions: ['6.0', '6.1'],
      tokenExchangeKeys: true,
      cipherTransformation: RSA_OAEP,
      apimIsPlugin: true,
    },
    ...STARTED_AS_COMPONENTS,
    separateKeyManager: true,
    ...BEFORE_4_6,
    distributedPattern: 'Pattern 3: Distributed Deployment with Gateway and Traffic Manager Separated',
    keyManagerPattern: 'Pattern 4: Fully Distributed Setup',
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
  '4.6.0': {
    version: '4.6.0',
    identityServer: {
      connector: '1.7.17',
      is7Connector: '2.0.8',
      is7EventHandler: undefined,
      residentVersions: ['6.0', '6.1'],
      tokenExchangeKeys: true,
      cipherTransformation: RSA_OAEP,
      apimIsPlugin: true,
    },
    ...STARTED_AS_COMPONENTS,
    separateKeyManager: true,
    distributedPattern: 'Pattern 3: Distributed Setup',
    keyManagerPattern: 'Pattern 4: Fully Distributed Setup',
    controlPlaneRunsTrafficManager: false,
    gatewayWebSocketHealthCheck: true,
    defaultEnvironmentName: 'Default',
    controlPlanePublishesToTrafficManager: false,
    controlPlanePeerKeys: { eventHub: true, throttling: false },
    apikeySubscriptionValidation: false,
    // product-apim v4.6.0 api-control-plane/…/conf/deployment.toml
    controlPlaneGatewayTypes: 'Regular,APK,AWS,Azure,Kong,Envoy',
    gatewayThrottlingServiceUrlWithSeparateTm: false,
    trafficManagerKeyManager: false,
    trafficManagerGatewayEnvironment: false,
    gatewayEventHubAlways: true,
    environmentProvider: true,
    environmentGatewayType: true,
    h2AutoServer: false,
    // APIM docs 4.6.0 Moesif guide ("replaces Choreo Analytics"); product-apim v4.6.0 gateway default toml type = "moesif"
    analytics: { choreo: 'deprecated', elk: 'yes', opensearch: 'yes', moesif: 'yes' },
    defaultAnalyticsType: 'moesif',
    // apim-analytics-publisher v1.2.33 (product-apim v4.6.0 gateway/pom.xml)
    moesifBaseUrl: true,
    analyticsLogAppenderByHand: false,
    // carbon-apimgt v9.32.147 default.json apim.gateway_notification.gateway_id, GatewayNotifier.java
    gatewayId: true,
    // product-apim v4.6.0 default.json: KeyStoreBasedInternalCryptoProvider, no key needed
    internalEncryptionKey: false,
    embeddedDatabaseInDefaults: false,
    // product-apim v4.6.0 api-control-plane default.json oauth.token_persistence.enable = true
    nonPersistentTokens: false,
    // carbon-apimgt v9.32.147 api-manager.xml.j2 apim.distributed_throttling; helm-apim 4.6.x distributedThrottling
    distributedThrottling: true,
  },
  '4.7.0': {
    version: '4.7.0',
    identityServer: {
      connector: '1.8.8',
      is7Connector: '2.1.3',
      is7EventHandler: '2.1.3',
      residentVersions: ['6.0', '6.1'],
      tokenExchangeKeys: true,
      cipherTransformation: AES_GCM,
      apimIsPlugin: true,
    },
    ...STARTED_AS_COMPONENTS,
    separateKeyManager: true,
    // APIM docs 4.7.0 'Pattern 3: Distributed Setup'
    distributedPattern: 'Pattern 3: Distributed Setup',
    keyManagerPattern: 'Pattern 4: Fully Distributed Setup',
    controlPlaneRunsTrafficManager: false,
    gatewayWebSocketHealthCheck: true,
    defaultEnvironmentName: 'Default',
    controlPlanePublishesToTrafficManager: false,
    controlPlanePeerKeys: { eventHub: true, throttling: false },
    apikeySubscriptionValidation: false,
    // product-apim v4.7.0 api-control-plane/…/conf/deployment.toml (commit 0141989eb)
    controlPlaneGatewayTypes: 'Regular,APK,AWS,Azure,Kong,Envoy,APIPlatform',
    gatewayThrottlingServiceUrlWithSeparateTm: false,
    trafficManagerKeyManager: false,
    trafficManagerGatewayEnvironment: false,
    gatewayEventHubAlways: true,
    environmentProvider: true,
    environmentGatewayType: true,
    h2AutoServer: false,
    // APIM docs 4.7.0: Choreo analytics "has been deprecated"; product-apim v4.7.0 gateway default toml type = "moesif"
    analytics: { choreo: 'deprecated', elk: 'yes', opensearch: 'yes', moesif: 'yes' },
    defaultAnalyticsType: 'moesif',
    // apim-analytics-publisher v1.2.36 (product-apim v4.7.0 gateway/pom.xml)
    moesifBaseUrl: true,
    analyticsLogAppenderByHand: false,
    // carbon-apimgt v9.33.122 default.json apim.gateway_notification.gateway_id
    gatewayId: true,
    // product-apim v4.7.0 default.json SymmetricKeyInternalCryptoProvider; api-manager#4891; helm-apim 4.7.x [encryption]
    internalEncryptionKey: true,
    // product-apim commit dd8ad8f5a: H2 apim_db / shared_db in the gateway and TM default.json
    embeddedDatabaseInDefaults: true,
    // product-apim v4.7.0 api-control-plane deployment.toml [[oauth.extensions.token_types]] ExtendedJWTTokenIssuer
    nonPersistentTokens: true,
    // carbon-apimgt v9.33.122 api-manager.xml.j2 apim.distributed_throttling; helm-apim 4.7.x distributedThrottling
    distributedThrottling: true,
  },
} satisfies VersionTable;

/** A version as WSO2's docs write it in prose: "4.7" for 4.7.0. */
export function versionName(version: ProductVersion): string {
  return version.replace(/\.0$/, '');
}

/** The facts of one version: its row of `VERSION_FACTS`. */
export function versionFacts(version: ProductVersion): VersionFacts {
  return VERSION_FACTS[version];
}
