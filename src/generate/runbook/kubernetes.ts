/**
 * The Kubernetes runbook: the Secrets, the databases, one `helm install` per release in order, and the checks with
 * `kubectl` (helm-apim 4.5.x docs/am-pattern-3-ACP_TM_GW/README.md; APIM docs 4.7.0 'Kubernetes deployment',
 * pattern 3: the Gateway API controller and Gateway first, the keystore Secret, then the releases, each running before
 * the next).
 */
import type { Diagnostic } from '../../model/index.ts';
import { KIND_NAMES, KUBERNETES_DEFAULTS } from '../../model/index.ts';
import type { GenerationContext } from '../context.ts';
import { PRODUCT_NAME } from '../baseTables.ts';
import type { HelmPlan, HelmValues, HelmValuesFile } from '../helm/values.ts';
import { CA_CONFIG_MAP, CREDENTIALS_SECRET, KEYSTORE_SECRET } from '../helm/values.ts';
import { servicesOf } from '../helm/releases.ts';
import type { HelmBranch } from '../../model/index.ts';
import { helmMinor, publicHost } from '../../model/index.ts';
import { inlineCode, markdownText, shellWord } from '../text.ts';
import { databaseSteps } from './databases.ts';
import { openProblemLines } from './problems.ts';
import { adminPortalServers, adminPortalSteps, identityServerSteps } from './identityServer.ts';
import type { CertificatePlan } from '../certificates.ts';
import { kubernetesKeystoreCommands } from './certificates.ts';

