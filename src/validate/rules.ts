/**
 * Every validation rule, in one table: its stable code, severity, what it checks and where the rule
 * comes from. The README's rules table is rendered from it (`rulesTableMarkdown`), diagnostics take
 * their severity from it (`report`), and a test checks that the codes the rules emit and the table
 * agree. Rules of REFERENCE.md §14 that cannot arise from what the designer expresses are listed
 * with the reason, so every V-number is accounted for.
 */
import type { Diagnostic, Severity } from '../model/index.ts';

export interface ImplementedRule {
  code: string;
  severity: Severity;
  title: string;
  /** V-number(s) of REFERENCE.md §14 and/or the section or document the rule comes from. */
  source: string;
  applies: 'yes';
  /** What the rule reads when it is not the topology: `deployment.toml` for the key check (keys.ts). */
  reads?: 'deployment.toml';
}

export interface NotApplicableRule {
  code?: undefined;
  /** The REFERENCE.md severity, for the record. */
  severity: Severity;
  title: string;
  source: string;
  applies: { notApplicable: string };
}

export type RuleEntry = ImplementedRule | NotApplicableRule;

export const RULES = [
  // Structure (structure.ts)
  { code: 'APIM001', severity: 'error', title: 'a link the rules refuse', source: 'DESIGN.md §3 (links)', applies: 'yes' },
  { code: 'APIM002', severity: 'error', title: 'a link to a node that does not exist', source: 'DESIGN.md §3', applies: 'yes' },
  { code: 'APIM003', severity: 'warning', title: 'the same two nodes linked twice', source: 'DESIGN.md §3', applies: 'yes' },
  { code: 'APIM004', severity: 'error', title: 'two nodes with one id', source: 'DESIGN.md §3', applies: 'yes' },
  { code: 'APIM005', severity: 'warning', title: 'a load balancer that fronts nothing', source: 'V11, §4', applies: 'yes' },
  { code: 'APIM006', severity: 'warning', title: 'a load balancer that fronts a single node', source: 'V11', applies: 'yes' },
  { code: 'APIM007', severity: 'error', title: 'a load balancer fronting nodes of different kinds', source: 'DESIGN.md §3, §4.2', applies: 'yes' },
  { code: 'APIM008', severity: 'error', title: 'a node behind two load balancers', source: 'DESIGN.md §3', applies: 'yes' },
  { code: 'APIM009', severity: 'error', title: 'a node calling a cluster it cannot talk to', source: 'DESIGN.md §3', applies: 'yes' },
  { code: 'APIM010', severity: 'error', title: 'a gateway or traffic manager with no control plane', source: '§2.1, §2.3 (Key Manager, event hub)', applies: 'yes' },
  { code: 'APIM011', severity: 'error', title: 'a gateway label that names no environment', source: 'V8', applies: 'yes' },
  { code: 'APIM012', severity: 'warning', title: 'an environment no gateway serves', source: 'V8', applies: 'yes' },
  { code: 'APIM013', severity: 'warning', title: 'a node linked to several separate control planes', source: 'V6, §2.2', applies: 'yes' },
  // Fields (fields.ts)
  { code: 'APIM014', severity: 'error', title: 'an invalid node id', source: 'DESIGN.md §3 (the id names the bundle folder)', applies: 'yes' },
  { code: 'APIM015', severity: 'error', title: 'an invalid host name or node IP', source: 'DESIGN.md §3, §7.1 (hostname)', applies: 'yes' },
  { code: 'APIM016', severity: 'error', title: 'an offset or port out of range', source: 'DESIGN.md §3, §3.1', applies: 'yes' },
  // Ports (ports.ts)
  { code: 'APIM017', severity: 'error', title: 'two nodes on one host with the same offset', source: 'V10, §3', applies: 'yes' },
  { code: 'APIM018', severity: 'error', title: 'two nodes on one host opening the same port', source: 'V10, §3.2, §3.3, §4', applies: 'yes' },
  // Deployment (deployment.ts)
  { code: 'APIM019', severity: 'error', title: 'a gateway that does not reach every traffic manager', source: 'V2, §2.1, §5.1 (the CP runs the TM unless one is separate)', applies: 'yes' },
  { code: 'APIM020', severity: 'error', title: 'a gateway or traffic manager that does not listen to every control plane', source: 'V6', applies: 'yes' },
  { code: 'APIM021', severity: 'warning', title: 'a high-availability tier without a load balancer', source: 'V11', applies: 'yes' },
  { code: 'APIM022', severity: 'warning', title: 'a control-plane load balancer without sticky sessions', source: 'V12, §4.2', applies: 'yes' },
  { code: 'APIM023', severity: 'warning', title: 'an environment served by several gateway clusters', source: 'V9, V11', applies: 'yes' },
  // Databases (databases.ts)
  { code: 'APIM024', severity: 'error', title: 'control planes and traffic managers that do not share one database', source: 'V16, §6.2', applies: 'yes' },
  { code: 'APIM025', severity: 'warning', title: 'embedded H2 on a control plane in a multi-node topology', source: 'V16, §6, §7.1', applies: 'yes' },
  // Versions and settings (versions.ts)
  { code: 'APIM026', severity: 'error', title: 'API-M 4.5 without a traffic manager', source: '§1.2, §11 (4.5: the API Control Plane excludes the Traffic Manager; APIM docs 4.5.0 "Understanding the distributed deployment")', applies: 'yes' },
  { code: 'APIM027', severity: 'warning', title: 'a setting the chosen API-M version does not read', source: '§10, V24', applies: 'yes' },
  { code: 'APIM028', severity: 'warning', title: 'analytics on without an auth token', source: '§10', applies: 'yes' },
  // Hardening (hardening.ts)
  { code: 'APIM029', severity: 'warning', title: 'the default super admin password', source: 'V15, §7.1', applies: 'yes' },
  { code: 'APIM030', severity: 'warning', title: 'the default keystore or truststore password', source: 'V15, §7.1, §8', applies: 'yes' },
  { code: 'APIM031', severity: 'warning', title: 'default or trivial database credentials', source: 'V15, §7.1', applies: 'yes' },
  { code: 'APIM032', severity: 'warning', title: 'passwords written in plain text', source: 'V15, §7.2', applies: 'yes' },
  { code: 'APIM033', severity: 'warning', title: 'a $secret{…} reference the generated files do not define', source: 'V15, §7.2, §13.7', applies: 'yes' },
  { code: 'APIM034', severity: 'warning', title: 'a secret left out of a share link, still a placeholder', source: 'V15, §7.2 (share links carry no secrets)', applies: 'yes' },
  // Keys (keys.ts)
  { code: 'APIM035', severity: 'warning', title: 'a deployment.toml key the chosen API-M version does not read', source: 'the key lists of each release: wso2/product-apim conf/templates and default.json at the release tag, wso2/carbon-apimgt conf_templates at the version it pins; wso2/config-mapper ignores any other key', applies: 'yes', reads: 'deployment.toml' },
  // Gateway environments (structure.ts, deployment.ts)
  { code: 'APIM036', severity: 'error', title: 'gateways behind one load balancer that serve different environments', source: 'APIM docs "Gateway environments" (gateway_labels: a gateway deploys only the APIs of its labels); the load balancer spreads an environment\'s calls over every member', applies: 'yes' },
  { code: 'APIM037', severity: 'error', title: 'no gateway environment', source: 'wso2/product-apim default deployment.toml ([[apim.gateway.environment]]): APIs are deployed to an environment', applies: 'yes' },
  { code: 'APIM038', severity: 'warning', title: 'CORS allow_headers without apikey or Internal-Key', source: 'wso2/product-apim default deployment.toml [apim.cors] (PR #7633 apikey, PR #10315 Internal-Key): try-out with an API key and the Publisher test console', applies: 'yes' },
  { code: 'APIM039', severity: 'error', title: 'a password, user name, alias or file name with spaces at its ends, a tab or a line break', source: 'the runbook\'s keytool and database commands take each value as one shell word; the deployment.toml keeps it as typed', applies: 'yes' },
  // REFERENCE.md §14 rules the designer cannot express, or the generator makes impossible
  { severity: 'error', title: 'a gateway without [apim.event_hub] while a separate TM exists', source: 'V1', applies: { notApplicable: 'the generator writes [apim.event_hub] on every gateway wired to a traffic manager (and on every 4.5 gateway); a gateway not wired to the traffic managers is APIM019' } },
  { severity: 'warning', title: 'several TMs in one loadbalance url_group', source: 'V3', applies: { notApplicable: 'the generator writes one [[apim.throttling.url_group]] per traffic manager node; the designer has no way to group them' } },
  { severity: 'warning', title: 'a TM without event_duplicate_url to its peers', source: 'V4', applies: { notApplicable: 'the generator lists every other traffic manager in event_duplicate_url (all TMs form one tier)' } },
  { severity: 'error', title: 'CP HA without event_duplicate_url or a url_group per CP', source: 'V5', applies: { notApplicable: 'the generator writes both for every control plane (all CPs form one tier)' } },
  { severity: 'error', title: 'no token_revocation listener, or one aimed at the TM', source: 'V7', applies: { notApplicable: 'the generator writes the listener on every control plane, aimed at the CP / CP-LB (correction C5); separate Key Manager nodes are not modelled' } },
  { severity: 'warning', title: 'a URL to another node with a default port or ${…} placeholder', source: 'V10 (second part)', applies: { notApplicable: 'the generator always writes literal ports, default + the target\'s offset (§3.4)' } },
  { severity: 'warning', title: 'a TLS certificate that does not cover hostname and localhost', source: 'V13', applies: { notApplicable: 'certificates are not modelled' } },
  { severity: 'error', title: 'nodes with different primary keystores, or certificates not in every truststore', source: 'V14', applies: { notApplicable: 'one keystore and one truststore setting apply to every node; importing certificates is a runbook step' } },
  { severity: 'error', title: '[database.local] shared between nodes', source: 'V16 (second part)', applies: { notApplicable: 'the generator never writes [database.local]' } },
  { severity: 'error', title: 'a gateway without [database.shared_db]', source: 'V17', applies: { notApplicable: 'the generator writes shared_db on every gateway (H2 when no database is linked)' } },
  { severity: 'warning', title: '[user_store] type = "database"', source: 'V18', applies: { notApplicable: 'the generator always writes database_unique_id (correction C1)' } },
  { severity: 'error', title: 'Oracle in the inferred style without sid', source: 'V19', applies: { notApplicable: 'the generator writes sid for Oracle, and for MySQL 8 (a database node\'s MySQL version) the explicit url with useSSL and com.mysql.cj.jdbc.Driver' } },
  { severity: 'error', title: '--optimize without --skipConfigOptimization', source: 'V20', applies: { notApplicable: 'the runbook never uses --optimize (and warns against it)' } },
  { severity: 'error', title: '-Dprofile=… on 4.5', source: 'V21', applies: { notApplicable: 'start commands come from the version (4.5: gateway.sh, api-cp.sh, traffic-manager.sh)' } },
  { severity: 'warning', title: 'a server_role that does not match the node kind', source: 'V22', applies: { notApplicable: 'server_role comes from the node kind and version (4.5: default)' } },
  { severity: 'info', title: 'a firewall or DMZ between GW and TM / CP', source: 'V23', applies: { notApplicable: 'networks and firewalls are not modelled' } },
  { severity: 'warning', title: 'analytics only on the CP, or an analytics type the band lacks', source: 'V24 (first part)', applies: { notApplicable: 'analytics is one global setting written on every gateway; APIM027 flags a type the chosen version does not publish' } },
  { severity: 'info', title: 'CP HA sharing one Solr index directory', source: 'V25', applies: { notApplicable: 'file systems are not modelled; each node keeps its default local solr/data' } },
  { severity: 'error', title: 'an emitted key not on the allow-list', source: 'V26', applies: { notApplicable: 'a property of the generator, not of a topology: checked by tests/generate/allow-list.test.ts against §13.4' } },
  { severity: 'info', title: 'a multi-tenant topology', source: 'V27', applies: { notApplicable: 'tenants are not modelled' } },
  { severity: 'info', title: 'JMS between GW and TM over SSL', source: 'V28', applies: { notApplicable: 'JMS over SSL is not modelled' } },
  { severity: 'info', title: 'a 4.1+ CP still publishing throttling to a separate TM', source: 'V29', applies: { notApplicable: 'the generator writes that block for 4.0 only (correction C10)' } },
] as const satisfies readonly RuleEntry[];

