/**
 * Hardening rules (APIM docs 'Production Deployment Guidelines'; 'Encrypting Passwords in Configuration Files';
 * warnings: they matter in production): WSO2's default
 * credentials and keystore passwords, and passwords written into the files in plain text. The fix is
 * always the same: change the value and keep it out of the file, as `$env{…}` or as `$secret{…}` with
 * a `[secrets]` table (last in the file) encrypted by `ciphertool.sh -Dconfigure`.
 */
import type { Diagnostic, Topology, TopologyGraph } from '../model/index.ts';
import {
  platformOf,
  DATABASE_DEFAULTS,
  DEFAULT_KEYSTORE,
  SECRET_PLACEHOLDER,
  analyticsTypeOf,
  customTomlSecrets,
  buildGraph,
  isReference,
  versionFacts,
} from '../model/index.ts';
import { report } from './rules.ts';
import { names } from './text.ts';

/** `$secret{alias}`: the alias holds no brace, so a text of many unclosed `$secret{` is read once, not once per `{`. */
const SECRET = /\$secret\{([^{}]*)\}/g;

const KEEP_OUT = (name: string, variable: string) =>
  `keep it out of the file: write $env{${variable}} and set that variable on every node, or $secret{${name}} with a [secrets] table (the last table in deployment.toml) encrypted by ciphertool.sh -Dconfigure.`;

interface Secret {
  /** What it is, for messages: "super admin password", "database db password". */
  what: string;
  value: string;
  nodeId?: string;
}

