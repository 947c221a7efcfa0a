/**
 * The deployment.toml of WSO2 Identity Server as API-M's Key Manager: the tables IS needs for this role, to merge into
 * IS's own `<IS_HOME>/repository/conf/deployment.toml` (the designer does not write the rest of an IS file).
 *
 * - IS 5.10, 5.11, 6.0, 6.1, the resident Key Manager: the token revocation listener aimed at the API-M control plane,
 *   the access control of the connector's keymanager-operations webapp, its tenant context rewrite and API-M's shared
 *   database (APIM docs 4.0.0 'Set up WSO2 Identity Server as a Key Manager', Steps 2–4; APIM docs 4.4.0+ 'Configure WSO2
 *   IS 6.x as a Key Manager', Step 1), and the cipher transformation of the API-M version (product-apim #12658).
 * - IS 7.0, 7.1, a third-party Key Manager: `[oauth] authorize_all_scopes`, access to `/scim2/Me` and the token
 *   revocation listener (APIM docs 4.3.0 / 4.4.0 / 4.7.0 'Configure WSO2 IS 7.x as a Key Manager', Step 1; the
 *   listener as the later revision of that page and APIM docs 4.6.0 'Pattern 6' add it).
 *
 * It is not an API-M file: the API-M key lists do not apply to it.
 */
import type { ApimNode, Cluster, IdentityServerNode } from '../model/index.ts';
import { controlPlaneClusters, identityServerHttpsPort, isVersionFacts } from '../model/index.ts';
import type { TomlDocument, TomlTable } from './toml/index.ts';
import { arrayTable, table } from './toml/index.ts';
import type { GenerationContext } from './context.ts';
import { PRODUCT_NAME, databaseTables, superAdminTable } from './baseTables.ts';
import { describeCluster, httpsBase } from './addresses.ts';

/** The keymanager-operations resources and the IS scopes that guard them (the IS-side connector docs above). */
const KEY_MANAGER_OPERATIONS: readonly { context: string; method: string; permission: string; scope: string }[] = [
  { context: '(.)/keymanager-operations/user-info/claims(.)', method: 'GET', permission: 'usermgt/list', scope: 'internal_user_mgt_list' },
  {
    context: '(.*)/keymanager-operations/user-info/claims/generate',
    method: 'POST',
    permission: 'usermgt/list',
    scope: 'internal_user_mgt_list',
  },
  {
    context: '(.*)/keymanager-operations/dcr/register',
    method: 'POST',
    permission: 'applicationmgt/create',
    scope: 'internal_application_mgt_create',
  },
  {
    context: '(.*)/keymanager-operations/dcr/register(.*)',
    method: 'GET',
    permission: 'applicationmgt/view',
    scope: 'internal_application_mgt_view',
  },
  {
    context: '(.*)/keymanager-operations/dcr/register(.*)',
    method: 'PUT',
    permission: 'applicationmgt/update',
    scope: 'internal_application_mgt_update',
  },
  {
    context: '(.)/keymanager-operations/dcr/register(.)',
    method: 'POST',
    permission: 'applicationmgt/update',
    scope: 'internal_application_mgt_update',
  },
  {
    context: '(.*)/keymanager-operations/dcr/register(.*)',
    method: 'DELETE',
    permission: 'applicationmgt/delete',
    scope: 'internal_application_mgt_delete',
  },
];

/** The API-M nodes that use this Identity Server, with their clusters' members, in node order. */
export function identityServerClients(context: GenerationContext, server: IdentityServerNode): ApimNode[] {
  const direct = context.graph.identityServerUsers(server.id);
  const seen = new Set<string>();
  const out: ApimNode[] = [];
  for (const user of direct) {
    for (const member of context.graph.clusterOf(user).members) {
      if (seen.has(member.id)) continue;
      seen.add(member.id);
      out.push(member);
    }
  }
  return out.sort((a, b) => context.graph.order(a.id) - context.graph.order(b.id));
}

/**
 * Where IS announces revocations: the control plane (or All-in-One) cluster of the nodes that use it, through its load
 * balancer, at `/internal/data/v1/notify` (APIM docs 4.5.0+ and the IS 7 page: the control plane or All-in-One; the
 * event hub then tells the gateways).
 */
export function notifiedControlPlane(context: GenerationContext, server: IdentityServerNode): Cluster | undefined {
  const clients = identityServerClients(context, server);
  const own = clients.find((node) => node.kind === 'control-plane' || node.kind === 'all-in-one');
  if (own) return context.graph.clusterOf(own);
  for (const node of clients) {
    const [first] = controlPlaneClusters(context.graph, node);
    if (first) return first;
  }
  return undefined;
}

