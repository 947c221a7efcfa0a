/**
 * The identity side of API-M, which control planes and Key Managers both run (the Key Manager is the control plane's
 * pack or distribution with the Key Manager profile): the self-sign-up handler, the application name pattern, the
 * token issuer of 4.7 and the token revocation listener. Each is one function, so both kinds write them alike.
 * With WSO2 Identity Server as the resident Key Manager, the tables that name it (below, last).
 */
import type { ApimNode, Cluster, IdentityServerNode } from '../model/index.ts';
import { KIND_NAMES, identityServerBase, isVersionFacts, versionName } from '../model/index.ts';
import type { GenerationContext } from './context.ts';
import type { TomlTable } from './toml/index.ts';
import { arrayTable, table } from './toml/index.ts';
import { httpsBase } from './addresses.ts';
import { SUPER_ADMIN_REFS } from './connections.ts';

/**
 * Developer Portal sign-up (the product's default deployment.toml of every 4.x carries it; carbon-apimgt PR #6727) and
 * application names with spaces (product-apim PR #6317): both are identity settings, so the node that registers users
 * and OAuth applications needs them.
 */
export function signUpAndApplicationTables(): TomlTable[] {
  return [
    arrayTable('event_handler', { name: 'userPostSelfRegistration', subscriptions: ['POST_ADD_USER'] }, [
      'Developer Portal sign-up: gives self-registered users the subscriber role, so they can log in',
      "(the product's default deployment.toml of every 4.x carries it; carbon-apimgt PR #6727).",
    ]),
    table(
      'service_provider',
      { sp_name_regex: '^[\\sa-zA-Z0-9._-]*$' },
      "Application names may contain spaces, as the product's default deployment.toml allows (product-apim PR #6317).",
    ),
  ];
}

/**
 * The token issuer of 4.7: non-persistent JWTs, as product-apim v4.7.0 `api-control-plane/…/conf/deployment.toml`
 * ships them (`[[oauth.extensions.token_types]]` beside default.json `oauth.token_persistence.enable = false`, commits
 * a6c2b49fc and 6b1f8db20). This file replaces that one, so it carries the table: without it the identity default
 * JWTTokenIssuer issues tokens without the `entity_id` claim and opaque refresh tokens, neither of which is stored any
 * more, so the token persistence extension cannot validate, refresh or revoke them (wso2-extensions/apim-km-wso2is
 * v1.8.6 InMemoryTokenProvider looks a token without `entity_id` up in the database; TokenPersistenceServiceComponent
 * registers the in-memory processors only with persistence off; the ACP pins wso2is.km.version 1.8.8). A Key Manager,
 * which issues the tokens, is a copy of that distribution (helm-apim 4.7.x distributed/key-manager/confs writes the
 * same table).
 */
export function tokenTypeTables(context: GenerationContext, node: ApimNode): TomlTable[] {
  if (!context.facts.nonPersistentTokens) return [];
  return [
    arrayTable(
      'oauth.extensions.token_types',
      { name: 'JWT', issuer: 'org.wso2.is.key.manager.tokenpersistence.issuer.ExtendedJWTTokenIssuer' },
      [
        `Access tokens: non-persistent JWTs, as the API-M ${versionName(context.facts.version)} API Control Plane ships them (its default deployment.toml`,
        ...(node.kind === 'key-manager'
          ? [
              'carries this table; a Key Manager is a copy of that distribution). Tokens are no longer stored: without it,',
              'refreshing or revoking a token would look it up in vain.',
            ]
          : ['carries this table). Tokens are no longer stored: without it, refreshing or revoking a token would look it up in vain.']),
      ],
    ),
  ];
}

/**
 * The token revocation listener: tokens revoked here are announced to the control plane (its load balancer) at
 * `/internal/data/v1/notify`, whose event hub the gateways hear (audit C5; APIM docs distributed deployment pages,
 * 'Configure the Control Plane' and, with a separate Key Manager, 'Configure the Key Manager'; helm-apim
 * distributed/control-plane and key-manager confs).
 *
 * What 4.7's non-persistent tokens mean for it: with nothing stored, a revocation reaches the gateways only as an
 * event. The token persistence extension publishes all of them through the EventSender that ApimOauthEventInterceptor
 * builds from the listener's notification_endpoint: client revocations and refreshes (TokenRevocationEvent), user
 * changes (onPostTokenRevocationBySystem → SubjectEntityRevocationEvent) and application changes
 * (APIMOAuthApplicationMgtListener → ConsumerAppRevocationEvent). So the listener stays on every node that issues
 * tokens, aimed at the control plane, as the v4.7.0 ACP default toml and helm-apim 4.7.x keep it; 4.7 needs nothing
 * more from it.
 */
