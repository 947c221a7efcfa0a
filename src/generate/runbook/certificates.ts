/**
 * The runbook's certificate step (the distributed pages' Step 4 'Create and import SSL certificates'; APIM docs
 * 'Creating New Keystores'): one primary keystore on every node, TLS certificates that name the hosts nodes
 * are reached by (and localhost), every certificate in every truststore, and the load balancers' own
 * certificates. Everything is made on one machine, in a `security/` folder, and copied from there.
 */
import type { ApimNode, Keystore, LoadBalancerNode } from '../../model/index.ts';
import { HOST_PATTERN, NODE_ID_PATTERN, isApimNode } from '../../model/index.ts';
import type { GenerationContext } from '../context.ts';
import { certificatePaths } from '../loadBalancing.ts';
import { inlineCode, shellWord as w } from '../text.ts';
import type { CertificatePlan } from '../certificates.ts';
import { certificatePlans, sanEntry } from '../certificates.ts';
import { homeOf, portalKind } from './home.ts';

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
/** WSO2's alias for the token-signing certificate in the gateways' truststore (seed, JWT step). */
const SIGNING_ALIAS = 'gateway_certificate_alias';
const VALIDITY_DAYS = 825;

/** One keystore file serves as TLS and primary keystore unless the settings name a separate primary file. */
export function sharedKeystore(context: GenerationContext): boolean {
  const { tls, primary } = context.settings.keystore;
  return !primary || primary.fileName === tls.fileName;
}

/** The load balancers that get an nginx.conf (their id is safe as a path). */
export function bundledLoadBalancers(context: GenerationContext): LoadBalancerNode[] {
  return context.graph.nodesOfKind('load-balancer').filter((lb) => NODE_ID_PATTERN.test(lb.id));
}

/** keytool's `-ext` value for a certificate's names (certificates.ts): IP addresses as `ip:`, host names as `dns:`. */
function san(names: readonly string[]): string {
  return `SAN=${[...new Set(names)].map(sanEntry).join(',')}`;
}

/**
 * The one TLS key pair of a Kubernetes deployment, in the keystore Secret every release mounts: its certificate names
 * every Service DNS name of the certificate plans (certificates.ts), each once, localhost last. The passwords are read
 * from the shell variables of the Secret keys (keytool's `-storepass:env`), so the runbook holds none.
 */
export function kubernetesKeystoreCommands(context: GenerationContext, certificates: readonly CertificatePlan[]): string[] {
  const { tls, primary } = context.settings.keystore;
  // The variables of helm/values.ts `credentials`: `tls-` keys when the primary keystore is a file of its own.
  const prefix = primary && primary.fileName !== tls.fileName ? 'TLS_' : '';
  const names = [
    ...new Set(
      certificates.filter((plan) => plan.nodeKind !== 'load-balancer' && plan.nodeKind !== 'identity-server').flatMap((plan) => plan.names),
    ),
  ];
  const ordered = [...names.filter((n) => n !== 'localhost'), 'localhost'];
  return [
    `# The TLS key pair (or your CA's certificate with the same names): it names every Service the releases call (network.md,`,
    `# 'Certificates'). Set ${prefix}KEYSTORE_PASSWORD and ${prefix}KEY_PASSWORD first (read -rs NAME), as for the Secret below.`,
    [
      `keytool -genkeypair -alias ${w(tls.alias)} -keyalg RSA -keysize 2048 -validity ${VALIDITY_DAYS}`,
      `-dname ${w(`CN=${ordered[0] ?? 'localhost'}`)} -ext ${w(san(ordered))}`,
      `-keystore ${w(tls.fileName)} -storetype ${tls.type} -storepass:env ${prefix}KEYSTORE_PASSWORD -keypass:env ${prefix}KEY_PASSWORD`,
    ].join(' '),
  ];
}

function genkeypair(k: Keystore, file: string, cn: string, ext?: string): string {
  return [
    `keytool -genkeypair -alias ${w(k.alias)} -keyalg RSA -keysize 2048 -validity ${VALIDITY_DAYS}`,
    `-dname ${w(`CN=${cn}`)}${ext ? ` -ext ${w(ext)}` : ''}`,
    `-keystore ${w(file)} -storetype ${k.type} -storepass ${w(k.password)} -keypass ${w(k.keyPassword)}`,
  ].join(' ');
}

function exportcert(k: Keystore, file: string, pem: string): string {
  return `keytool -exportcert -rfc -alias ${w(k.alias)} -keystore ${w(file)} -storepass ${w(k.password)} -file ${w(pem)}`;
}

/** The signing certificate's name: the control planes' host (they issue the tokens), or the All-in-One nodes'. */
function signer(context: GenerationContext): string {
  const cp = context.graph.nodesOfKind(portalKind(context))[0];
  const host = cp ? (context.graph.frontedBy(cp.id)?.host ?? cp.host) : undefined;
  return host && HOST_PATTERN.test(host) ? host : 'localhost';
}

/**
 * The certificate steps, with the names and truststore imports of `certificates` (certificates.ts: what network.md
 * lists); without them, the names alone (no matrix, so no per-node imports).
 */
