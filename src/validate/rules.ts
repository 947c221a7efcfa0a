/**
 * Every validation rule, in one table: its stable code, severity, what it checks and the WSO2 source it
 * comes from. The README's rules table is rendered from it (`rulesTableMarkdown`), diagnostics take
 * their severity from it (`report`), and a test checks that the codes the rules emit and the table
 * agree. Conditions WSO2's guidance warns about that cannot arise from what the designer expresses
 * (the generator makes them impossible, or the topology cannot state them) are listed with the reason.
 */
import type { Diagnostic, DiagnosticAction, Severity } from '../model/index.ts';

export interface ImplementedRule {
  code: string;
  severity: Severity;
  title: string;
  /** The WSO2 source the rule comes from: a docs page, or a product file at a release tag. */
  source: string;
  applies: 'yes';
  /** What the rule reads when it is not the topology: `deployment.toml` for the key check (keys.ts). */
  reads?: 'deployment.toml';
}

export interface NotApplicableRule {
  code?: undefined;
  /** How much it would matter, were it possible. */
  severity: Severity;
  title: string;
  source: string;
  applies: { notApplicable: string };
}

export type RuleEntry = ImplementedRule | NotApplicableRule;

export const RULES = [
  // Structure (structure.ts)
  { code: 'APIM001', severity: 'error', title: 'a link the rules refuse', source: 'the link rules (README, "Links")', applies: 'yes' },
  {
    code: 'APIM002',
    severity: 'error',
    title: 'a link to a node that does not exist',
    source: 'the topology format (README, "The topology format")',
    applies: 'yes',
  },
  {
    code: 'APIM003',
    severity: 'warning',
    title: 'the same two nodes linked twice',
    source: 'the topology format (README, "The topology format")',
    applies: 'yes',
  },
  {
    code: 'APIM004',
    severity: 'error',
    title: 'two nodes with one id',
    source: 'the topology format (README, "The topology format"): the id names the node\'s folder',
    applies: 'yes',
  },
  {
    code: 'APIM005',
    severity: 'warning',
    title: 'a load balancer that fronts nothing',
    source: 'APIM docs "Configuring the Proxy Server and the Load Balancer": a load balancer forwards to the nodes of one tier',
    applies: 'yes',
  },
  {
    code: 'APIM006',
    severity: 'warning',
    title: 'a load balancer that fronts a single node',
    source:
      'APIM docs 4.1–4.5, distributed deployment with the Traffic Manager separated, HA steps: a load balancer fronts two or more nodes',
    applies: 'yes',
  },
  {
    code: 'APIM007',
    severity: 'error',
    title: 'a load balancer fronting nodes of different kinds',
    source:
      'APIM docs "Configuring the Proxy Server and the Load Balancer": one upstream per tier (HA for Gateway, Control Plane, Traffic Manager)',
    applies: 'yes',
  },
  {
    code: 'APIM008',
    severity: 'error',
    title: 'a node behind two load balancers',
    source: 'the link rules (README, "Links")',
    applies: 'yes',
  },
  {
    code: 'APIM009',
    severity: 'error',
    title: 'a node calling a cluster it cannot talk to',
    source: 'the link rules (README, "Links")',
    applies: 'yes',
  },
  {
    code: 'APIM010',
    severity: 'error',
    title: 'a gateway, traffic manager or Key Manager with no control plane',
    source:
      "APIM docs 4.1–4.5, distributed deployment with the Traffic Manager separated: gateways and traffic managers use the control plane's Key Manager and event hub; APIM docs 'Distributed Deployment with Key Manager Separated': the Key Manager's event hub and token revocations go to the control plane",
    applies: 'yes',
  },
  {
    code: 'APIM011',
    severity: 'error',
    title: 'a gateway label that names no environment',
    source:
      'APIM docs 4.1–4.5, distributed deployment with the Traffic Manager separated, Gateway: gateway_labels name the environments whose APIs the gateway deploys',
    applies: 'yes',
  },
  {
    code: 'APIM012',
    severity: 'warning',
    title: 'an environment no gateway serves',
    source:
      'APIM docs 4.1–4.5, distributed deployment with the Traffic Manager separated, Control Plane: each [[apim.gateway.environment]] is served by gateways',
    applies: 'yes',
  },
  {
    code: 'APIM013',
    severity: 'warning',
    title: 'a node linked to several separate control planes',
    source:
      'APIM docs 4.1–4.5, distributed deployment with the Traffic Manager separated: one control plane cluster, every node listed in event_listening_endpoints',
    applies: 'yes',
  },
  // Fields (fields.ts)
  {
    code: 'APIM014',
    severity: 'error',
    title: 'an invalid node id',
    source: 'the topology format (README, "The topology format"): the id names the node\'s folder in the bundle',
    applies: 'yes',
  },
  {
    code: 'APIM015',
    severity: 'error',
    title: 'an invalid host name or node IP',
    source: 'the topology format (README, "The topology format"); APIM docs "Production Deployment Guidelines" (hostname)',
    applies: 'yes',
  },
  {
    code: 'APIM016',
    severity: 'error',
    title: 'an offset or port out of range',
    source: 'the topology format (README, "The topology format"); APIM docs "Changing the Default Ports with Offset"',
    applies: 'yes',
  },
  // Ports (ports.ts)
  {
    code: 'APIM017',
    severity: 'error',
    title: 'two nodes on one host with the same offset',
    source: 'APIM docs "Changing the Default Ports with Offset": a different offset for each instance on one host',
    applies: 'yes',
  },
  {
    code: 'APIM018',
    severity: 'error',
    title: 'two nodes on one host opening the same port',
    source:
      'APIM docs "Changing the Default Ports with Offset"; APIM docs "Default Product Ports"; APIM docs "Configuring the Proxy Server and the Load Balancer"',
    applies: 'yes',
  },
  // Deployment (deployment.ts)
  {
    code: 'APIM019',
    severity: 'error',
    title: 'a gateway that does not reach every traffic manager',
    source:
      'APIM docs 4.1–4.5, distributed deployment with the Traffic Manager separated, Gateway: one throttle_decision_endpoint and url_group per Traffic Manager node; without one, the control plane runs the Traffic Manager (APIM docs "API-M Distributed Deployment - Overview", 4.1.0)',
    applies: 'yes',
  },
  {
    code: 'APIM020',
    severity: 'error',
    title: 'a gateway, traffic manager or Key Manager that does not listen to every control plane',
    source:
      'APIM docs 4.1–4.5, distributed deployment with the Traffic Manager separated: event_listening_endpoints list every control plane node',
    applies: 'yes',
  },
  {
    code: 'APIM021',
    severity: 'warning',
    title: 'a high-availability tier without a load balancer',
    source:
      'APIM docs 4.1–4.5, distributed deployment with the Traffic Manager separated, HA steps ("a load balancer fronting the two nodes"); APIM docs "Configuring the Proxy Server and the Load Balancer"',
    applies: 'yes',
  },
  {
    code: 'APIM022',
    severity: 'warning',
    title: 'a control-plane load balancer without sticky sessions (virtual machines)',
    source:
      'APIM docs "Configuring the Proxy Server and the Load Balancer", HA for Control Plane (sticky sessions, or ip_hash on NGINX community)',
    applies: 'yes',
  },
  {
    code: 'APIM023',
    severity: 'warning',
    title: 'an environment served by several gateway clusters',
    source:
      'APIM docs 4.1–4.5, distributed deployment with the Traffic Manager separated, Control Plane: one set of endpoints per environment (the gateway load balancer)',
    applies: 'yes',
  },
  // Databases (databases.ts)
  {
    code: 'APIM024',
    severity: 'error',
    title: 'control planes and traffic managers that do not share one database',
    source:
      'APIM docs "API-M Distributed Deployment - Overview" (databases per profile); "Changing to MySQL" (every component on the same databases)',
    applies: 'yes',
  },
  {
    code: 'APIM025',
    severity: 'warning',
    title: 'embedded H2 on a control plane in a multi-node topology',
    source: 'APIM docs "Installing and Configuring the Databases"; APIM docs "Production Deployment Guidelines" (an external RDBMS)',
    applies: 'yes',
  },
  // Versions and settings (versions.ts)
  {
    code: 'APIM026',
    severity: 'error',
    title: 'API-M 4.5 or later without a traffic manager',
    source:
      'APIM docs 4.5.0 "API-M Distributed Deployment - Overview" (the API Control Plane excludes the Traffic Manager); APIM docs 4.7.0 "Pattern 3: Distributed Setup" (the Traffic Manager, a distribution of its own); APIM docs 4.5.0 "Simple Scalable Setup" (Pattern 2: gateways on an All-in-One, which runs one)',
    applies: 'yes',
  },
  {
    code: 'APIM027',
    severity: 'warning',
    title: 'a setting the chosen API-M version does not read, or has deprecated',
    source:
      'APIM docs analytics guides: Choreo "Configure the API Gateway", ELK (4.3.0), OpenSearch (4.5.0), Moesif (4.1.0, update level 242+; 4.6.0: "Moesif-powered WSO2 Analytics replaces Choreo Analytics")',
    applies: 'yes',
  },
  {
    code: 'APIM028',
    severity: 'warning',
    title: 'analytics on without an auth token',
    source: 'APIM docs Choreo "Configure the API Gateway" (auth_token, the on-prem key); Moesif integration guide (moesifKey)',
    applies: 'yes',
  },
  // Hardening (hardening.ts)
  {
    code: 'APIM029',
    severity: 'warning',
    title: 'the default super admin password',
    source: 'APIM docs "Production Deployment Guidelines"; APIM docs "Encrypting Passwords in Configuration Files"',
    applies: 'yes',
  },
  {
    code: 'APIM030',
    severity: 'warning',
    title: 'the default keystore or truststore password',
    source:
      'APIM docs "Configuring Keystores in WSO2 API Manager" (the shipped wso2carbon passwords); APIM docs "Production Deployment Guidelines"',
    applies: 'yes',
  },
  {
    code: 'APIM031',
    severity: 'warning',
    title: 'default or trivial database credentials',
    source: 'APIM docs "Production Deployment Guidelines"; APIM docs "Encrypting Passwords in Configuration Files"',
    applies: 'yes',
  },
  {
    code: 'APIM032',
    severity: 'warning',
    title: 'passwords written in plain text',
    source:
      'APIM docs "Encrypting Passwords in Configuration Files"; APIM docs "Set Passwords using Environment Variables/System Properties"',
    applies: 'yes',
  },
  {
    code: 'APIM033',
    severity: 'warning',
    title: 'a $secret{…} reference the generated files do not define',
    source:
      'APIM docs "Encrypting Passwords in Configuration Files": $secret{alias} needs its alias in [secrets], the last table of the file',
    applies: 'yes',
  },
  {
    code: 'APIM034',
    severity: 'warning',
    title: 'a secret left out of a share link, still a placeholder',
    source: 'APIM docs "Encrypting Passwords in Configuration Files"; share links carry no secrets (README, "Share links and files")',
    applies: 'yes',
  },
  // Keys (keys.ts)
  {
    code: 'APIM035',
    severity: 'warning',
    title: 'a deployment.toml key the chosen API-M version does not read',
    source:
      'the key lists of each release: wso2/product-apim conf/templates and default.json at the release tag, wso2/carbon-apimgt conf_templates at the version it pins; wso2/config-mapper ignores any other key',
    applies: 'yes',
    reads: 'deployment.toml',
  },
  // Gateway environments (structure.ts, deployment.ts)
  {
    code: 'APIM036',
    severity: 'error',
    title: 'gateways behind one load balancer that serve different environments',
    source:
      'APIM docs 4.1–4.5, distributed deployment with the Traffic Manager separated, Gateway: gateway_labels ("the Gateway will filter out its relevant deploy/undeploy events"); the load balancer spreads every call over all its members',
    applies: 'yes',
  },
  {
    code: 'APIM037',
    severity: 'error',
    title: 'no gateway environment',
    source: 'wso2/product-apim default deployment.toml ([[apim.gateway.environment]]): APIs are deployed to an environment',
    applies: 'yes',
  },
  {
    code: 'APIM038',
    severity: 'warning',
    title: 'CORS allow_headers without apikey or Internal-Key',
    source:
      'wso2/product-apim default deployment.toml [apim.cors] (PR #7633 apikey, PR #10315 Internal-Key): try-out with an API key and the Publisher test console',
    applies: 'yes',
  },
  {
    code: 'APIM039',
    severity: 'error',
    title: 'a password, user name, alias or file name with spaces at its ends, a tab or a line break',
    source:
      'README, "The runbook": its keytool and database commands take each value as one shell word, the deployment.toml keeps it as typed; APIM docs "Creating New Keystores" (keytool)',
    applies: 'yes',
  },
  {
    code: 'APIM040',
    severity: 'warning',
    title: 'a reference ($env{…}, ${…} …) in a value that is not a password or token',
    source:
      'APIM docs "Set Passwords using Environment Variables/System Properties" and "Encrypting Passwords in Configuration Files": config-mapper resolves $env{}, $sys{}, $secret{} and ${} in deployment.toml when the node starts; nginx and the shell do not read that syntax',
    applies: 'yes',
  },
  // Gateway notification (versions.ts)
  {
    code: 'APIM041',
    severity: 'error',
    title: 'two gateways with one gateway_id (4.6+)',
    source:
      'carbon-apimgt v9.32.147 GatewayNotifier (gateways register with the control plane under [apim.gateway_notification] gateway_id); APIM docs 4.6.0, distributed deployment with the Traffic Manager separated, Gateway: "a unique identifier for each Gateway node"',
    applies: 'yes',
  },
  // Internal encryption (versions.ts)
  {
    code: 'APIM042',
    severity: 'error',
    title: 'API-M 4.7 or later without an internal encryption key',
    source:
      'product-apim v4.7.0 default.json (SymmetricKeyInternalCryptoProvider) and carbon-kernel v4.11.18 carbon.xml.j2 ([encryption] key, no default); api-manager#4891 and docs-apim PR #10936: a mandatory key, the same on every node; helm-apim 4.7.x refuses to render without one',
    applies: 'yes',
  },
  // Distributed throttling (throttling.ts; APIM047 in hardening.ts); APIM048 below
  {
    code: 'APIM043',
    severity: 'error',
    title: 'Redis distributed throttling before API-M 4.6',
    source:
      'carbon-apimgt v9.32.147 api-manager.xml.j2 (apim.distributed_throttling, new in 4.6; not read by 4.5); helm-apim 4.6.x adds distributedThrottling, 4.5.x has none',
    applies: 'yes',
  },
  {
    code: 'APIM044',
    severity: 'error',
    title: 'control planes and traffic managers on different Redis servers',
    source:
      'APIM docs 4.6.0 "Configuring Distributed Rate Limiting for an API Gateway Cluster" (Redis on both the control plane and the traffic managers); one [apim.distributed_throttling.keyvalue_store] host',
    applies: 'yes',
  },
  {
    code: 'APIM045',
    severity: 'error',
    title: 'some control planes or traffic managers on Redis, others counting alone',
    source:
      'APIM docs 4.6.0 "Configuring Distributed Rate Limiting for an API Gateway Cluster" (Redis on both the control plane and the traffic managers); helm-apim 4.6.x distributedThrottling on the control-plane and traffic-manager charts',
    applies: 'yes',
  },
  {
    code: 'APIM046',
    severity: 'warning',
    title: 'a Redis that no control plane or traffic manager uses',
    source:
      'APIM docs 4.6.0 "Configuring Distributed Rate Limiting for an API Gateway Cluster" (Redis on both the control plane and the traffic managers)',
    applies: 'yes',
  },
  {
    code: 'APIM047',
    severity: 'warning',
    title: 'Redis without a password',
    source:
      'APIM docs "Production Deployment Guidelines"; APIM docs 4.6.0 "Configuring Distributed Rate Limiting for an API Gateway Cluster" (keyvalue_store user and password)',
    applies: 'yes',
  },
  // Internal encryption (versions.ts)
  {
    code: 'APIM048',
    severity: 'error',
    title: 'an internal encryption key AES cannot use (4.7+)',
    source:
      'carbon-kernel org.wso2.carbon.crypto.provider SymmetricKeyInternalCryptoProvider (determineEncodingAndEncode: 64 or 48 characters are hexadecimal, any other key is its bytes; AES keys are 16, 24 or 32 bytes); APIM docs 4.7.0: openssl rand -hex 32',
    applies: 'yes',
  },
  // Key Managers (keyManagers.ts)
  {
    code: 'APIM049',
    severity: 'error',
    title: 'a separate Key Manager before API-M 4.3',
    source:
      "product-apim v4.0.0–v4.2.0 profileSetup.sh (only the deprecated api-key-manager-deprecated profile; api-key-manager-node from v4.3.0); APIM docs 4.0.0 'Configuring a Distributed API-M Deployment with Key Manager Separation' (for migrated opaque-token deployments only)",
    applies: 'yes',
  },
  {
    code: 'APIM050',
    severity: 'warning',
    title: 'a gateway or control plane that does not use the separate Key Manager',
    source:
      "APIM docs 'Distributed Deployment with Key Manager Separated' (gateways and control planes name the Key Manager in [apim.key_manager]); helm-apim 4.5.x distributed/gateway and control-plane km.serviceUrl",
    applies: 'yes',
  },
  {
    code: 'APIM051',
    severity: 'warning',
    title: 'a node linked to several separate Key Managers',
    source: "APIM docs 'Distributed Deployment with Key Manager Separated': one Key Manager service_url, the Key Managers' load balancer",
    applies: 'yes',
  },
  // All-in-One (allInOne.ts)
  {
    code: 'APIM052',
    severity: 'error',
    title: 'All-in-One nodes beside control planes or traffic managers',
    source:
      'APIM docs 4.5.0 "Deployment Overview" and 4.7.0 "Deployment Patterns": Patterns 0-2 use All-in-One nodes, Pattern 3 the API Control Plane with Traffic Managers; no pattern mixes them (each would run its own event hub and Key Manager on one database)',
    applies: 'yes',
  },
  {
    code: 'APIM053',
    severity: 'error',
    title: 'a gateway wired to an All-in-One and to a control plane or traffic manager',
    source: 'APIM docs 4.5.0 "Simple Scalable Setup", Gateway: the Key Manager, event hub and throttling all name the All-in-One nodes',
    applies: 'yes',
  },
  // WSO2 Identity Server as the Key Manager (identityServers.ts)
  {
    code: 'APIM054',
    severity: 'error',
    title: 'WSO2 IS 7 on an API-M version without the IS 7 connector (before 4.3)',
    source:
      "product-apim v4.3.0 pom.xml wso2is7.km.version (first pinned in 4.3.0); APIM docs 4.3.0 'Configure WSO2 IS 7.x as a Key Manager': a third-party Key Manager only",
    applies: 'yes',
  },
  {
    code: 'APIM055',
    severity: 'warning',
    title: 'a gateway or traffic manager linked to WSO2 IS 7 as to a resident Key Manager',
    source:
      "APIM docs 4.3.0 / 4.4.0 'Configure WSO2 IS 7.x as a Key Manager', Limitations, and APIM docs 4.6.0 'Pattern 6': IS 7 cannot be the Resident Key Manager; it is added in the Admin portal",
    applies: 'yes',
  },
  {
    code: 'APIM056',
    severity: 'warning',
    title: "an Identity Server version WSO2's docs for the API-M version do not name as its Key Manager",
    source:
      "APIM docs 4.0.0 'Set up WSO2 Identity Server as a Key Manager' (IS 5.11.0); APIM docs 4.4.0+ 'Configure WSO2 IS 6.x as a Key Manager' (IS 6.0.0 or 6.1.0); the IS-KM 5.10.0 page of API-M 3.1",
    applies: 'yes',
  },
  {
    code: 'APIM057',
    severity: 'warning',
    title: 'a resident Identity Server that shares no database with API-M',
    source: "APIM docs 4.0.0 'Set up WSO2 Identity Server as a Key Manager', Step 3: IS and API-M share WSO2SHARED_DB",
    applies: 'yes',
  },
  {
    code: 'APIM058',
    severity: 'warning',
    title: "API-M 4.7's AES/GCM encryption on a database shared with a resident Identity Server",
    source:
      'product-apim #12658 (API-M and IS on a shared database must use the same cipher transformation); product-apim v4.7.0 default.json (AES/GCM/NoPadding, SymmetricKeyInternalCryptoProvider)',
    applies: 'yes',
  },
  {
    code: 'APIM059',
    severity: 'warning',
    title: "IS 7's notification handler jar of a version WSO2's docs do not confirm",
    source:
      "APIM docs 4.7.0 'Pattern 6' (wso2is.notification.event.handlers-2.1.3.jar); the IS 7 connector page (2.0.5, which no API-M pom.xml pins)",
    applies: 'yes',
  },
  // The Kubernetes platform (kubernetes.ts): what WSO2's Helm charts cannot express
  {
    code: 'APIM060',
    severity: 'error',
    title: 'Kubernetes: no chart for the version, or for the kind of a node',
    source: 'wso2/helm-apim: branches 4.2.x–4.7.x; the Key Manager chart from 4.3.x',
    applies: 'yes',
  },
  {
    code: 'APIM061',
    severity: 'error',
    title: "Kubernetes: a cluster larger than its chart's instances",
    source:
      'helm-apim distributed/control-plane and traffic-manager templates (instance-1, instance-2), key-manager (replicas 1 or 2), all-in-one (one pod before 4.5.x, two instances from 4.5.x)',
    applies: 'yes',
  },
  {
    code: 'APIM062',
    severity: 'error',
    title: 'Kubernetes: gateways of one release serving different environments',
    source: 'helm-apim distributed/gateway: one confs/deployment.toml and one gateway_labels value for every pod',
    applies: 'yes',
  },
  {
    code: 'APIM063',
    severity: 'error',
    title: 'Kubernetes: a port offset',
    source: 'helm-apim distributed/*/confs: cross-release URLs use the default ports (9443, 5672, 9611, 9711)',
    applies: 'yes',
  },
  {
    code: 'APIM064',
    severity: 'error',
    title: 'Kubernetes: a release name used twice, or too long for its Service names',
    source: "helm-apim templates/_helpers.tpl fullname (cut to 63 characters); Kubernetes' DNS-1035 Service names",
    applies: 'yes',
  },
  {
    code: 'APIM065',
    severity: 'error',
    title:
      'Kubernetes: wiring the charts cannot express (a separate Key Manager for the all-in-one, Identity Server, Gateway API on 4.2/4.4, no database, two engines, IP hosts, an analytics type the branch has no values for)',
    source: 'helm-apim values.yaml of each chart and branch: the values that exist',
    applies: 'yes',
  },
  {
    code: 'APIM066',
    severity: 'warning',
    title: 'Kubernetes: passwords and keys the chart branch cannot read from a Secret',
    source:
      'helm-apim existingSecret (4.5.x), jksExistingSecret (4.6.x), encryptionKeyKey (4.7.x); no Secret for the Redis password or the analytics key',
    applies: 'yes',
  },
  {
    code: 'APIM067',
    severity: 'warning',
    title: "Kubernetes: helm-apim 4.2.x's second control plane instance has no truststore settings",
    source: 'helm-apim 4.2.x distributed/control-plane/confs/instance-2/deployment.toml: no [truststore] table (instance-1 has one)',
    applies: 'yes',
  },
  // Custom TOML (customToml.ts: read with the files, by the generator; the platform rule from the topology)
  {
    code: 'APIM068',
    severity: 'error',
    title: 'custom TOML that does not parse, or holds what a deployment.toml cannot',
    source: 'wso2/config-mapper: deployment.toml is read with a TOML 0.5 parser; a file that does not parse stops the node',
    applies: 'yes',
  },
  {
    code: 'APIM069',
    severity: 'warning',
    title: 'a custom TOML key the chosen API-M version does not read',
    source:
      'the key lists of each release: wso2/product-apim conf/templates and default.json at the release tag, wso2/carbon-apimgt conf_templates at the version it pins; wso2/config-mapper ignores any other key',
    applies: 'yes',
  },
  {
    code: 'APIM070',
    severity: 'warning',
    title: 'a custom TOML key the designer also writes (the designer keeps it unless custom is let win)',
    source: 'the topology format (README, "Custom TOML"): customTomlOverrides lists the keys whose custom value wins',
    applies: 'yes',
  },
  {
    code: 'APIM071',
    severity: 'warning',
    title: 'Kubernetes: custom TOML the charts do not take',
    source: "helm-apim values.yaml of each chart: the charts write each pod's deployment.toml from their values only",
    applies: 'yes',
  },
  // Certificates (certificates.ts: read with the connection matrix, by the generator)
  {
    code: 'APIM072',
    severity: 'error',
    title: "a node's stated certificate names miss a name a peer calls it by (hostname verification fails)",
    source:
      'RFC 6125 section 6.4 (names and the one-label wildcard; no wildcard for IP addresses); APIM docs "Creating New Keystores": the certificate must name the hosts the node is reached by; wso2/kubernetes-apim#534',
    applies: 'yes',
  },
  {
    code: 'APIM073',
    severity: 'warning',
    title:
      "Kubernetes: a setting the charts have no value for, left at the chart's default (API key subscription validation on 4.2/4.3, a Gateway ID)",
    source:
      'helm-apim 4.2.x / 4.3.x confs/**/deployment.toml: no enable_apikey_subscription_validation (product-apim v4.2.0 / v4.3.0 default deployment.toml sets it); helm-apim 4.6.x / 4.7.x gatewayNotification.gatewayId: one value for every pod of a release',
    applies: 'yes',
  },
  // Conditions the designer cannot express, or the generator makes impossible
  {
    severity: 'error',
    title: 'a gateway without [apim.event_hub] while a separate TM exists',
    source:
      'APIM docs 4.1–4.5, distributed deployment with the Traffic Manager separated, Gateway [apim.event_hub]; helm-apim 4.2.x distributed/gateway/values.yaml ("should be enabled if the traffic manager is separated")',
    applies: {
      notApplicable:
        'the generator writes [apim.event_hub] on every gateway wired to a traffic manager (and on every 4.5 gateway); a gateway not wired to the traffic managers is APIM019',
    },
  },
  {
    severity: 'warning',
    title: 'several TMs in one loadbalance url_group without shared counters',
    source:
      'APIM docs 4.1–4.5, distributed deployment with the Traffic Manager separated, Gateway: one [[apim.throttling.url_group]] per Traffic Manager; APIM docs 4.6.0 "Configuring Distributed Rate Limiting for an API Gateway Cluster": one loadbalance group with Redis',
    applies: {
      notApplicable:
        'the generator writes one [[apim.throttling.url_group]] per traffic manager node, and one loadbalance group only when every traffic manager keeps its counters in Redis (4.6+)',
    },
  },
  {
    severity: 'warning',
    title: 'a TM without event_duplicate_url to its peers',
    source:
      'APIM docs 4.1–4.5, distributed deployment with the Traffic Manager separated, Traffic Manager HA: event_duplicate_url to the other Traffic Manager',
    applies: { notApplicable: 'the generator lists every other traffic manager in event_duplicate_url (all TMs form one tier)' },
  },
  {
    severity: 'error',
    title: 'CP HA without event_duplicate_url or a url_group per CP',
    source:
      'APIM docs 4.1–4.5, distributed deployment with the Traffic Manager separated, Control Plane HA; product-apim v4.0.0–v4.2.0 tokenRevokeEventJMSPublisher_2.xml.j2 (corrections B2, B3)',
    applies: { notApplicable: 'the generator writes both for every control plane (all CPs form one tier)' },
  },
  {
    severity: 'error',
    title: 'no token_revocation listener, or one aimed at the TM',
    source:
      'APIM docs 4.1–4.5, distributed deployment with the Traffic Manager separated, "Add Event Listener Configurations" (notification_endpoint on the control plane load balancer)',
    applies: {
      notApplicable:
        'the generator writes the listener on every control plane, All-in-One and Key Manager, aimed at the control plane or its LB (correction C5); with WSO2 Identity Server as the resident Key Manager it is written on IS instead, aimed the same way',
    },
  },
  {
    severity: 'warning',
    title: 'a URL to another node with a default port or ${…} placeholder',
    source: 'APIM docs "Changing the Default Ports with Offset": a ${…} port resolves on the node that reads it',
    applies: { notApplicable: "the generator always writes literal ports, default + the target's offset" },
  },
  {
    severity: 'warning',
    title: 'a TLS certificate that does not cover hostname and localhost',
    source: 'APIM docs "Creating New Keystores" (the certificate names the host)',
    applies: { notApplicable: 'certificates are not modelled' },
  },
  {
    severity: 'error',
    title: 'nodes with different primary keystores, or certificates not in every truststore',
    source:
      'APIM docs 4.1–4.5, distributed deployment with the Traffic Manager separated, step 4 ("the same primary keystore should be used for all API Manager instances")',
    applies: { notApplicable: 'one keystore and one truststore setting apply to every node; importing certificates is a runbook step' },
  },
  {
    severity: 'error',
    title: '[database.local] shared between nodes',
    source: 'APIM docs "Installing and Configuring the Databases" (the local database is per node)',
    applies: { notApplicable: 'the generator never writes [database.local]' },
  },
  {
    severity: 'error',
    title: 'a gateway without [database.shared_db]',
    source: 'APIM docs 4.1.0 "API-M Distributed Deployment - Overview" (the registry data source stays on the gateway)',
    applies: {
      notApplicable:
        "the generator writes shared_db on every gateway (H2 when no database is linked; on 4.7 the gateway's default.json holds that H2 block, product-apim commit dd8ad8f5a)",
    },
  },
  {
    severity: 'warning',
    title: '[user_store] type = "database"',
    source: 'product-apim v4.0.0–v4.5.0 default deployment.toml: type = "database_unique_id" (correction C1)',
    applies: { notApplicable: 'the generator always writes database_unique_id (correction C1)' },
  },
  {
    severity: 'error',
    title: 'Oracle in the inferred style without sid',
    source:
      'carbon-kernel infer.json database.$1.type (the Oracle URL takes sid); APIM docs "Changing to MySQL" (8.0: com.mysql.cj.jdbc.Driver)',
    applies: {
      notApplicable:
        "the generator writes sid for Oracle, and for MySQL 8 (a database node's MySQL version) the explicit url with useSSL and com.mysql.cj.jdbc.Driver",
    },
  },
  {
    severity: 'error',
    title: '--optimize without --skipConfigOptimization',
    source: 'product-apim v4.2.0 startup-scripts/profileSetup.sh (replaceDeploymentConfiguration); APIM docs "API-M Profiles"',
    applies: { notApplicable: 'the runbook never uses --optimize (and warns against it)' },
  },
  {
    severity: 'error',
    title: '-Dprofile=… on 4.5',
    source: 'APIM docs 4.5.0 "Deployment Overview" (-Dprofile is no longer supported)',
    applies: { notApplicable: 'start commands come from the version (4.5: gateway.sh, api-cp.sh, traffic-manager.sh)' },
  },
  {
    severity: 'warning',
    title: 'a server_role that does not match the node kind',
    source: 'product-apim infer.json server.server_role (v4.0.0–v4.4.0 per profile; v4.5.0: default only)',
    applies: { notApplicable: 'server_role comes from the node kind and version (4.5: default)' },
  },
  {
    severity: 'info',
    title: 'a firewall or DMZ between GW and TM / CP',
    source: 'APIM docs "Production Deployment Guidelines" (firewalls); product-apim default.json qpid.heartbeat.delay',
    applies: { notApplicable: 'networks and firewalls are not modelled' },
  },
  {
    severity: 'warning',
    title: 'analytics only on the CP, or an analytics type the version lacks',
    source:
      'APIM docs analytics guides: Choreo "Configure the API Gateway", ELK (4.3.0), OpenSearch (4.5.0), Moesif (4.1.0, update level 242+)',
    applies: {
      notApplicable: 'analytics is one global setting written on every gateway; APIM027 flags a type the chosen version does not publish',
    },
  },
  {
    severity: 'info',
    title: 'CP HA sharing one Solr index directory',
    source: 'docs-apim#6428 (the solr/ directory of control planes)',
    applies: { notApplicable: 'file systems are not modelled; each node keeps its default local solr/data' },
  },
  {
    severity: 'error',
    title: 'an emitted key the chosen version does not read',
    source:
      'the key lists of each release (src/model/wso2KeysData.ts): product-apim conf/templates and JSON at the tag, carbon-apimgt conf_templates',
    applies: {
      notApplicable:
        'a property of the generator, not of a topology: tests/generate/keys-read.test.ts checks every key of every generated file, and each generated file is checked at run time (APIM035)',
    },
  },
  {
    severity: 'info',
    title: 'a multi-tenant topology',
    source: 'APIM docs 4.1.0 "API-M Distributed Deployment - Overview" (gateways use shared_db with tenants)',
    applies: { notApplicable: 'tenants are not modelled' },
  },
  {
    severity: 'info',
    title: 'JMS between GW and TM over SSL',
    source: 'docs-apim includes/deploy/enable-jms-ssl-for-gw-tm.md and enable-jms-ssl-for-eventhub.md',
    applies: { notApplicable: 'JMS over SSL is not modelled' },
  },
  {
    severity: 'info',
    title: 'a 4.1+ CP still publishing throttling to a separate TM',
    source:
      'APIM docs 4.1–4.5, distributed deployment with the Traffic Manager separated (no control plane [apim.throttling] to the TM) versus APIM docs 4.0.0 "Configuring a Distributed API-M Deployment" (correction C10)',
    applies: { notApplicable: 'the generator writes that block for 4.0 only (correction C10)' },
  },
] as const satisfies readonly RuleEntry[];