export function tokenRevocationTables(context: GenerationContext, node: ApimNode, target: Cluster, note: string[] = []): TomlTable[] {
  const { facts } = context;
  const own = target.members.some((member) => member.id === node.id);
  const where = `the ${KIND_NAMES[target.kind].toLowerCase()}${target.lb ? ` cluster through ${target.lb.id}` : own ? '' : ` ${target.members[0].id}`}`;
  const issuer = KIND_NAMES[node.kind].toLowerCase();
  return [
    arrayTable(
      'event_listener',
      {
        id: 'token_revocation',
        type: 'org.wso2.carbon.identity.core.handler.AbstractIdentityHandler',
        name: 'org.wso2.is.notification.ApimOauthEventInterceptor',
        order: 1,
      },
      [
        `Token revocation: notify ${where}, whose event hub the gateways hear.`,
        ...(facts.nonPersistentTokens
          ? [
              `API-M ${versionName(facts.version)} keeps no token rows to look up: gateways learn of every revocation (by a client, a refresh,`,
              `a user or an application change) only from the events this listener sends, so it stays on every ${issuer}.`,
            ]
          : []),
        ...note,
      ],
    ),
    table('event_listener.properties', {
      notification_endpoint: `${httpsBase(target)}/internal/data/v1/notify`,
      username: '${admin.username}',
      password: '${admin.password}',
      'header.X-WSO2-KEY-MANAGER': 'default',
    }),
  ];
}

/**
 * The WSO2 Identity Server a node uses as its resident Key Manager (IS 5.11 / 6.x linked to it or to its cluster), or
 * undefined. IS 7 is only a third-party Key Manager, added in the Admin portal: it changes no API-M file (APIM docs
 * 4.3.0+ 'Configure WSO2 IS 7.x as a Key Manager'; APIM docs 4.6.0 'Pattern 6: All-in-One with WSO2 IS as Key Manager').
 */
export function residentIdentityServer(context: GenerationContext, node: ApimNode): IdentityServerNode | undefined {
  const server = context.graph.identityServerFor(node);
  return server && isVersionFacts(server.version).mode === 'resident' ? server : undefined;
}

/**
 * `[apim.key_manager]` naming WSO2 Identity Server as the resident Key Manager: `type = "WSO2-IS"` and IS's services
 * URL, with the admin's credentials (helm-apim 4.2.x–4.7.x distributed/gateway, control-plane and traffic-manager
 * confs with `iskm.enabled`; APIM docs 4.0.0 'Set up WSO2 Identity Server as a Key Manager', Step 5). helm-apim's
 * all-in-one conf spells the URL key `server_url`, which no API-M template reads: the designer writes `service_url`.
 */
export function identityServerKeyManagerTable(server: IdentityServerNode, extra: Record<string, string | boolean> = {}): TomlTable {
  return table(
    'apim.key_manager',
    { type: 'WSO2-IS', service_url: `${identityServerBase(server)}/services/`, ...SUPER_ADMIN_REFS, ...extra },
    [
      `Key Manager: WSO2 Identity Server ${isVersionFacts(server.version).release} ${server.id}, the resident Key Manager (type WSO2-IS):`,
      'it registers applications and issues and validates tokens; API-M keeps no Key Manager of its own.',
    ],
  );
}

/**
 * `[oauth.grant_type.token_exchange]` off where IS is the Key Manager: IS, not this node, serves the grants (helm-apim
 * 4.2.x–4.7.x distributed/gateway and control-plane confs write this table only when `iskm.enabled`). Read from 4.1
 * (the key lists; 4.0 reads no such key).
 */
export function tokenExchangeTables(context: GenerationContext): TomlTable[] {
  if (!context.facts.identityServer.tokenExchangeKeys) return [];
  return [
    table(
      'oauth.grant_type.token_exchange',
      { enable: false, allow_refresh_tokens: true, iat_validity_period: '1h' },
      'Token exchange off: WSO2 Identity Server serves the grants, as helm-apim writes it with IS as the Key Manager.',
    ),
  ];
}

/**
 * `[apim.oauth_config] revoke_endpoint` at IS: tokens are revoked where they were issued (helm-apim 4.2.x–4.7.x
 * distributed/control-plane and traffic-manager confs with `iskm.enabled`). The default is this node's own
 * `/oauth2/revoke`, right only where API-M is the Key Manager.
 */
export function identityServerRevokeTable(server: IdentityServerNode): TomlTable {
  return table(
    'apim.oauth_config',
    { revoke_endpoint: `${identityServerBase(server)}/oauth2/revoke` },
    `Token revocation at WSO2 Identity Server ${server.id}, which issued the tokens.`,
  );
}
