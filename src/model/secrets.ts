/**
 * The secrets a topology holds: every password and token, where it lives, WSO2's public default for it,
 * and a way to set it. Share links leave them out, the hardening rules check them, the download asks
 * about placeholders; all read this one list.
 */
import type { Settings, Topology } from './types.ts';
import { DATABASE_DEFAULTS, DEFAULT_KEYSTORE, REDIS_DEFAULTS, SECRET_PLACEHOLDER, defaultSettings } from './defaults.ts';
import { gatewayEnvironmentsOf } from './environments.ts';
import { customTomlSecrets, withCustomTomlSecret } from './customTomlSecrets.ts';

export interface SecretField {
  /** What it is, for messages: "super admin password", "password of database db". */
  what: string;
  value: string;
  /** WSO2's published default: known to everyone, so not a secret to hide. */
  publicDefault: string;
  /** The database or Redis node it belongs to, if any. */
  nodeId?: string;
  set: (topology: Topology, value: string) => Topology;
}

/**
 * A value config-mapper resolves on the node rather than a value in the file: `$env{…}`, `$sys{…}`,
 * `$secret{…}`, `$ref{…}`, or a Carbon variable `${…}` (APIM docs 'Encrypting Passwords in Configuration Files';
 * 'Set Passwords using Environment Variables/System Properties').
 */
