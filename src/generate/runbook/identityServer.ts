/**
 * The runbook's WSO2 Identity Server steps: install IS with what its role needs, then, for IS 7, the Admin-portal
 * Key Manager no file can carry.
 *
 * - Resident (IS 5.11 / 6.x): the WSO2-IS connector's jars and keymanager-operations webapp in IS (APIM docs 4.0.0 'Set
 *   up WSO2 Identity Server as a Key Manager', Steps 1–4; APIM docs 4.4.0+ 'Configure WSO2 IS 6.x as a Key Manager',
 *   steps 3–5; from 4.2 the API-M pack's apim-is-plugin `merge.sh` copies them: product-apim v4.2.0
 *   modules/distribution/apim-is-plugin), at the version API-M pins (product-apim pom.xml `wso2is.km.version`).
 * - Third-party (IS 7): the notification handler jar, then Key Managers → Add Key Manager in the Admin portal, type
 *   "WSO2 Identity Server 7", the well-known URL and the endpoints, grant types and JWKS (APIM docs 4.3.0 / 4.4.0 /
 *   4.7.0 'Configure WSO2 IS 7.x as a Key Manager', Step 2; APIM docs 4.7.0 'Pattern 6', the handler 2.1.3).
 */
import type { Cluster, IdentityServerNode } from '../../model/index.ts';
import { identityServerBase, identityServerHttpsPort, isVersionFacts } from '../../model/index.ts';
import type { GenerationContext } from '../context.ts';
import { httpsBase } from '../addresses.ts';
import { ENGINES } from './databases.ts';
import { identityServerClients, notifiedControlPlane, sharedDatabaseClient } from '../identityServer.ts';
import { inlineCode, markdownText } from '../text.ts';

const IS_HOME = '<IS_HOME>';

/** The grant types WSO2's IS 7 Key Manager page lists for the Admin portal. */
const IS7_GRANT_TYPES = [
  'password',
  'client_credentials',
  'refresh_token',
  'urn:ietf:params:oauth:grant-type:saml2-bearer',
  'iwa:ntlm',
  'urn:ietf:params:oauth:grant-type:device_code',
  'authorization_code',
  'urn:ietf:params:oauth:grant-type:jwt-bearer',
  'urn:ietf:params:oauth:grant-type:token-exchange',
];

/** The steps that install and start each Identity Server, before the API-M nodes that call it. */
export function identityServerSteps(context: GenerationContext): string[] {
  const out: string[] = [];
  for (const server of context.graph.nodesOfKind('identity-server')) out.push(...serverSteps(context, server));
  return out;
}

function serverSteps(context: GenerationContext, server: IdentityServerNode): string[] {
  const { facts } = context;
  const is = isVersionFacts(server.version);
  const base = identityServerBase(server);
  const clients = identityServerClients(context, server);
  const lines: string[] = [
    `#### ${markdownText(server.label)} (\`${server.id}\`) on ${inlineCode(server.host)}: WSO2 Identity Server ${is.release}`,
    '',
    is.mode === 'resident'
      ? `The resident Key Manager of ${clients.length ? clients.map((c) => inlineCode(c.id)).join(', ') : 'no API-M node yet'}: their \`[apim.key_manager]\` names it (type \`WSO2-IS\`).`
      : `A third-party Key Manager only (IS 7 cannot be the resident Key Manager): no API-M file names it; step "WSO2 Identity Server 7 in the Admin portal" below adds it.`,
    '',
    `1. Download WSO2 Identity Server ${is.release} and unpack it on ${inlineCode(server.host)}; \`${IS_HOME}\` is its folder.`,
  ];
  let step = 2;
  if (is.mode === 'resident') {
    const v = facts.identityServer.connector;
    lines.push(
      `${step++}. Install the WSO2-IS connector ${v}, the version API-M ${facts.version} ships (its \`wso2is.km.version\`)${facts.identityServer.apimIsPlugin ? `: run \`sh merge.sh ${IS_HOME}\` from the API-M pack's \`apim-is-plugin\`, or copy by hand` : ''}:`,
      `   - \`wso2is.key.manager.core-${v}.jar\` and \`wso2is.notification.event.handlers-${v}.jar\` to \`${IS_HOME}/repository/components/dropins/\``,
      `   - \`keymanager-operations.war\` to \`${IS_HOME}/repository/deployment/server/webapps/\``,
    );
    const client = sharedDatabaseClient(context, server);
    const db = client ? context.graph.databaseFor(client, 'shared_db') : undefined;
    if (db)
      lines.push(
        `${step++}. Add the ${ENGINES[db.engine].driver(db)} jar to \`${IS_HOME}/repository/components/lib/\` (API-M's shared database on \`${db.id}\`).`,
      );
  } else {
    const v = facts.identityServer.is7EventHandler;
    lines.push(
      v
        ? `${step++}. Copy \`wso2is.notification.event.handlers-${v}.jar\` (the IS 7 notification handler WSO2's API-M ${facts.version} docs name) to \`${IS_HOME}/repository/components/dropins/\`.`
        : `${step++}. Copy the IS 7 \`wso2is.notification.event.handlers\` jar to \`${IS_HOME}/repository/components/dropins/\`: WSO2's docs for API-M ${facts.version} name no version the designer can confirm (APIM059); take the one for your API-M update level.`,
    );
  }
  lines.push(
    `${step++}. Merge the tables of \`${`nodes/${server.id}/repository/conf/deployment.toml`}\` into \`${IS_HOME}/repository/conf/deployment.toml\` (replace tables of the same name, keep the rest).`,
    `${step++}. Exchange certificates: import IS's public certificate into the truststore of every API-M node (\`client-truststore.jks\`), and API-M's into IS's, so each side trusts the other's TLS and IS's token signatures.`,
    `${step++}. Start it and check it answers (offset ${server.offset}, HTTPS ${identityServerHttpsPort(server)}):`,
    '',
    '   ```sh',
    `   cd ${IS_HOME}/bin/ && sh wso2server.sh`,
    `   curl -sk -o /dev/null -w '%{http_code}\\n' ${base}/oauth2/token/.well-known/openid-configuration`,
    '   ```',
    '',
    '   Expect 200.',
    '',
  );
  return lines;
}