/** The shell variable the runbook reads a Secret key from: `admin-password` → `ADMIN_PASSWORD`. */
export function secretVariable(key: string): string {
  return key.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/** The TLS Secret of the Gateway's listeners. */
const TLS_SECRET = 'apim-tls';

/** The Gateway API listener each routed component attaches to (helm-apim 4.7.x HTTPRoute `sectionName`s). */
const LISTENERS: Record<string, string> = {
  controlPlane: 'control-plane-https',
  management: 'control-plane-https',
  gateway: 'gateway-https',
  websocket: 'websocket-https',
  websub: 'websub-https',
  km: 'keymanager-https',
};

/** The Gateway API resources of a namespace: the TLS Secret, the CA the BackendTLSPolicy trusts, and the Gateway. */
function gatewaySteps(plan: HelmPlan, namespace: string, gatewayName: string): string[] {
  const listeners = new Map<string, Set<string>>();
  for (const file of plan.files.filter((f) => f.release.namespace === namespace)) {
    for (const { component, host } of file.routes) {
      const name = LISTENERS[component];
      if (name) listeners.set(name, (listeners.get(name) ?? new Set()).add(host));
    }
  }
  const out = [
    '```bash',
    `kubectl create secret tls ${TLS_SECRET} --cert=./${TLS_SECRET}.crt --key=./${TLS_SECRET}.key -n ${namespace}`,
    `kubectl create configmap ${CA_CONFIG_MAP} --from-file=ca.crt=./ca.crt -n ${namespace}`,
    `kubectl apply -n ${namespace} -f - <<'EOF'`,
    'apiVersion: gateway.networking.k8s.io/v1',
    'kind: Gateway',
    'metadata:',
    `  name: ${gatewayName}`,
    'spec:',
    '  gatewayClassName: <gateway-class>',
    '  listeners:',
  ];
  for (const [name, hosts] of listeners) {
    out.push(`    - name: ${name}`, '      protocol: HTTPS', '      port: 443');
    // One listener serves every release routed to it: a hostname only when it is the one.
    if (hosts.size === 1) out.push(`      hostname: ${JSON.stringify([...hosts][0])}`);
    out.push(
      '      tls:',
      '        certificateRefs:',
      `          - name: ${TLS_SECRET}`,
      '      allowedRoutes:',
      '        namespaces:',
      '          from: Same',
    );
  }
  out.push('EOF', '```', '');
  return out;
}

/** The shell variable that names a chart's image: `WSO2AM_ACP_IMAGE` for `wso2am-acp`. */
export function imageVariable(chart: string): string {
  return `${secretVariable(chart)}_IMAGE`;
}

/** The image values of a release, from shell variables: the tag from 4.5.x, a digest before (the branch has no tag). */
function imageSets(file: HelmValuesFile, branch: HelmBranch): string[] {
  const image = imageVariable(file.release.chart.name);
  return [
    `--set-string wso2.deployment.image.registry="$IMAGE_REGISTRY"`,
    `--set-string wso2.deployment.image.repository="$${image}"`,
    helmMinor(branch) >= 5
      ? `--set-string wso2.deployment.image.tag="$IMAGE_TAG"`
      : `--set-string wso2.deployment.image.digest="$${image}_DIGEST"`,
  ];
}

function installCommand(file: HelmValuesFile, branch: HelmBranch): string[] {
  const { release } = file;
  const options = [
    `--namespace ${release.namespace} -f ${file.path}`,
    ...imageSets(file, branch),
    // --set-file from the decoded Secret: --set would split a password at its commas.
    ...file.installSets.map(
      (set) =>
        `--set-file ${set.path}=<(kubectl get secret ${CREDENTIALS_SECRET} -n ${release.namespace} -o jsonpath='{.data.${set.secretKey}}' | base64 -d)`,
    ),
    '--wait --timeout 15m',
  ];
  return [
    `helm install ${release.release} wso2/${release.chart.name} --version ${release.chart.version} \\`,
    ...options.map((option, index) => `  ${option}${index < options.length - 1 ? ' \\' : ''}`),
  ];
}

export function kubernetesRunbook(
  context: GenerationContext,
  plan: HelmPlan,
  diagnostics: readonly Diagnostic[],
  shareLink?: string,
  certificates: readonly CertificatePlan[] = [],
): string {
  const { topology } = context;
  const { files, branch } = plan;
  const namespaces = [...new Set(files.map((file) => file.release.namespace))];
  if (namespaces.length === 0) namespaces.push(topology.settings.kubernetes?.namespace ?? KUBERNETES_DEFAULTS.namespace);
  const out: string[] = [];
  out.push(`# ${markdownText(topology.name)}: WSO2 API-M ${topology.product} on Kubernetes`, '');
  out.push(
    `Generated by ${PRODUCT_NAME} from \`topology.json\`, for WSO2's Helm charts (wso2/helm-apim ${branch?.branch ?? '(none)'}).`,
    'To change the deployment, open that file in the designer and generate again: every file here is derived from it.',
    '',
  );
  if (shareLink) {
    out.push('Open this topology in the designer (the link carries no passwords):', '', `<${shareLink.replace(/[<>\s]/g, '')}>`, '');
  }

  out.push('## Contents', '', '| File | What it is |', '|---|---|');
  out.push('| `helm/releases.json` | the releases in install order: release, chart, chart version, namespace, values file |');
  for (const file of files) {
    const { release } = file;
    const members = release.cluster.members.map((member) => `\`${member.id}\``).join(', ');
    out.push(
      `| \`${file.path}\` | release \`${release.release}\` of \`wso2/${release.chart.name}\` ${release.chart.version} in \`${release.namespace}\`: ${KIND_NAMES[release.cluster.kind].toLowerCase()} ${members} |`,
    );
  }
  out.push(
    '| `network.md`, `network.csv` | every Service-to-Service connection (for NetworkPolicies) and the names each certificate must carry |',
    '| `topology.json` | the topology |',
    '| `topology.svg` | the diagram; it carries the topology and opens again in the designer |',
    '',
  );

  out.push(...openProblemLines(diagnostics));
  if (!branch) return `${out.join('\n')}\n`;

  out.push('## Before you start', '');
  out.push(
    `- \`kubectl\` with access to the cluster, Helm 3${files.some((file) => file.installSets.length > 0) ? ', and bash (the install commands read the Secret with `<(...)`)' : ''}.`,
    "- Images: the charts name none, and WSO2's images carry no JDBC driver. Build one image per chart from WSO2's",
    '  (the API-M image of this version) with the driver jar in `repository/components/lib`, push it to your registry,',
    '  and set the variables step "Releases" names before installing.',
    '',
  );
  const hostnames = [...new Set(files.flatMap((file) => file.routes.map((route) => route.host)))];
  const gatewayName = topology.settings.kubernetes?.gatewayName ?? KUBERNETES_DEFAULTS.gatewayName;
  if (plan.ingress === 'gateway-api') {
    out.push(
      '### Gateway API',
      '',
      ...(files.some((file) => at(file.values, 'kubernetes.gatewayAPI.backendTrafficPolicy.enabled') === true)
        ? [
            "Install Envoy Gateway (as WSO2's 4.7 guide does), with Gateway API 1.4 or later: the portal release creates Envoy's",
            '`BackendTrafficPolicy` for sticky sessions on its two instances, which no other controller defines, and',
          ]
        : ["Install a Gateway API controller (WSO2's 4.7 guide uses Envoy Gateway), with Gateway API 1.4 or later:"]),
      '`BackendTLSPolicy` lets the Gateway reach the pods over TLS. Step "Routing" creates the Gateway the releases\'',
      'routes attach to.',
      '',
    );
  } else {
    out.push(
      '### Ingress',
      '',
      'The releases create NGINX Ingresses (class `nginx`): install the ingress-nginx controller. Without',
      '`kubernetes.ingress.tlsSecret` in the values, the controller serves its default certificate.',
      '',
    );
  }
  out.push(
    '### Host names',
    '',
    `Point these names at the ${plan.ingress === 'gateway-api' ? "Gateway's" : "ingress controller's"} address in DNS:`,
    '',
  );
  for (const host of hostnames) out.push(`- ${inlineCode(host)}`);
  out.push('');

  let step = 1;
  out.push(`## ${step++}. Namespaces`, '', '```bash');
  for (const namespace of namespaces) out.push(`kubectl create namespace ${namespace}`);
  out.push('```', '');

  out.push(`## ${step++}. Secrets`, '');
  const h2Gateways = files.some(
    (file) => file.release.cluster.kind === 'gateway' && at(file.values, 'wso2.apim.configurations.databases.type') === 'h2',
  );
  const key = context.settings.encryptionKey;
  const literalKey = key !== undefined && !/^\$(?:env|secret)\{/.test(key);
  out.push(
    `Every release mounts the keystore Secret ${inlineCode(KEYSTORE_SECRET)} (\`security.jksSecretName\`), one file per keystore:`,
    '',
    '```bash',
  );
  const { keystore, truststore } = context.settings;
  if (certificates.length > 0) out.push(...kubernetesKeystoreCommands(context, certificates));
  const storeFiles = [...new Set([keystore.tls.fileName, ...(keystore.primary ? [keystore.primary.fileName] : []), truststore.fileName])];
  for (const namespace of namespaces) {
    out.push(
      `kubectl create secret generic ${KEYSTORE_SECRET} -n ${namespace} \\`,
      ...storeFiles.map(
        (file, index) => `  --from-file=${shellWord(file)}=./${shellWord(file)}${index < storeFiles.length - 1 ? ' \\' : ''}`,
      ),
    );
  }
  out.push('```', '');
  out.push(
    `Passwords and keys live in the Secret ${inlineCode(CREDENTIALS_SECRET)}; no file of this bundle holds one${h2Gateways ? " (a gateway without a database keeps the pack's embedded H2 and its built-in user, wso2carbon)" : ''}.`,
    'Set each variable first (`read -rs NAME` keeps it off the screen and out of the history):',
    '',
  );
  for (const [key, what] of plan.secretKeys) out.push(`- \`${secretVariable(key)}\`: ${markdownText(what)}`);
  if (plan.secretKeys.has('encryption-key')) {
    out.push(
      '',
      `The encryption key must be the same in every release and every later upgrade: ${literalKey ? 'the key in the topology settings' : 'the key the deployment already uses'}, or`,
      '`openssl rand -hex 32` for a new deployment. Keep it safe: what it encrypted cannot be read without it.',
    );
  }
  out.push('', '```bash');
  for (const namespace of namespaces) {
    const keys = [...plan.secretKeys.keys()];
    out.push(
      `kubectl create secret generic ${CREDENTIALS_SECRET} -n ${namespace} \\`,
      ...keys.map((key, index) => `  --from-literal=${key}="$${secretVariable(key)}"${index < keys.length - 1 ? ' \\' : ''}`),
    );
  }
  out.push('```', '');

  if (plan.ingress === 'gateway-api') {
    out.push(
      `## ${step++}. Routing`,
      '',
      `The Gateway ${inlineCode(gatewayName)}, with the listener names the releases' routes attach to, its TLS Secret (a certificate for the`,
      "host names above), and the CA that signed the pods' certificate, which must name `localhost` (the routes'",
      "BackendTLSPolicy checks it). Replace `<gateway-class>` with your controller's GatewayClass:",
      '',
    );
    for (const namespace of namespaces) out.push(...gatewaySteps(plan, namespace, gatewayName));
  }

  out.push(
    `## ${step++}. Databases`,
    '',
    ...databaseSteps(context, {
      passwordIn: `Secret ${CREDENTIALS_SECRET}`,
      driverIn: 'the images (see Before you start)',
    }),
  );

  out.push(
    `## ${step++}. Releases`,
    '',
    "Add WSO2's chart repository once:",
    '',
    '```bash',
    'helm repo add wso2 https://helm.wso2.com && helm repo update',
    '```',
    '',
  );
  const images = [...new Set(files.map((file) => imageVariable(file.release.chart.name)))];
  out.push(
    "Set the images first: `IMAGE_REGISTRY`, and the repository of each chart's image:",
    '',
    ...images.map(
      (name) =>
        `- \`${name}\`${helmMinor(branch) >= 5 ? '' : ` and its digest \`${name}_DIGEST\`, \`sha256:\` included (helm-apim ${branch.branch} takes a digest, no tag)`}`,
    ),
    ...(helmMinor(branch) >= 5 ? ['- `IMAGE_TAG`: the tag they share'] : []),
    '',
    'Install the releases in this order; `--wait` returns when the release is ready:',
    '',
  );
  for (const file of files) out.push(`### ${file.release.release}`, '', '```bash', ...installCommand(file, branch), '```', '');

  if (adminPortalServers(context).length > 0) {
    out.push(
      `## ${step++}. WSO2 Identity Server`,
      '',
      ...identityServerSteps(context),
      ...adminPortalSteps(context, (cluster) => `https://${publicHost(cluster)}`),
    );
  }

  out.push(`## ${step++}. Checks`, '', 'The Services other releases call, by the names in the values files:', '', '```bash');
  for (const namespace of namespaces) out.push(`kubectl get pods,services -n ${namespace}`);
  out.push(plan.ingress === 'gateway-api' ? `kubectl get gateway,httproute -A` : 'kubectl get ingress -A', '```', '');
  out.push('| release | Services |', '|---|---|');
  for (const file of files) {
    const services = servicesOf(file.release, branch);
    const names = [...new Set([services.service, ...services.instances])];
    out.push(`| \`${file.release.release}\` | ${names.map((name) => `\`${name}\``).join(', ')} |`);
  }
  out.push('');
  const portal = files.find((file) => file.release.cluster.kind === 'control-plane' || file.release.cluster.kind === 'all-in-one');
  const portalHost = portal?.routes[0]?.host;
  if (portalHost) {
    out.push(
      'The portals answer through the route (expect 200 or 302):',
      '',
      '```bash',
      `curl -sk -o /dev/null -w '%{http_code}\\n' https://${portalHost}/publisher`,
      '```',
      '',
    );
  }
  return `${out.join('\n')}\n`;
}

/** The value at a dotted path of a values tree. */
function at(values: HelmValues, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), values);
}