/**
 * The API-M node whose shared database IS shares: the first control plane or All-in-One that uses IS and a database
 * server for shared_db, else any such node. Undefined when none does (embedded H2 cannot be shared: APIM057).
 */
export function sharedDatabaseClient(context: GenerationContext, server: IdentityServerNode): ApimNode | undefined {
  const onServer = identityServerClients(context, server).filter((node) => context.graph.databaseFor(node, 'shared_db') !== undefined);
  return onServer.find((node) => node.kind === 'control-plane' || node.kind === 'all-in-one') ?? onServer[0];
}

export function identityServerDocument(context: GenerationContext, server: IdentityServerNode): TomlDocument {
  const is = isVersionFacts(server.version);
  const { facts } = context;
  const resident = is.mode === 'resident';
  const controlPlane = notifiedControlPlane(context, server);
  const tables: TomlTable[] = [
    table('server', { hostname: server.host, offset: server.offset === 0 ? undefined : server.offset }, [
      `IS answers on https://${server.host}:${identityServerHttpsPort(server)}${server.offset === 0 ? '' : ` (offset ${server.offset}, as WSO2's docs run IS beside API-M)`}.`,
    ]),
  ];
  if (resident) {
    const client = sharedDatabaseClient(context, server);
    const sharedDb = client ? databaseTables(context, client).find((t) => t.path.join('.') === 'database.shared_db') : undefined;
    tables.push(
      { ...superAdminTable(context), comment: ["The API-M super admin: IS and API-M share the user store in API-M's shared database."] },
      table('user_store', { type: 'database_unique_id' }, "User store: database_unique_id, as API-M's, in the shared database."),
    );
    if (sharedDb && client) {
      tables.push({
        ...sharedDb,
        comment: [`API-M's shared database, as ${client.id} names it: users and registry are one for IS and API-M.`],
      });
    }
    tables.push(
      table('system.parameter', { 'org.wso2.CipherTransformation': facts.identityServer.cipherTransformation }, [
        `The cipher transformation API-M ${facts.version} encrypts with by default: IS must decrypt what API-M writes`,
        'to the shared database, and the reverse (product-apim #12658).',
      ]),
    );
  } else {
    tables.push(
      table('oauth', { authorize_all_scopes: true }, 'API-M asks IS 7 for the scopes of its APIs: IS grants every scope it is asked for.'),
      arrayTable(
        'resource.access_control',
        { context: '(.*)/scim2/Me', secure: true, http_method: 'GET', cross_tenant: true, permissions: [], scopes: [] },
        "API-M's user-info calls to /scim2/Me, the UserInfo endpoint of the Admin portal's Key Manager.",
      ),
    );
  }
  if (controlPlane) {
    tables.push(
      arrayTable(
        'event_listener',
        {
          id: 'token_revocation',
          type: 'org.wso2.carbon.identity.core.handler.AbstractIdentityHandler',
          name: 'org.wso2.is.notification.ApimOauthEventInterceptor',
          order: 1,
        },
        [
          `Token revocation: IS issues the tokens, so IS tells ${describeCluster(controlPlane)}, whose event hub the gateways hear.`,
          `The listener is in the wso2is.notification.event.handlers jar (the runbook's drop-in step).`,
        ],
      ),
      table('event_listener.properties', {
        notification_endpoint: `${httpsBase(controlPlane)}/internal/data/v1/notify`,
        username: '${admin.username}',
        password: '${admin.password}',
        'header.X-WSO2-KEY-MANAGER': 'WSO2-IS',
      }),
    );
  }
  if (resident) {
    KEY_MANAGER_OPERATIONS.forEach((resource, index) => {
      tables.push(
        arrayTable(
          'resource.access_control',
          {
            context: resource.context,
            secure: true,
            http_method: resource.method,
            permissions: `/permission/admin/manage/identity/${resource.permission}`,
            scopes: resource.scope,
          },
          index === 0
            ? "The connector's keymanager-operations webapp: user claims and application registration, for admins only."
            : undefined,
        ),
      );
    });
    tables.push(
      table(
        'tenant_context.rewrite',
        { custom_webapps: ['/keymanager-operations/'] },
        'keymanager-operations answers under /t/<tenant>/ too.',
      ),
    );
  }
  const header = [
    `deployment.toml tables of ${server.label} (${server.id}): WSO2 Identity Server ${is.release}, the ${resident ? 'resident' : 'third-party'} Key Manager`,
    `of WSO2 API-M ${facts.version}. Topology "${context.topology.name}", generated by ${PRODUCT_NAME}.`,
    'Not a whole IS file: merge these tables into <IS_HOME>/repository/conf/deployment.toml, replacing tables of the',
    "same name and keeping the rest of IS's own file.",
  ];
  return { header, tables };
}
