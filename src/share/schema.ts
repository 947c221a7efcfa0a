/**
 * The schema of topology format 1: one valibot schema gives the checks and the messages, and fills what
 * a document leaves out with the model's defaults (model/defaults.ts, defined there once). Every object
 * is strict: an unknown field (a typo) is an error that names it. What it gives is a `Topology`, and the
 * compiler checks so (`TopologySchemaGivesTopology`, at the end).
 */
import * as v from 'valibot';
import type { GenericSchema } from 'valibot';
import type { Keystore, NodeKind, Topology } from '../model/index.ts';
import {
  ANALYTICS_TYPES,
  DATABASE_NAME_PATTERN,
  DB_ENGINES,
  DB_ENGINE_PORTS,
  ENVIRONMENT_TYPES,
  INGRESS_MODES,
  NAMESPACE_PATTERN,
  PLATFORMS,
  RELEASE_NAME_PATTERN,
  GATEWAY_ID_PATTERN,
  KEYSTORE_TYPES,
  LOGICAL_DATABASES,
  MAX_OFFSET,
  MIN_OFFSET,
  MYSQL_VERSIONS,
  NODE_ID_PATTERN,
  NODE_KINDS,
  PRODUCT_VERSIONS,
  APIM_NODE_DEFAULTS,
  DEFAULT_KEYSTORE,
  DEFAULT_TOPOLOGY_NAME,
  ENVIRONMENT_DEFAULTS,
  defaultSettings,
  DATABASE_DEFAULTS,
  REDIS_DEFAULTS,
  IDENTITY_SERVER_DEFAULTS,
  IS_VERSIONS,
  HOST_PATTERN,
  credentialProblem,
  LIMITS,
  TOPOLOGY_FORMAT,
} from '../model/index.ts';

