/**
 * The topology's settings, from the first file that carries each table (every node's file carries the same super
 * admin and keystores; gateways the backend JWT and analytics; control planes the environments). A file that
 * disagrees with the first is a conflict in the report.
 */
import type { AnalyticsType, EnvironmentType, GatewayEnvironment, KeystoreType, Settings } from '../model/index.ts';
import { ANALYTICS_TYPES, ENVIRONMENT_TYPES, KEYSTORE_TYPES, defaultSettings } from '../model/index.ts';
import type { NodeFile, Table } from './nodeFile.ts';
import { at, bool, str, strings, tables } from './nodeFile.ts';
import type { ImportReport } from './report.ts';

const keystoreType = (t: Table): KeystoreType => KEYSTORE_TYPES.find((k) => k === str(t, 'type')?.toUpperCase()) ?? 'JKS';

function first(files: readonly NodeFile[], path: string, report: ImportReport): { file: NodeFile; t: Table } | undefined {
  const holders = files.filter((f) => {
    const v = at(f.data, path);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  });
  const head = holders[0];
  if (!head) return undefined;
  const text = JSON.stringify(at(head.data, path));
  for (const other of holders.slice(1)) {
    if (JSON.stringify(at(other.data, path)) !== text)
      report.conflicts.push({ subject: other.id, message: `[${path}] differs from ${head.id}'s; the topology takes ${head.id}'s` });
  }
  return { file: head, t: at(head.data, path) as Table };
}

export function readSettings(files: readonly NodeFile[], report: ImportReport): Settings {
  const settings = defaultSettings();
  const admin = first(files, 'super_admin', report);
  if (admin) {
    const { t } = admin;
    settings.superAdmin = {
      username: str(t, 'username') ?? settings.superAdmin.username,
      password: str(t, 'password') ?? settings.superAdmin.password,
      createAdminAccount: bool(t, 'create_admin_account') ?? true,
    };
  }
  const keystore = (t: Table) => ({
    fileName: str(t, 'file_name') ?? 'wso2carbon.jks',
    type: keystoreType(t),
    password: str(t, 'password') ?? 'wso2carbon',
    alias: str(t, 'alias') ?? 'wso2carbon',
    keyPassword: str(t, 'key_password') ?? str(t, 'password') ?? 'wso2carbon',
  });
  const tls = first(files, 'keystore.tls', report);
  if (tls) settings.keystore.tls = keystore(tls.t);
  const primary = first(files, 'keystore.primary', report);
  if (primary) settings.keystore.primary = keystore(primary.t);
  const trust = first(files, 'truststore', report);
  if (trust) {
    settings.truststore = {
      fileName: str(trust.t, 'file_name') ?? settings.truststore.fileName,
      type: keystoreType(trust.t),
      password: str(trust.t, 'password') ?? settings.truststore.password,
    };
  }
  const jwt = first(files, 'apim.jwt', report);
  if (jwt && bool(jwt.t, 'enable') === true) {
    const encoding = str(jwt.t, 'encoding');
    settings.jwt = {
      enabled: true,
      encoding: encoding === 'base64url' ? 'base64url' : 'base64',
      header: str(jwt.t, 'header') ?? settings.jwt.header,
      signingAlgorithm: str(jwt.t, 'signing_algorithm') ?? settings.jwt.signingAlgorithm,
      claimDialect: str(jwt.t, 'claim_dialect') ?? settings.jwt.claimDialect,
    };
  }
  const cors = first(files, 'apim.cors', report);
  if (cors) {
    const origins = at(cors.t, 'allow_origins');
    settings.cors = {
      enabled: bool(cors.t, 'enable') ?? true,
      allowOrigins: Array.isArray(origins) ? origins.join(',') : typeof origins === 'string' ? origins : '*',
      allowMethods: strings(cors.t, 'allow_methods'),
      allowHeaders: strings(cors.t, 'allow_headers'),
      allowCredentials: bool(cors.t, 'allow_credentials') ?? false,
    };
  } else if (files.some((f) => f.designer)) settings.cors.enabled = false;
  const cache = first(files, 'apim.cache_invalidation', report);
  if (cache)
    settings.cacheInvalidation = { enabled: bool(cache.t, 'enabled') ?? true, domain: str(cache.t, 'domain') ?? 'control-plane-domain' };
  const analytics = first(files, 'apim.analytics', report);
  if (analytics && bool(analytics.t, 'enable') === true) {
    const type = ANALYTICS_TYPES.find((a) => a === str(analytics.t, 'type')) as AnalyticsType | undefined;
    const moesif = at(analytics.file.data, 'apim.analytics.properties') as Table | undefined;
    settings.analytics = {
      enabled: true,
      ...(type && type !== 'choreo' ? { type } : {}),
      configEndpoint: str(analytics.t, 'config_endpoint') ?? settings.analytics.configEndpoint,
      authToken: str(analytics.t, 'auth_token') ?? (moesif ? (str(moesif, 'moesifKey') ?? '') : ''),
      ...(moesif && str(moesif, 'moesif_base_url') ? { moesifBaseUrl: str(moesif, 'moesif_base_url') } : {}),
    };
  }
  const skip = first(files, 'apim.sync_runtime_artifacts.gateway.skip_list', report);
  if (skip) {
    settings.skipList = {
      apis: strings(skip.t, 'apis'),
      endpoints: strings(skip.t, 'endpoints'),
      sequences: strings(skip.t, 'sequences'),
      localEntries: strings(skip.t, 'local_entries'),
    };
  }
  const encryption = first(files, 'encryption', report);
  const key = encryption && str(encryption.t, 'key');
  if (key) settings.encryptionKey = key;
  return settings;
}

/** The gateway environments a control plane (or All-in-One) lists, in its order. */
export function environmentsOf(file: NodeFile): GatewayEnvironment[] {
  return tables(file.data, 'apim.gateway.environment').flatMap((t) => {
    const name = str(t, 'name');
    if (!name) return [];
    return [
      {
        name,
        type: (ENVIRONMENT_TYPES.find((e) => e === str(t, 'type')) ?? 'hybrid') as EnvironmentType,
        description: str(t, 'description') ?? '',
        displayInApiConsole: bool(t, 'display_in_api_console') ?? true,
        showAsTokenEndpointUrl: bool(t, 'show_as_token_endpoint_url') ?? true,
      },
    ];
  });
}