/** The third-party (IS 7) Identity Servers, whose Key Manager the Admin portal adds after API-M is up. */
export function adminPortalServers(context: GenerationContext): IdentityServerNode[] {
  return context.graph.nodesOfKind('identity-server').filter((server) => isVersionFacts(server.version).mode === 'third-party');
}

/** The Admin-portal steps that add each IS 7 as a Key Manager, computed from its host and port. */
/** `portalBase`: where the portals of a control plane cluster answer (Kubernetes: its route, on 443). */
export function adminPortalSteps(context: GenerationContext, portalBase: (cluster: Cluster) => string = httpsBase): string[] {
  const out: string[] = [];
  for (const server of adminPortalServers(context)) {
    const is = isVersionFacts(server.version);
    const base = identityServerBase(server);
    const controlPlane = notifiedControlPlane(context, server);
    const admin = controlPlane ? `${portalBase(controlPlane)}/admin` : 'the Admin portal of the control plane';
    out.push(
      `**${inlineCode(server.id)}** (${base}), with API-M up:`,
      '',
      `1. Sign in to ${controlPlane ? `<${admin}>` : admin} as the super admin; open **Key Managers** > **Add Key Manager**.`,
      `2. Name it (e.g. \`IS7\`), give a display name, and choose the Key Manager type **${is.adminPortalType}**.`,
      `3. Well-known URL: \`${base}/oauth2/token/.well-known/openid-configuration\`, then **Import**. Import fills the UserInfo endpoint with \`/oauth2/userInfo\`: set it back to \`${base}/scim2/Me\`.`,
      '4. Check the endpoints:',
      `   - Issuer: \`${base}/oauth2/token\``,
      `   - Client Registration: \`${base}/api/identity/oauth2/dcr/v1.1/register\``,
      `   - Introspection: \`${base}/oauth2/introspect\``,
      `   - Token and Display Token: \`${base}/oauth2/token\``,
      `   - Revoke and Display Revoke: \`${base}/oauth2/revoke\``,
      `   - UserInfo: \`${base}/scim2/Me\``,
      `   - Authorize: \`${base}/oauth2/authorize\``,
      `   - Scope Management: \`${base}/api/identity/oauth2/v1.0/scopes\``,
      `5. Grant types: ${IS7_GRANT_TYPES.map((g) => `\`${g}\``).join(', ')}.`,
      `6. Certificates: JWKS, \`${base}/oauth2/jwks\`.`,
      `7. Connector configurations: the IS admin's username and password; WSO2 Identity Server 7 API Resource Management Endpoint \`${base}/api/server/v1/api-resources\`; Roles Endpoint \`${base}/scim2/v2/Roles\` (turn on "Create roles in WSO2 Identity Server 7" only with API-M 4.4.0.5+ and IS 7.0.0.81+ updates, and \`[role_mgt] allow_system_prefix_for_role = true\` in IS).`,
      '8. **Add**. Applications in the Developer Portal then generate keys with this Key Manager.',
      '',
    );
  }
  return out;
}