const quote = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value) : String(value));
const list = (values: readonly string[]) => `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;

/** Defined in the model, so `validate` checks hosts the same way; re-exported for existing importers. */
export { HOST_PATTERN };

const text = (max: number = LIMITS.text) =>
  v.pipe(
    v.string((issue) => `expected text, got ${typeName(issue.input)}`),
    v.maxLength(max, (issue) => `is ${(issue.input as string).length} characters long; at most ${max} are allowed`),
  );

/** A user name, password, alias or file name the runbook's shell commands carry too (credentialProblem). */
const credential = () =>
  v.pipe(
    text(),
    v.check(
      (value) => credentialProblem(value) === undefined,
      (issue) => `${credentialProblem(issue.input as string)}; retype it without spaces at its ends, tabs or line breaks`,
    ),
  );

const bool = () => v.boolean((issue) => `expected true or false, got ${quote(issue.input)}`);

const texts = () =>
  v.pipe(
    v.array(text(), (issue) => `expected a list of texts, got ${typeName(issue.input)}`),
    v.maxLength(LIMITS.listItems, `has more than ${LIMITS.listItems} items`),
  );

const host = () =>
  v.pipe(
    v.string((issue) => `expected a host name, got ${typeName(issue.input)}`),
    v.regex(HOST_PATTERN, (issue) => `${quote(issue.input)} is not a valid host name or IPv4 address`),
  );

// The names of a node's existing TLS certificate (CertificateFields): host names, IPv4 addresses, `*.` wildcards.
const certificateNames = () =>
  v.pipe(
    v.array(
      v.pipe(
        v.string((issue) => `expected a certificate name, got ${typeName(issue.input)}`),
        v.check(
          (name) => HOST_PATTERN.test(name) || (name.startsWith('*.') && HOST_PATTERN.test(name.slice(2))),
          (issue) => `${quote(issue.input)} is not a certificate name: use a host name, an IPv4 address or *.domain`,
        ),
      ),
      (issue) => `expected a list of certificate names, got ${typeName(issue.input)}`,
    ),
    v.maxLength(LIMITS.listItems, `has more than ${LIMITS.listItems} items`),
  );

const integer = (min: number, max: number) =>
  v.pipe(
    v.number((issue) => `expected a whole number, got ${quote(issue.input)}`),
    v.integer((issue) => `${issue.input} is not a whole number`),
    v.minValue(min, (issue) => `${issue.input} is out of range ${min}–${max}`),
    v.maxValue(max, (issue) => `${issue.input} is out of range ${min}–${max}`),
  );

const oneOf = <T extends string>(values: readonly T[], what: string) =>
  v.picklist(values, (issue) => `${quote(issue.input)} is not ${what}: use ${list(values)}`);

const id = () =>
  v.pipe(
    v.string((issue) => `expected an id, got ${typeName(issue.input)}`),
    v.regex(NODE_ID_PATTERN, (issue) => `${quote(issue.input)} is not a valid id: use lowercase letters, digits and dashes (at most 63)`),
  );

const databaseName = () =>
  v.pipe(
    v.string((issue) => `expected a database name, got ${typeName(issue.input)}`),
    v.regex(
      DATABASE_NAME_PATTERN,
      (issue) =>
        `${quote(issue.input)} is not a valid database name: use letters, digits, _, $ and - (at most 64, not starting with $ or -)`,
    ),
  );

const strict = <T extends v.ObjectEntries>(entries: T) =>
  v.strictObject(entries, (issue) => `expected an object, got ${typeName(issue.input)}`);

const coordinate = () =>
  v.optional(
    v.pipe(
      v.number('expected a number'),
      v.finite('expected a finite number'),
      v.minValue(
        -LIMITS.position,
        (issue) => `${issue.input} is off the canvas: use a position from -${LIMITS.position} to ${LIMITS.position}`,
      ),
      v.maxValue(
        LIMITS.position,
        (issue) => `${issue.input} is off the canvas: use a position from -${LIMITS.position} to ${LIMITS.position}`,
      ),
    ),
  );
const position = { x: coordinate(), y: coordinate() };

const label = (pattern: RegExp, what: string, max: number) =>
  v.pipe(
    v.string((issue) => `expected ${what}, got ${typeName(issue.input)}`),
    v.regex(
      pattern,
      (issue) =>
        `${quote(issue.input)} is not a valid ${what}: use lowercase letters, digits and "-", starting and ending with a letter or digit (at most ${max})`,
    ),
  );

// The Kubernetes release of a cluster and its namespace (HelmReleaseFields); absent: the defaults.
const helmRelease = {
  release: v.optional(label(RELEASE_NAME_PATTERN, 'Helm release name', 53)),
  namespace: v.optional(label(NAMESPACE_PATTERN, 'Kubernetes namespace', 63)),
};

// TOML merged into generated files (CustomTomlFields); parsed and checked by validation, not here.
const customToml = {
  customToml: v.optional(text(LIMITS.customToml)),
  customTomlOverrides: v.optional(texts()),
};

const apimNode = {
  id: id(),
  label: v.optional(text()),
  ...position,
  host: host(),
  offset: v.optional(integer(MIN_OFFSET, MAX_OFFSET), APIM_NODE_DEFAULTS.offset),
  nodeIp: v.optional(host()),
  ...helmRelease,
  ...customToml,
  certificateNames: v.optional(certificateNames()),
};

const dbDefaults = DATABASE_DEFAULTS;

const nodeSchemas = {
  gateway: strict({
    kind: v.literal('gateway'),
    ...apimNode,
    labels: v.optional(texts()),
    gatewayId: v.optional(
      v.pipe(
        v.string((issue) => `expected a gateway id, got ${typeName(issue.input)}`),
        v.regex(
          GATEWAY_ID_PATTERN,
          (issue) => `${quote(issue.input)} is not a valid gateway id: use letters, digits, ".", "_" and "-" (at most 100)`,
        ),
      ),
    ),
  }),
  'control-plane': strict({ kind: v.literal('control-plane'), ...apimNode }),
  'all-in-one': strict({ kind: v.literal('all-in-one'), ...apimNode }),
  'traffic-manager': strict({ kind: v.literal('traffic-manager'), ...apimNode, skipRedeployingPolicies: v.optional(texts()) }),
  'key-manager': strict({ kind: v.literal('key-manager'), ...apimNode }),
  // `sticky` stays absent when the file does not say: absent means LOAD_BALANCER_DEFAULTS.sticky (true), so
  // files written before the field existed read, and write back, unchanged.
  'load-balancer': strict({
    kind: v.literal('load-balancer'),
    id: id(),
    label: v.optional(text()),
    ...position,
    host: host(),
    sticky: v.optional(bool()),
    ...helmRelease,
    ...customToml,
    certificateNames: v.optional(certificateNames()),
  }),
  database: strict({
    kind: v.literal('database'),
    id: id(),
    label: v.optional(text()),
    ...position,
    host: host(),
    engine: v.optional(oneOf(DB_ENGINES, 'a database engine'), dbDefaults.engine),
    port: v.optional(integer(1, 65535)),
    // Stays absent when the file does not say, like `sticky`: absent means MySQL 8 (mysqlVersionOf).
    mysqlVersion: v.optional(oneOf(MYSQL_VERSIONS, 'a MySQL version')),
    databases: v.optional(
      v.pipe(v.array(oneOf(LOGICAL_DATABASES, 'a logical database')), v.minLength(1, 'must name at least one logical database')),
      () => [...dbDefaults.databases],
    ),
    apimDbName: v.optional(databaseName(), dbDefaults.apimDbName),
    sharedDbName: v.optional(databaseName(), dbDefaults.sharedDbName),
    username: v.optional(credential(), dbDefaults.username),
    password: v.optional(credential(), dbDefaults.password),
  }),
  // `ssl` stays absent when the file does not say, like `sticky`: absent means off.
  redis: strict({
    kind: v.literal('redis'),
    id: id(),
    label: v.optional(text()),
    ...position,
    host: host(),
    port: v.optional(integer(1, 65535), REDIS_DEFAULTS.port),
    user: v.optional(credential(), REDIS_DEFAULTS.user),
    password: v.optional(credential(), REDIS_DEFAULTS.password),
    ssl: v.optional(bool()),
  }),
  // `version` and `offset` default to a new node's (IDENTITY_SERVER_DEFAULTS).
  'identity-server': strict({
    kind: v.literal('identity-server'),
    id: id(),
    label: v.optional(text()),
    ...position,
    host: host(),
    offset: v.optional(integer(MIN_OFFSET, MAX_OFFSET), IDENTITY_SERVER_DEFAULTS.offset),
    version: v.optional(oneOf(IS_VERSIONS, 'a WSO2 Identity Server version'), IDENTITY_SERVER_DEFAULTS.version),
    certificateNames: v.optional(certificateNames()),
  }),
} satisfies Record<NodeKind, GenericSchema>;

const kinds = NODE_KINDS.join(', ');

/** One node: an object, of a kind, then its kind's fields (so messages speak of that kind's fields). */
const node = v.pipe(
  v.custom<Record<string, unknown>>(
    (input) => input !== null && typeof input === 'object' && !Array.isArray(input),
    (issue) => `expected a node object, got ${typeName(issue.input)}`,
  ),
  v.variant(
    'kind',
    [
      nodeSchemas.gateway,
      nodeSchemas['control-plane'],
      nodeSchemas['all-in-one'],
      nodeSchemas['traffic-manager'],
      nodeSchemas['key-manager'],
      nodeSchemas['load-balancer'],
      nodeSchemas.database,
      nodeSchemas.redis,
      nodeSchemas['identity-server'],
    ],
    (issue) => (issue.input === undefined ? `missing: use ${kinds}` : `${JSON.stringify(issue.input)} is not a node kind: use ${kinds}`),
  ),
);

/** Kind columns for nodes that come without a position: load balancers, control planes, … left to right. */
const COLUMN: Record<NodeKind, number> = {
  'load-balancer': 0,
  'control-plane': 1,
  'key-manager': 2,
  'identity-server': 2,
  'all-in-one': 1,
  'traffic-manager': 2,
  gateway: 3,
  database: 4,
  redis: 5,
};

/** What a node leaves out that follows from the rest: its label (its id), its place (its kind's column, its row), a database's port. */
function filled(parsed: v.InferOutput<typeof node>, index: number) {
  const placed = { ...parsed, label: parsed.label ?? parsed.id, x: parsed.x ?? COLUMN[parsed.kind] * 240, y: parsed.y ?? index * 110 };
  return placed.kind === 'database' ? { ...placed, port: placed.port ?? DB_ENGINE_PORTS[placed.engine] } : placed;
}

const defaults = defaultSettings();

const keystore = (d: Keystore) =>
  strict({
    fileName: v.optional(credential(), d.fileName),
    type: v.optional(oneOf(KEYSTORE_TYPES, 'a keystore type'), d.type),
    password: v.optional(credential(), d.password),
    alias: v.optional(credential(), d.alias),
    keyPassword: v.optional(credential(), d.keyPassword),
  });

const environment = strict({
  name: v.pipe(text(LIMITS.environmentName), v.minLength(1, 'must not be empty')),
  type: v.optional(oneOf(ENVIRONMENT_TYPES, 'an environment type'), ENVIRONMENT_DEFAULTS.type),
  description: v.optional(text(LIMITS.longText), ENVIRONMENT_DEFAULTS.description),
  displayInApiConsole: v.optional(bool(), ENVIRONMENT_DEFAULTS.displayInApiConsole),
  showAsTokenEndpointUrl: v.optional(bool(), ENVIRONMENT_DEFAULTS.showAsTokenEndpointUrl),
});

export const settingsSchema = strict({
  superAdmin: v.optional(
    strict({
      username: v.optional(credential(), defaults.superAdmin.username),
      password: v.optional(credential(), defaults.superAdmin.password),
      createAdminAccount: v.optional(bool(), defaults.superAdmin.createAdminAccount),
    }),
    {},
  ),
  keystore: v.optional(
    // A separate primary keystore that leaves fields out takes them from WSO2's product keystore.
    strict({ tls: v.optional(keystore(defaults.keystore.tls), {}), primary: v.optional(keystore(DEFAULT_KEYSTORE)) }),
    {},
  ),
  truststore: v.optional(
    strict({
      fileName: v.optional(credential(), defaults.truststore.fileName),
      type: v.optional(oneOf(KEYSTORE_TYPES, 'a keystore type'), defaults.truststore.type),
      password: v.optional(credential(), defaults.truststore.password),
    }),
    {},
  ),
  gatewayEnvironments: v.optional(
    v.pipe(
      v.array(environment, 'expected a list of environments'),
      v.maxLength(LIMITS.environments, `has more than ${LIMITS.environments} environments`),
    ),
  ),
  jwt: v.optional(
    strict({
      enabled: v.optional(bool(), defaults.jwt.enabled),
      encoding: v.optional(oneOf(['base64', 'base64url'] as const, 'a JWT encoding'), defaults.jwt.encoding),
      header: v.optional(text(), defaults.jwt.header),
      signingAlgorithm: v.optional(text(), defaults.jwt.signingAlgorithm),
      claimDialect: v.optional(text(), defaults.jwt.claimDialect),
    }),
    {},
  ),
  cors: v.optional(
    strict({
      enabled: v.optional(bool(), defaults.cors.enabled),
      allowOrigins: v.optional(text(LIMITS.origins), defaults.cors.allowOrigins),
      allowMethods: v.optional(texts(), () => [...defaults.cors.allowMethods]),
      allowHeaders: v.optional(texts(), () => [...defaults.cors.allowHeaders]),
      allowCredentials: v.optional(bool(), defaults.cors.allowCredentials),
    }),
    {},
  ),
  cacheInvalidation: v.optional(
    strict({
      enabled: v.optional(bool(), defaults.cacheInvalidation.enabled),
      domain: v.optional(text(), defaults.cacheInvalidation.domain),
    }),
    {},
  ),
  analytics: v.optional(
    strict({
      enabled: v.optional(bool(), defaults.analytics.enabled),
      // Not filled when absent (absent means choreo): files without it stay as they are.
      type: v.optional(oneOf(ANALYTICS_TYPES, 'an analytics type')),
      configEndpoint: v.optional(text(LIMITS.longText), defaults.analytics.configEndpoint),
      authToken: v.optional(text(LIMITS.longText), defaults.analytics.authToken),
      // Not filled when absent (absent: the Moesif publisher's own default address).
      moesifBaseUrl: v.optional(text(LIMITS.longText)),
    }),
    {},
  ),
  skipList: v.optional(
    strict({
      apis: v.optional(texts(), () => [...defaults.skipList.apis]),
      endpoints: v.optional(texts(), () => [...defaults.skipList.endpoints]),
      sequences: v.optional(texts(), () => [...defaults.skipList.sequences]),
      localEntries: v.optional(texts(), () => [...defaults.skipList.localEntries]),
    }),
    {},
  ),
  // Not filled when absent: files without it stay as they are.
  secureVault: v.optional(bool()),
  // 4.7+ [encryption] key; a secret, written as given (a literal, $env{…} or $secret{…}). Absent: not set.
  encryptionKey: v.optional(credential()),
  // Not filled when absent (absent: vm), nor are the Kubernetes settings: files without them stay as they are.
  platform: v.optional(oneOf(PLATFORMS, 'a platform')),
  kubernetes: v.optional(
    strict({
      namespace: v.optional(label(NAMESPACE_PATTERN, 'Kubernetes namespace', 63)),
      ingress: v.optional(oneOf(INGRESS_MODES, 'an ingress mode')),
      gatewayName: v.optional(label(NAMESPACE_PATTERN, 'Gateway name', 63)),
    }),
  ),
});

/**
 * A topology document of the current format: the reader has checked the format and migrated an older
 * one before it gets here (parse → version → migrate → this). References (unique ids, links to nodes
 * that exist) are checked after it.
 */
export const topologySchema = strict({
  format: v.pipe(
    v.string(),
    v.transform((): typeof TOPOLOGY_FORMAT => TOPOLOGY_FORMAT),
  ),
  name: v.optional(text(), DEFAULT_TOPOLOGY_NAME),
  product: oneOf(PRODUCT_VERSIONS, 'a supported API-M version'),
  settings: v.optional(settingsSchema, {}),
  nodes: v.pipe(
    v.array(v.unknown(), (issue) => `expected a list of nodes, got ${typeName(issue.input)}`),
    // Counted before the nodes are read: a document past the cap is refused at once.
    v.maxLength(20000, 'has more than 20,000 nodes'),
    v.array(node),
    v.transform((nodes) => nodes.map(filled)),
  ),
  links: v.optional(
    v.pipe(
      v.array(
        strict({
          from: v.string((issue) => `expected a node id, got ${typeName(issue.input)}`),
          to: v.string((issue) => `expected a node id, got ${typeName(issue.input)}`),
        }),
        (issue) => `expected a list of links, got ${typeName(issue.input)}`,
      ),
      v.maxLength(100000, 'has more than 100,000 links'),
    ),
    () => [],
  ),
});

export function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value} ${String(value)}`;
}

