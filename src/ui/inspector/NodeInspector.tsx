/** Editing one node: its id, label, host and offset, the settings of its kind, and its links. */
import { memo, useId, useMemo, useState } from 'react';
import type { DatabaseNode, GatewayNode, IdentityServerNode, MysqlVersion, NodePatch, RedisNode, TopologyNode } from '../../model/index.ts';
import {
  DATABASE_NAME_PATTERN,
  DB_ENGINES,
  GATEWAY_ID_PATTERN,
  IS_VERSIONS,
  KIND_NAMES,
  LOGICAL_DATABASES,
  MAX_OFFSET,
  MIN_OFFSET,
  NODE_ID_PATTERN,
  clusterAround,
  gatewayIdOf,
  identityServerHttpsPort,
  isApimNode,
  isVersionFacts,
  isSticky,
  linkId,
  mysqlVersionOf,
  platformOf,
  unhandledKind,
  versionFacts,
} from '../../model/index.ts';
import { HOST_PATTERN } from '../../share/index.ts';
import { useDesigner } from '../store.tsx';
import {
  CheckboxField,
  FieldScopeProvider,
  Fieldset,
  SelectField,
  TextField,
  anyText,
  commaList,
  credential,
  integer,
  pattern,
} from './fields.tsx';
import type { Parse } from './fields.tsx';
import { environmentNames } from './environments.ts';
import { ReleaseFields } from './ReleaseFields.tsx';
import { CustomTomlField } from './CustomTomlField.tsx';
import { FROM_SECRET_HINT } from './kubernetes.ts';

const hostField = pattern(HOST_PATTERN, 'Use a host name such as gw-1.example.com, or an IPv4 address');

/** A certificate's names: host names, IPv4 addresses and `*.` wildcards, as the topology format takes them. */
const certificateNamesField: Parse<string[]> = (text) => {
  const parsed = commaList.parse(text);
  if (!parsed.ok) return parsed;
  const wrong = parsed.value.find((name) => !(HOST_PATTERN.test(name) || (name.startsWith('*.') && HOST_PATTERN.test(name.slice(2)))));
  return wrong === undefined
    ? parsed
    : { ok: false, message: `"${wrong.slice(0, 40)}" is not a certificate name: use a host name, an IPv4 address or *.domain` };
};
const gatewayIdField = pattern(GATEWAY_ID_PATTERN, 'Use letters, digits, ".", "_" and "-" (at most 100), such as gateway_00');
// The same rule as a topology file's (it goes into JDBC URLs and the runbook's commands).
const databaseName = pattern(
  DATABASE_NAME_PATTERN,
  'Use letters, digits, _, $ and - (at most 64, not starting with $ or -), such as apim_db',
);