export function certificateSteps(
  context: GenerationContext,
  certificates: readonly CertificatePlan[] = certificatePlans(context, []),
): string[] {
  const { tls, primary } = context.settings.keystore;
  const planOf = new Map(certificates.map((plan) => [plan.nodeId, plan]));
  const namesOf = (node: { id: string; host: string }): string[] => planOf.get(node.id)?.names ?? [node.host, 'localhost'];
  const trust = context.settings.truststore;
  const truststore = `-keystore ${w(trust.fileName)} -storepass ${w(trust.password)}`;
  const importcert = (alias: string, pem: string) => `keytool -importcert -noprompt -alias ${w(alias)} -file ${w(pem)} ${truststore}`;
  const replace = (alias: string, pem: string) => [`keytool -delete -alias ${w(alias)} ${truststore}`, importcert(alias, pem)];
  const nodes = context.topology.nodes.filter(isApimNode);
  const lbs = bundledLoadBalancers(context);

  const out = [
    'Do this once, on one machine, before the first start (changing keystores later breaks data already',
    'encrypted with them). It needs `keytool` (from a JDK) and `openssl`; the files end up in a folder',
    '`security/`, and each node step below says which of them to copy where.',
    '',
    '```sh',
    'mkdir -p security && cd security',
    `cp ${homeOf(context, portalKind(context))}/repository/resources/security/${w(trust.fileName)} .`,
  ];

  if (sharedKeystore(context) || !primary) {
    const k = primary ?? tls;
    // Every node's names: each node's own host first, then the rest (load balancer hosts, localhost), each once.
    const perNode = nodes.map(namesOf);
    const names = [
      ...perNode.map((list) => list[0] ?? ''),
      ...perNode.flatMap((list) => list.slice(1)).filter((n) => n !== 'localhost'),
      'localhost',
    ].filter((n) => HOST_PATTERN.test(n));
    const pem = `${k.alias}.pem`;
    out.push(
      `# One key pair for every node: the primary keystore must be the same everywhere, and its certificate names every host.`,
      genkeypair(k, k.fileName, names.find((h) => h !== 'localhost') ?? 'localhost', san(names)),
      exportcert(k, k.fileName, pem),
      '# Trust it (replacing the certificate of the same alias that WSO2 ships), also as the token-signing certificate.',
      ...replace(k.alias, pem),
      ...replace(SIGNING_ALIAS, pem),
    );
  } else {
    const p = primary;
    out.push(
      '# The primary keystore: the same file on every node (it decrypts registry data and signs tokens).',
      genkeypair(p, p.fileName, signer(context)),
      exportcert(p, p.fileName, 'primary.pem'),
      ...replace(SIGNING_ALIAS, 'primary.pem'),
      "# A TLS keystore per node, its certificate naming the node's hosts; every node trusts every certificate.",
    );
    for (const node of nodes) {
      if (!NODE_ID_PATTERN.test(node.id)) continue;
      const file = `${node.id}/${tls.fileName}`;
      out.push(
        `mkdir -p ${node.id}`,
        genkeypair(tls, file, node.host, san(namesOf(node))),
        exportcert(tls, file, `${node.id}.pem`),
        importcert(node.id, `${node.id}.pem`),
      );
    }
  }

  if (lbs.length > 0) {
    out.push(
      "# Each load balancer's certificate (self-signed here; in production use your CA's, and trust the CA instead).",
      '# The nodes call each other through the load balancers, so they trust these too.',
    );
    for (const lb of lbs) {
      const { crt, key } = certificatePaths(lb);
      const crtFile = crt.replace(/^ssl\//, '');
      const names = (planOf.get(lb.id)?.names ?? [lb.host]).filter((n) => HOST_PATTERN.test(n));
      const name = names[0] ?? 'localhost';
      const alt = (names.length > 0 ? names : [name]).map((n) => `${IPV4.test(n) ? 'IP' : 'DNS'}:${n}`).join(',');
      out.push(
        `openssl req -x509 -newkey rsa:2048 -nodes -days ${VALIDITY_DAYS} -subj ${w(`/CN=${name}`)} -addext ${w(`subjectAltName=${alt}`)} -keyout ${w(key.replace(/^ssl\//, ''))} -out ${w(crtFile)}`,
        importcert(lb.id, crtFile),
      );
    }
  }
  out.push('```', '');
  // What each node must trust at least (network.md, 'Certificates'): the one truststore above holds all of them.
  const trusting = certificates.filter((plan) => plan.trusts.length > 0);
  if (trusting.length > 0) {
    out.push(
      `The truststore above holds every certificate. Each node needs at least those of the peers it calls over TLS (\`network.md\`,`,
      "'Certificates'); a node with a truststore of its own imports these:",
      '',
      ...trusting.map((plan) => `- \`${plan.nodeId}\`: ${plan.trusts.map((id) => `\`${id}\``).join(', ')}`),
      '',
    );
  }
  return out;
}

/** The security files one node needs, for its copy step. */
export function nodeSecurityFiles(context: GenerationContext, node: ApimNode): string[] {
  const { tls, primary } = context.settings.keystore;
  const trust = context.settings.truststore.fileName;
  if (sharedKeystore(context) || !primary) return [`security/${(primary ?? tls).fileName}`, `security/${trust}`];
  return [`security/${primary.fileName}`, `security/${node.id}/${tls.fileName}`, `security/${trust}`];
}

/** "`security/a.jks`, `security/b.jks` and `security/c.jks`" for Markdown. */
export function fileList(files: string[]): string {
  const quoted = files.map(inlineCode);
  return quoted.length > 1 ? `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}` : quoted.join('');
}