export { DB_ENGINE_PORTS };

// ---- What the schema gives is a Topology, and nothing else: checked by the compiler ----

/** Each of A and B is assignable to the other. */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

type AllTrue<T> = false extends T[keyof T] ? false : true;

/** The same keys, and each key's values exactly the same. */
type ExactObject<A, B> = Same<keyof A, keyof B> extends false ? false : AllTrue<{ [K in keyof A]-?: Exactly<A[K], B[K & keyof B]> }>;

/**
 * A and B describe the same values key for key: each is assignable to the other, and no field, not
 * even an optional one, is on one side only, at any depth; nodes are compared kind by kind. (Being
 * assignable both ways alone lets an optional field through on either side.)
 */
export type Exactly<A, B> =
  Same<A, B> extends false
    ? false
    : [NonNullable<A>, NonNullable<B>] extends [readonly (infer X)[], readonly (infer Y)[]]
      ? Exactly<X, Y>
      : [NonNullable<A>] extends [{ kind: string }]
        ? AllTrue<{
            [K in NonNullable<A>['kind']]: ExactObject<Extract<NonNullable<A>, { kind: K }>, Extract<NonNullable<B>, { kind: K }>>;
          }>
        : [NonNullable<A>] extends [object]
          ? ExactObject<NonNullable<A>, NonNullable<B>>
          : true;

/** Compiles only when T is true. */
export type Assert<T extends true> = T;

/** If the schema and the `Topology` type drift apart (a field, a default, a type), this line stops the build. */
export type TopologySchemaGivesTopology = Assert<Exactly<v.InferOutput<typeof topologySchema>, Topology>>;