export function NodeInspector({ node }: { node: TopologyNode }) {
  const topology = useDesigner((s) => s.topology);
  const updateNode = useDesigner((s) => s.updateNode);
  const updateNodeWhileTyping = useDesigner((s) => s.updateNodeWhileTyping);
  const update = (patch: NodePatch) => updateNode(node.id, patch);
  const taken = new Set(topology.nodes.map((n) => n.id));
  const remove = useDesigner((s) => s.remove);
  const addMember = useDesigner((s) => s.addMember);
  const cluster = clusterAround(topology, node.id);
  const lastMember = cluster?.members.at(-1);
  const kubernetes = platformOf(topology.settings) === 'kubernetes';

  return (
    <FieldScopeProvider value={{ key: `node:${node.id}`, nodeId: node.id }}>
      <form className="inspector-form" aria-label={`${KIND_NAMES[node.kind]} ${node.id}`} onSubmit={(e) => e.preventDefault()}>
        <h2>
          {KIND_NAMES[node.kind]} <code>{node.id}</code>
        </h2>
        <TextField
          label="Id"
          value={node.id}
          parse={(text) =>
            !NODE_ID_PATTERN.test(text)
              ? { ok: false, message: 'Use lower-case letters, digits and hyphens (it names the node’s folder in the bundle)' }
              : text !== node.id && taken.has(text)
                ? { ok: false, message: `Another node is already called ${text}` }
                : { ok: true, value: text }
          }
          onChange={(id) => update({ id })}
        />
        <TextField
          label="Label"
          value={node.label}
          parse={anyText}
          onChange={(label) => update({ label })}
          onPause={(label) => updateNodeWhileTyping(node.id, { label })}
        />
        <TextField label="Host" value={node.host} parse={hostField} onChange={(host) => update({ host })} />
        {isApimNode(node) && (
          <>
            <TextField
              label="Port offset"
              type="number"
              value={node.offset}
              parse={integer(MIN_OFFSET, MAX_OFFSET, 'The offset')}
              onChange={(offset) => update({ offset })}
              hint={
                kubernetes
                  ? 'On Kubernetes keep it 0: each pod has its own ports, and the charts call each other on the defaults (APIM063).'
                  : 'Every port is its default plus this offset: HTTPS 9443 + offset.'
              }
            />
            <TextField
              label="Node IP (optional)"
              value={node.nodeIp ?? ''}
              parse={(text) => (text === '' ? { ok: true, value: '' } : hostField(text))}
              onChange={(nodeIp) => update({ nodeIp: nodeIp === '' ? undefined : nodeIp })}
            />
          </>
        )}
        <ReleaseFields node={node} topology={topology} update={update} />
        <KindFields node={node} update={update} fronted={cluster?.members[0]?.kind} kubernetes={kubernetes} />
        {(isApimNode(node) || node.kind === 'load-balancer' || node.kind === 'identity-server') && (
          <TextField
            label="Certificate names (optional)"
            value={node.certificateNames ?? []}
            format={commaList.format}
            parse={certificateNamesField}
            maxLength={null}
            onChange={(names) => update({ certificateNames: names.length > 0 ? names : undefined })}
            hint="The names an existing certificate of this node carries, comma-separated (host names, IPv4 addresses, *.domain): the designer checks that they cover every name a peer calls it by (APIM072). Leave empty to make the certificate the runbook says."
          />
        )}
        {(isApimNode(node) || node.kind === 'load-balancer') && <CustomTomlField node={node} update={update} />}
        <Links node={node} />
        <div className="button-row">
          {cluster && lastMember && (
            <button
              type="button"
              onClick={() => addMember(node.id)}
              title={`A node like ${lastMember.id}, with the same links and settings`}
            >
              Add member to {cluster.lb.id}
            </button>
          )}
          <button type="button" className="danger" onClick={() => remove([node.id], [])}>
            Delete {node.id}
          </button>
        </div>
      </form>
    </FieldScopeProvider>
  );
}

/**
 * The settings of the node's own kind: every kind says what it shows, even when it is nothing. `fronted`: the kind of
 * the nodes a load balancer is in front of.
 */
function KindFields({
  node,
  update,
  fronted,
  kubernetes,
}: {
  node: TopologyNode;
  update: (patch: NodePatch) => void;
  fronted: TopologyNode['kind'] | undefined;
  kubernetes: boolean;
}) {
  switch (node.kind) {
    case 'gateway':
      return <GatewayFields node={node} update={update} />;
    case 'control-plane':
    case 'key-manager':
    case 'all-in-one':
      return null;
    case 'traffic-manager':
      return (
        <TextField
          label="Skip redeploying policies"
          value={node.skipRedeployingPolicies ?? []}
          format={commaList.format}
          parse={commaList.parse}
          maxLength={null}
          onChange={(list) => update({ skipRedeployingPolicies: list.length ? list : undefined })}
          hint="Comma-separated policy names not redeployed at start-up."
        />
      );
    case 'load-balancer':
      // Sticky sessions keep a portal session on one node: only the portals' upstream reads them (nginx.conf).
      if (fronted !== undefined && fronted !== 'control-plane' && fronted !== 'all-in-one') return null;
      // WSO2's charts make the control plane's ingress sticky themselves (cookie affinity); the setting is not theirs.
      if (kubernetes) return <p className="hint">Sessions to the portals stay on one pod: WSO2&apos;s charts make the ingress sticky.</p>;
      return (
        <CheckboxField
          label="Sticky sessions (ip_hash)"
          checked={isSticky(node)}
          onChange={(sticky) => update({ sticky: sticky ? undefined : false })}
        />
      );
    case 'database':
      return <DatabaseFields node={node} update={update} kubernetes={kubernetes} />;
    case 'redis':
      return <RedisFields node={node} update={update} kubernetes={kubernetes} />;
    case 'identity-server':
      return <IdentityServerFields node={node} update={update} />;
    default:
      return unhandledKind(node);
  }
}

