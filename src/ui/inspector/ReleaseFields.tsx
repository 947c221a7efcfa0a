/**
 * On Kubernetes, the Helm release a node's cluster becomes: its name and namespace on the node that owns it (the
 * cluster's load balancer, or the one node no load balancer fronts), and on a member a line saying where it is set.
 */
import { useMemo } from 'react';
import type { HelmReleaseFields, NodePatch, Topology, TopologyNode } from '../../model/index.ts';
import {
  KUBERNETES_DEFAULTS,
  NAMESPACE_PATTERN,
  RELEASE_NAME_PATTERN,
  buildGraph,
  helmReleases,
  isApimNode,
  platformOf,
} from '../../model/index.ts';
import { TextField, pattern } from './fields.tsx';
import type { Parse } from './fields.tsx';

const releaseName = pattern(
  RELEASE_NAME_PATTERN,
  'A release name: use lower-case letters, digits and hyphens, starting and ending with a letter or digit (at most 53), such as apim-acp',
);
const namespaceName = pattern(
  NAMESPACE_PATTERN,
  'A namespace: use lower-case letters, digits and hyphens, starting and ending with a letter or digit (at most 63), such as apim',
);
const orEmpty =
  (parse: Parse<string>): Parse<string> =>
  (text) =>
    text === '' ? { ok: true, value: '' } : parse(text);

/** The release fields of the kinds that have them (API-M nodes and load balancers). */
function releaseFieldsOf(node: TopologyNode): HelmReleaseFields {
  return node.kind === 'load-balancer' || isApimNode(node) ? node : {};
}

/** The releases of a topology on Kubernetes; undefined on virtual machines. */
function releasesOf(topology: Topology) {
  return platformOf(topology.settings) === 'kubernetes' ? helmReleases(topology, buildGraph(topology)).releases : undefined;
}

export function ReleaseFields({ node, topology, update }: { node: TopologyNode; topology: Topology; update: (patch: NodePatch) => void }) {
  const releases = useMemo(() => releasesOf(topology), [topology]);
  const own = releases?.find((r) => r.ownerId === node.id);
  const named = releaseFieldsOf(node);
  // The name the release takes when this node names none (WSO2's pattern name, numbered past the names in use).
  const fallback = useMemo(() => {
    if (!own || named.release === undefined) return own?.release;
    const unnamed = { ...topology, nodes: topology.nodes.map((n) => (n === node ? { ...n, release: undefined } : n)) };
    return releasesOf(unnamed)?.find((r) => r.ownerId === node.id)?.release;
  }, [own, named.release, node, topology]);
  if (!releases) return null;

  if (!own) {
    const member = releases.find((r) => r.cluster.members.some((m) => m.id === node.id));
    if (!member) return null;
    const others = member.cluster.members.filter((m) => m.id !== node.id).map((m) => m.id);
    return (
      <p className="hint">
        In Helm release <code>{member.release}</code> (namespace <code>{member.namespace}</code>)
        {others.length > 0 && ` with ${others.join(', ')}`}: its name and namespace are set on {member.ownerId}.
        {named.release !== undefined && ` The name ${named.release} this node keeps is used only when no load balancer fronts it.`}
      </p>
    );
  }

  const taken = new Map(releases.filter((r) => r !== own && releaseNamed(topology, r.ownerId)).map((r) => [r.release, r.ownerId] as const));
  const settingsNamespace = topology.settings.kubernetes?.namespace ?? KUBERNETES_DEFAULTS.namespace;
  const members = own.cluster.members.map((m) => m.id).join(', ');
  return (
    <>
      <TextField
        label="Helm release"
        value={named.release ?? ''}
        maxLength={53}
        parse={(text) => {
          const other = taken.get(text);
          return other !== undefined
            ? { ok: false, message: `${other} already names release ${text}: choose another name` }
            : orEmpty(releaseName)(text);
        }}
        placeholder={fallback}
        onChange={(release) => update({ release: release === '' ? undefined : release })}
        hint={`${members} as one release of the ${own.chart.name} chart, whose Services are named ${own.fullname}-…. Empty: ${fallback ?? own.release}.`}
      />
      <TextField
        label="Namespace"
        value={named.namespace ?? ''}
        maxLength={63}
        parse={orEmpty(namespaceName)}
        placeholder={settingsNamespace}
        onChange={(namespace) => update({ namespace: namespace === '' ? undefined : namespace })}
        hint={`Empty: the topology's, ${settingsNamespace}.`}
      />
    </>
  );
}

/** Whether the node that owns a release names it itself. */
function releaseNamed(topology: Topology, ownerId: string): boolean {
  const owner = topology.nodes.find((n) => n.id === ownerId);
  return owner !== undefined && releaseFieldsOf(owner).release !== undefined;
}