export type RuleCode = Extract<(typeof RULES)[number], { code: string }>['code'];

const BY_CODE = new Map<string, ImplementedRule>();
for (const rule of RULES as readonly RuleEntry[]) if (rule.applies === 'yes') BY_CODE.set(rule.code, rule);

export function ruleOf(code: RuleCode): ImplementedRule {
  return BY_CODE.get(code)!;
}

/** A diagnostic of a rule: its severity comes from the table, so the two cannot disagree. */
export function report(
  code: RuleCode,
  d: { message: string; fix: string; nodeIds?: string[]; linkIds?: string[] },
): Diagnostic {
  return { code, severity: ruleOf(code).severity, message: d.message, nodeIds: d.nodeIds ?? [], linkIds: d.linkIds ?? [], fix: d.fix };
}

/** The README's rules table, as Markdown. */
export function rulesTableMarkdown(): string {
  const escape = (text: string) => text.replace(/\|/g, '\\|');
  const lines = ['| code | severity | rule | source |', '|---|---|---|---|'];
  for (const rule of RULES as readonly RuleEntry[]) {
    if (rule.applies === 'yes') lines.push(`| ${rule.code} | ${rule.severity} | ${escape(rule.title)} | ${escape(rule.source)} |`);
  }
  lines.push('', '| REFERENCE rule | severity there | condition | why it is not checked |', '|---|---|---|---|');
  for (const rule of RULES as readonly RuleEntry[]) {
    if (rule.applies !== 'yes') lines.push(`| ${rule.source} | ${rule.severity} | ${escape(rule.title)} | not applicable: ${escape(rule.applies.notApplicable)} |`);
  }
  return `${lines.join('\n')}\n`;
}