export function isReference(value: string): boolean {
  return /^\$(\{|env\{|sys\{|secret\{|ref\{)[^}]*\}$/.test(value);
}

export function secretFields(topology: Topology): SecretField[] {
  const s = topology.settings;
  const settings = (patch: (settings: Settings, value: string) => Settings) => (t: Topology, value: string) => ({
    ...t,
    settings: patch(t.settings, value),
  });
  const store = DEFAULT_KEYSTORE.password;
  const fields: SecretField[] = [
    {
      what: 'super admin password',
      value: s.superAdmin.password,
      publicDefault: defaultSettings().superAdmin.password,
      set: settings((x, v) => ({ ...x, superAdmin: { ...x.superAdmin, password: v } })),
    },
    {
      what: 'TLS keystore password',
      value: s.keystore.tls.password,
      publicDefault: store,
      set: settings((x, v) => ({ ...x, keystore: { ...x.keystore, tls: { ...x.keystore.tls, password: v } } })),
    },
    {
      what: 'TLS key password',
      value: s.keystore.tls.keyPassword,
      publicDefault: store,
      set: settings((x, v) => ({ ...x, keystore: { ...x.keystore, tls: { ...x.keystore.tls, keyPassword: v } } })),
    },
    {
      what: 'truststore password',
      value: s.truststore.password,
      publicDefault: store,
      set: settings((x, v) => ({ ...x, truststore: { ...x.truststore, password: v } })),
    },
    {
      what: 'analytics auth token',
      value: s.analytics.authToken,
      publicDefault: '',
      set: settings((x, v) => ({ ...x, analytics: { ...x.analytics, authToken: v } })),
    },
    {
      what: 'internal encryption key',
      value: s.encryptionKey ?? '',
      publicDefault: '',
      set: settings((x, v) => ({ ...x, encryptionKey: v })),
    },
  ];
  const primary = s.keystore.primary;
  if (primary) {
    fields.push(
      {
        what: 'primary keystore password',
        value: primary.password,
        publicDefault: store,
        set: settings((x, v) => ({ ...x, keystore: { ...x.keystore, primary: { ...primary, ...x.keystore.primary, password: v } } })),
      },
      {
        what: 'primary key password',
        value: primary.keyPassword,
        publicDefault: store,
        set: settings((x, v) => ({ ...x, keystore: { ...x.keystore, primary: { ...primary, ...x.keystore.primary, keyPassword: v } } })),
      },
    );
  }
  for (const node of topology.nodes) {
    if ('customToml' in node && node.customToml) {
      // Passwords and tokens in custom TOML: by their place among the custom TOML's secrets (customTomlSecrets.ts).
      customTomlSecrets(node.customToml).forEach((secret, index) => {
        fields.push({
          what: `${secret.key} in the custom TOML of ${node.id}`,
          value: secret.value,
          publicDefault: '',
          nodeId: node.id,
          set: (t, v) => ({
            ...t,
            nodes: t.nodes.map((n) =>
              n.id === node.id && 'customToml' in n && n.customToml
                ? { ...n, customToml: withCustomTomlSecret(n.customToml, index, v) }
                : n,
            ),
          }),
        });
      });
    }
    if (node.kind === 'database') {
      fields.push({
        what: `password of database ${node.id}`,
        value: node.password,
        publicDefault: DATABASE_DEFAULTS.password,
        nodeId: node.id,
        set: (t, v) => ({ ...t, nodes: t.nodes.map((n) => (n.id === node.id && n.kind === 'database' ? { ...n, password: v } : n)) }),
      });
    } else if (node.kind === 'redis') {
      fields.push({
        what: `password of Redis ${node.id}`,
        value: node.password,
        publicDefault: REDIS_DEFAULTS.password,
        nodeId: node.id,
        set: (t, v) => ({ ...t, nodes: t.nodes.map((n) => (n.id === node.id && n.kind === 'redis' ? { ...n, password: v } : n)) }),
      });
    }
  }
  return fields;
}

/** A value worth hiding from a share link: set, not WSO2's public default, not a reference. */
export function isPrivate(field: SecretField): boolean {
  return field.value !== '' && field.value !== field.publicDefault && field.value !== SECRET_PLACEHOLDER && !isReference(field.value);
}

/**
 * The topology with every private secret replaced by the placeholder (WSO2's public defaults stay): what a share link
 * and a picture carry.
 */
export function withoutSecrets(topology: Topology): Topology {
  let result = topology;
  for (const field of secretFields(topology)) if (isPrivate(field)) result = field.set(result, SECRET_PLACEHOLDER);
  return result;
}

/** Secrets that were left out of the share link this topology came from. */
export function placeholders(topology: Topology): SecretField[] {
  return secretFields(topology).filter((field) => field.value === SECRET_PLACEHOLDER);
}

/**
 * Every user name, password, alias and file name that both the deployment.toml files and the runbook's
 * shell commands carry (keytool, mysql, psql …): what `credentialProblem` must pass for the two to
 * read the same value.
 */
export function credentialFields(topology: Topology): { what: string; value: string; nodeId?: string }[] {
  const s = topology.settings;
  const keystore = (name: string, k: Settings['keystore']['tls']) => [
    { what: `${name} keystore file name`, value: k.fileName },
    { what: `${name} keystore password`, value: k.password },
    { what: `${name} key alias`, value: k.alias },
    { what: `${name} key password`, value: k.keyPassword },
  ];
  return [
    { what: 'super admin username', value: s.superAdmin.username },
    { what: 'super admin password', value: s.superAdmin.password },
    ...keystore('TLS', s.keystore.tls),
    ...(s.keystore.primary ? keystore('primary', s.keystore.primary) : []),
    { what: 'truststore file name', value: s.truststore.fileName },
    { what: 'truststore password', value: s.truststore.password },
    ...topology.nodes.flatMap((node) => {
      switch (node.kind) {
        case 'database':
          return [
            { what: `username of database ${node.id}`, value: node.username, nodeId: node.id },
            { what: `password of database ${node.id}`, value: node.password, nodeId: node.id },
          ];
        case 'redis':
          return [
            { what: `username of Redis ${node.id}`, value: node.user, nodeId: node.id },
            { what: `password of Redis ${node.id}`, value: node.password, nodeId: node.id },
          ];
        default:
          return [];
      }
    }),
  ];
}

/** `$env{`, `$sys{`, `$secret{`, `$ref{` or `${` anywhere in a value. */
const REFERENCE_INSIDE = /\$(?:env|sys|secret|ref)?\{/;

/**
 * Every value a person types that the files carry as it is and that is not a password or token (where a
 * reference is how a secret is kept out of the file): names, lists, URLs, user names, file names,
 * aliases. A reference in one of these reaches the files as text: config-mapper may resolve it when the
 * node starts, but nginx, the runbook's shell commands and the other nodes never do.
 */
export function plainTextFields(topology: Topology): { what: string; value: string; nodeId?: string }[] {
  const s = topology.settings;
  const secrets = new Set(secretFields(topology).map((f) => f.what));
  return [
    ...credentialFields(topology).filter((f) => !secrets.has(f.what) && !/password/.test(f.what)),
    { what: 'backend JWT header', value: s.jwt.header },
    { what: 'backend JWT signing algorithm', value: s.jwt.signingAlgorithm },
    { what: 'backend JWT claim dialect', value: s.jwt.claimDialect },
    { what: 'CORS allowed origins', value: s.cors.allowOrigins },
    ...s.cors.allowMethods.map((value) => ({ what: 'CORS allowed methods', value })),
    ...s.cors.allowHeaders.map((value) => ({ what: 'CORS allowed headers', value })),
    { what: 'cache invalidation domain', value: s.cacheInvalidation.domain },
    { what: 'analytics config endpoint', value: s.analytics.configEndpoint },
    ...(s.analytics.moesifBaseUrl !== undefined ? [{ what: 'Moesif base URL', value: s.analytics.moesifBaseUrl }] : []),
    ...gatewayEnvironmentsOf(topology).flatMap((e) => [
      { what: `name of gateway environment "${e.name}"`, value: e.name },
      { what: `description of gateway environment "${e.name}"`, value: e.description },
    ]),
    ...Object.entries(s.skipList).flatMap(([list, values]) => values.map((value) => ({ what: `deployment skip list (${list})`, value }))),
  ];
}

/** The fields of `plainTextFields` that hold a reference (`$env{…}`, `${…}` …). */
export function referencesInPlainText(topology: Topology): { what: string; value: string; nodeId?: string }[] {
  return plainTextFields(topology).filter((field) => REFERENCE_INSIDE.test(field.value));
}