export type RuleCode = Extract<(typeof RULES)[number], { code: string }>['code'];

const BY_CODE = new Map<string, ImplementedRule>();
for (const rule of RULES as readonly RuleEntry[]) if (rule.applies === 'yes') BY_CODE.set(rule.code, rule);

export function ruleOf(code: RuleCode): ImplementedRule {
  const rule = BY_CODE.get(code);
  if (!rule) throw new Error(`no implemented rule ${code} in the rules table`);
  return rule;
}

/** A diagnostic of a rule: its severity comes from the table, so the two cannot disagree. */
export function report(
  code: RuleCode,
  d: { message: string; fix: string; nodeIds?: string[]; linkIds?: string[]; action?: DiagnosticAction },
): Diagnostic {
  const diagnostic: Diagnostic = {
    code,
    severity: ruleOf(code).severity,
    message: d.message,
    nodeIds: d.nodeIds ?? [],
    linkIds: d.linkIds ?? [],
    fix: d.fix,
  };
  if (d.action) diagnostic.action = d.action;
  return diagnostic;
}

/** The README's rules table, as Markdown. */
export function rulesTableMarkdown(): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const lines = ['| code | severity | rule | source |', '|---|---|---|---|'];
  for (const rule of RULES as readonly RuleEntry[]) {
    if (rule.applies === 'yes') lines.push(`| ${rule.code} | ${rule.severity} | ${escape(rule.title)} | ${escape(rule.source)} |`);
  }
  lines.push('', '| condition | severity | source | why it is not checked |', '|---|---|---|---|');
  for (const rule of RULES as readonly RuleEntry[]) {
    if (rule.applies !== 'yes')
      lines.push(`| ${escape(rule.title)} | ${rule.severity} | ${escape(rule.source)} | ${escape(rule.applies.notApplicable)} |`);
  }
  return `${lines.join('\n')}\n`;
}