function GatewayFields({ node, update }: { node: GatewayNode; update: (patch: NodePatch) => void }) {
  const topology = useDesigner((s) => s.topology);
  const listId = useId();
  const names = environmentNames(topology);
  const readsGatewayId = versionFacts(topology.product).gatewayId;
  return (
    <>
      <TextField
        label="Gateway labels"
        value={node.labels ?? []}
        format={commaList.format}
        parse={commaList.parse}
        maxLength={null}
        onChange={(list) => update({ labels: list.length ? list : undefined })}
        placeholder={names[0]}
        list={listId}
        hint={`Environments this gateway serves, comma-separated. Empty: ${names[0] ?? 'the default environment'}.`}
      />
      <datalist id={listId}>
        {names.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {(readsGatewayId || node.gatewayId !== undefined) && (
        <TextField
          label="Gateway ID"
          value={node.gatewayId ?? ''}
          parse={(text) => (text === '' ? { ok: true, value: '' } : gatewayIdField(text))}
          onChange={(gatewayId) => update({ gatewayId: gatewayId === '' ? undefined : gatewayId })}
          placeholder={gatewayIdOf({ id: node.id })}
          hint={
            readsGatewayId
              ? `[apim.gateway_notification] gateway_id: how this gateway registers with the control plane, the same at every start. Empty: its node id, ${node.id}.`
              : `API-M ${topology.product} reads no gateway_id (from 4.6): clear it.`
          }
        />
      )}
    </>
  );
}

/** What each MySQL version changes is in the generated file's comment (the driver class and URL). */
const MYSQL_VERSION_OPTIONS: { value: MysqlVersion; label: string }[] = [
  { value: '8', label: '8.0 or later' },
  { value: '5.7', label: '5.7' },
];

function DatabaseFields({ node, update, kubernetes }: { node: DatabaseNode; update: (patch: NodePatch) => void; kubernetes: boolean }) {
  const setDatabaseEngine = useDesigner((s) => s.setDatabaseEngine);
  return (
    <Fieldset legend="Database">
      <SelectField label="Engine" value={node.engine} options={DB_ENGINES} onChange={(engine) => setDatabaseEngine(node.id, engine)} />
      {node.engine === 'mysql' && (
        <SelectField
          label="MySQL version"
          value={mysqlVersionOf(node)}
          options={MYSQL_VERSION_OPTIONS}
          onChange={(mysqlVersion) => update({ mysqlVersion })}
        />
      )}
      <TextField label="Port" type="number" value={node.port} parse={integer(1, 65535, 'The port')} onChange={(port) => update({ port })} />
      {LOGICAL_DATABASES.map((db) => (
        <CheckboxField
          key={db}
          label={`Holds ${db}`}
          checked={node.databases.includes(db)}
          onChange={(on) => update({ databases: LOGICAL_DATABASES.filter((d) => (d === db ? on : node.databases.includes(d))) })}
        />
      ))}
      <TextField label="apim_db name" value={node.apimDbName} parse={databaseName} onChange={(apimDbName) => update({ apimDbName })} />
      <TextField
        label="shared_db name"
        value={node.sharedDbName}
        parse={databaseName}
        onChange={(sharedDbName) => update({ sharedDbName })}
      />
      <TextField label="Username" value={node.username} parse={credential('The username')} onChange={(username) => update({ username })} />
      <TextField
        label="Password"
        type="password"
        value={node.password}
        parse={credential('The password', { allowEmpty: true })}
        onChange={(password) => update({ password })}
        hint={kubernetes ? FROM_SECRET_HINT : undefined}
      />
    </Fieldset>
  );
}

function RedisFields({ node, update, kubernetes }: { node: RedisNode; update: (patch: NodePatch) => void; kubernetes: boolean }) {
  return (
    <Fieldset legend="Redis">
      <TextField label="Port" type="number" value={node.port} parse={integer(1, 65535, 'The port')} onChange={(port) => update({ port })} />
      <TextField
        label="Username"
        value={node.user}
        parse={credential('The username', { allowEmpty: true })}
        onChange={(user) => update({ user })}
        hint="A Redis ACL user. Empty: the default user."
      />
      <TextField
        label="Password"
        type="password"
        value={node.password}
        parse={credential('The password', { allowEmpty: true })}
        onChange={(password) => update({ password })}
        hint={kubernetes ? FROM_SECRET_HINT : undefined}
      />
      <CheckboxField label="TLS (ssl)" checked={node.ssl ?? false} onChange={(ssl) => update({ ssl: ssl ? true : undefined })} />
    </Fieldset>
  );
}

function IdentityServerFields({ node, update }: { node: IdentityServerNode; update: (patch: NodePatch) => void }) {
  const facts = isVersionFacts(node.version);
  return (
    <Fieldset legend="WSO2 Identity Server">
      <SelectField label="IS version" value={node.version} options={IS_VERSIONS} onChange={(version) => update({ version })} />
      <p className="hint">
        {facts.mode === 'resident'
          ? 'The resident Key Manager: API-M nodes linked to it name it in [apim.key_manager] (type WSO2-IS).'
          : 'A third-party Key Manager only: added in the Admin portal (the runbook lists the steps); API-M files do not change.'}
      </p>
      <TextField
        label="Port offset"
        type="number"
        value={node.offset}
        parse={integer(MIN_OFFSET, MAX_OFFSET, 'The offset')}
        onChange={(offset) => update({ offset })}
        hint={`IS's HTTPS port is 9443 + offset: ${identityServerHttpsPort(node)}. WSO2's docs use 1 when IS shares a host with API-M.`}
      />
    </Fieldset>
  );
}

/** The node's links, each removable, and a keyboard way to draw a new one. */
function Links({ node }: { node: TopologyNode }) {
  // The topology's links and nodes by reference, and what is drawn from them derived when they change:
  // a selector that built the list of every node's name ran, with its item-by-item comparison, on every
  // change of the store, a typed key (a draft) too, which at 1,000 nodes took several milliseconds a key.
  const allLinks = useDesigner((s) => s.topology.links);
  const nodes = useDesigner((s) => s.topology.nodes);
  const links = useMemo(() => allLinks.filter((l) => l.from === node.id || l.to === node.id), [allLinks, node.id]);
  // Compared item by item: a label typed anywhere, or a node moved, does not draw the list of every node again.
  const others = useSameItems(
    useMemo(() => nodes.filter((n) => n.id !== node.id).map((n) => `${n.id} (${KIND_NAMES[n.kind]})`), [nodes, node.id]),
  );
  const connect = useDesigner((s) => s.connect);
  const removeLinks = useDesigner((s) => s.removeLinks);
  const [target, setTarget] = useState('');
  const selectId = useId();
  const ids = useMemo(() => others.map((name) => name.slice(0, name.indexOf(' '))), [others]);
  const chosen = ids.includes(target) ? target : (ids[0] ?? '');
  return (
    <Fieldset legend="Links">
      {links.length === 0 ? (
        <p className="hint">No links yet.</p>
      ) : (
        <ul className="links">
          {links.map((link) => (
            <li key={linkId(link)}>
              <span>{link.from === node.id ? `→ ${link.to}` : `← ${link.from}`}</span>
              <button type="button" onClick={() => removeLinks([linkId(link)])}>
                Remove link {link.from} → {link.to}
              </button>
            </li>
          ))}
        </ul>
      )}
      {ids.length > 0 && (
        <div className="connect-row">
          <label htmlFor={selectId}>Connect to</label>
          <select id={selectId} value={chosen} onChange={(e) => setTarget(e.target.value)}>
            <NodeOptions ids={ids} names={others} />
          </select>
          <button type="button" onClick={() => chosen && connect(node.id, chosen)}>
            Connect
          </button>
        </div>
      )}
    </Fieldset>
  );
}

/** `list`, or the list given before when it has the same items, so what is drawn from it is not drawn again. */
function useSameItems(list: readonly string[]): readonly string[] {
  const [kept, setKept] = useState(list);
  const same = kept === list || (kept.length === list.length && kept.every((item, i) => item === list[i]));
  if (!same) setKept(list);
  return same ? kept : list;
}

/** One option per node: drawn again only when the nodes' ids or kinds change. */
const NodeOptions = memo(function NodeOptions({ ids, names }: { ids: readonly string[]; names: readonly string[] }) {
  return ids.map((id, i) => (
    <option key={id} value={id}>
      {names[i]}
    </option>
  ));
});