export function validateHardening(topology: Topology, graph: TopologyGraph = buildGraph(topology)): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { superAdmin, keystore, truststore, analytics } = topology.settings;
  const secrets: Secret[] = [];
  /** Secrets already reported as defaults: not reported again as plain text. */
  const defaults = new Set<Secret>();

  // APIM029: admin / admin.
  const admin: Secret = { what: 'super admin password', value: superAdmin.password };
  secrets.push(admin);
  if (superAdmin.password === 'admin') {
    defaults.add(admin);
    out.push(
      report('APIM029', {
        message:
          superAdmin.username === 'admin'
            ? "The super admin is admin / admin, WSO2's default credentials"
            : `The super admin password of ${superAdmin.username} is "admin", WSO2's default`,
        fix: `Set another super admin password in the topology settings, and ${KEEP_OUT('admin_password', 'WSO2_ADMIN_PASSWORD')}`,
      }),
    );
  }

  // APIM030: wso2carbon on the keystores and the truststore.
  const stores: Secret[] = [
    { what: 'TLS keystore password', value: keystore.tls.password },
    { what: 'TLS key password', value: keystore.tls.keyPassword },
    ...(keystore.primary
      ? [
          { what: 'primary keystore password', value: keystore.primary.password },
          { what: 'primary key password', value: keystore.primary.keyPassword },
        ]
      : []),
    { what: 'truststore password', value: truststore.password },
  ];
  secrets.push(...stores);
  const defaultStores = stores.filter((s) => s.value === DEFAULT_KEYSTORE.password);
  if (defaultStores.length > 0) {
    for (const s of defaultStores) defaults.add(s);
    out.push(
      report('APIM030', {
        message: `The ${names(
          defaultStores.map((s) => s.what),
          10,
        )} ${defaultStores.length > 1 ? 'are' : 'is'} "wso2carbon", the default of the keystores every WSO2 download ships`,
        fix: `Create your own keystore and truststore (one primary keystore shared by every node), set their passwords in the topology settings, and ${KEEP_OUT('keystore_password', 'WSO2_KEYSTORE_PASSWORD')}`,
      }),
    );
  }

  // APIM031: a database password that is WSO2's default, empty, or the user name.
  for (const db of graph.nodesOfKind('database')) {
    const secret: Secret = { what: `database ${db.id} password`, value: db.password, nodeId: db.id };
    secrets.push(secret);
    const why =
      db.password === ''
        ? 'is empty'
        : db.password === DATABASE_DEFAULTS.password
          ? `is "${DATABASE_DEFAULTS.password}", WSO2's default`
          : db.password === db.username
            ? 'is the user name'
            : undefined;
    if (!why) continue;
    defaults.add(secret);
    out.push(
      report('APIM031', {
        message: `Database ${db.id}: the password of ${db.username ? `user ${db.username}` : 'its user'} ${why}`,
        nodeIds: [db.id],
        fix: `Create a database user with a strong password for ${db.id}, and ${KEEP_OUT(`${db.id.replace(/-/g, '_')}_password`, `${db.id.replace(/-/g, '_').toUpperCase()}_PASSWORD`)}`,
      }),
    );
  }

  // APIM047: a Redis server the files reach without a password (only where the version writes it, 4.6+).
  if (versionFacts(topology.product).distributedThrottling) {
    for (const redis of graph.nodesOfKind('redis')) {
      const secret: Secret = { what: `Redis ${redis.id} password`, value: redis.password, nodeId: redis.id };
      secrets.push(secret);
      if (redis.password !== '') continue;
      out.push(
        report('APIM047', {
          message: `Redis ${redis.id} has no password: anyone who reaches ${redis.host}:${redis.port} can reset the throttle counters and lift every rate limit`,
          nodeIds: [redis.id],
          fix: `Set a password on the Redis server (requirepass, or an ACL user) and on ${redis.id}, and ${KEEP_OUT(`${redis.id.replace(/-/g, '_')}_password`, `${redis.id.replace(/-/g, '_').toUpperCase()}_PASSWORD`)}`,
        }),
      );
    }
  }

  // Passwords and tokens in custom TOML (model/customTomlSecrets.ts), on virtual machines, where it reaches the files.
  if (platformOf(topology.settings) !== 'kubernetes') {
    for (const node of topology.nodes) {
      if (!('customToml' in node) || !node.customToml) continue;
      for (const secret of customTomlSecrets(node.customToml)) {
        secrets.push({ what: `${secret.key} in the custom TOML of ${node.id}`, value: secret.value, nodeId: node.id });
      }
    }
  }

  // ELK and OpenSearch write no key into the files (the generator leaves authToken out for them).
  const analyticsKeyWritten = analytics.enabled && ['choreo', 'moesif'].includes(analyticsTypeOf(analytics));
  if (analyticsKeyWritten && analytics.authToken.trim()) secrets.push({ what: 'analytics auth token', value: analytics.authToken });
  // The 4.7 internal encryption key, written into every file as given (its absence is APIM042).
  const { encryptionKey } = topology.settings;
  if (versionFacts(topology.product).internalEncryptionKey && encryptionKey) {
    secrets.push({ what: 'internal encryption key', value: encryptionKey });
  }

  // APIM032: every other secret written as it is; with the secure vault on, the generator writes them
  // as $secret{…} in an encrypted [secrets] table instead.
  const placeholders = secrets.filter((s) => s.value === SECRET_PLACEHOLDER);
  const plain = secrets.filter((s) => !defaults.has(s) && s.value !== '' && s.value !== SECRET_PLACEHOLDER && !isReference(s.value));
  const [firstPlain] = plain;
  if (firstPlain && !topology.settings.secureVault) {
    out.push(
      report('APIM032', {
        message:
          plain.length === 1
            ? `The ${firstPlain.what} is written into the generated files in plain text`
            : `${plain.length} secrets are written into the generated files in plain text: ${names(
                plain.map((s) => s.what),
                10,
              )}`,
        nodeIds: plain.flatMap((s) => (s.nodeId ? [s.nodeId] : [])),
        fix: `Turn on "Secure vault" in the topology settings: every password is then written as $secret{…} with a [secrets] table that ciphertool.sh -Dconfigure encrypts. Or, for each, ${KEEP_OUT('alias', 'VARIABLE').replace('keep it out of the file: ', '')}`,
      }),
    );
  }

  // APIM034: a topology opened from a link without its secrets.
  if (placeholders.length > 0) {
    out.push(
      report('APIM034', {
        message: `The ${names(
          placeholders.map((s) => s.what),
          10,
        )} ${placeholders.length > 1 ? 'were' : 'was'} left out of the share link this topology came from: the files say ${SECRET_PLACEHOLDER}`,
        nodeIds: placeholders.flatMap((s) => (s.nodeId ? [s.nodeId] : [])),
        fix: 'Set the real values in the topology settings (and database nodes) before you download, or ask the sender for a link with secrets.',
      }),
    );
  }

  // APIM033: $secret{alias} needs a [secrets] table, which the generated files do not have yet.
  const aliases = new Set<string>();
  const users: Secret[] = [];
  for (const s of secrets) {
    const found = [...s.value.matchAll(SECRET)].flatMap((m) => m[1] ?? []);
    if (found.length === 0) continue;
    users.push(s);
    for (const alias of found) aliases.add(alias);
  }
  if (users.length > 0) {
    const list = [...aliases].join(', ');
    out.push(
      report('APIM033', {
        message: `The ${names(
          users.map((s) => s.what),
          10,
        )} ${users.length > 1 ? 'use' : 'uses'} $secret{${list}}, but the generated files have no [secrets] table defining ${aliases.size > 1 ? 'them' : 'it'}: the node would not start`,
        nodeIds: users.flatMap((s) => (s.nodeId ? [s.nodeId] : [])),
        fix: `In every generated deployment.toml add, as the last table, [secrets] with ${[...aliases].map((a) => `${a} = "[the password]"`).join(', ')}, then run ciphertool.sh -Dconfigure on each node; or use $env{…} instead.`,
      }),
    );
  }
  // On Kubernetes no file holds a password: the runbook puts them in a Secret (generate/helm/values.ts), so the rules
  // about the topology's passwords in files do not apply; the Redis rule does.
  if (platformOf(topology.settings) === 'kubernetes') return out.filter((d) => !FILE_PASSWORD_RULES.has(d.code));
  return out;
}

const FILE_PASSWORD_RULES = new Set(['APIM029', 'APIM030', 'APIM031', 'APIM032', 'APIM033', 'APIM034']);
