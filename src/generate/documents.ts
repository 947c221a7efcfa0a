/**
 * The deployment.toml of each API-M kind: one generator per kind, typed so that a kind without one is
 * a compile error (the registry, model/kinds.ts, says which kinds run API-M).
 */
import type { ApimKind, ApimNode, NodeOfKind } from '../model/index.ts';
import type { TomlDocument } from './toml/index.ts';
import type { GenerationContext } from './context.ts';
import { gatewayDocument } from './gateway.ts';
import { controlPlaneDocument } from './controlPlane.ts';
import { trafficManagerDocument } from './trafficManager.ts';
import { keyManagerDocument } from './keyManager.ts';
import { allInOneDocument } from './allInOne.ts';

export type DocumentGenerators = { readonly [K in ApimKind]: (context: GenerationContext, node: NodeOfKind<K>) => TomlDocument };

export const NODE_DOCUMENTS: DocumentGenerators = {
  gateway: gatewayDocument,
  'control-plane': controlPlaneDocument,
  'traffic-manager': trafficManagerDocument,
  'key-manager': keyManagerDocument,
  'all-in-one': allInOneDocument,
};

/** The deployment.toml of a node, by its kind's generator (before the secure vault, bundle.ts). */
export function kindDocument(context: GenerationContext, node: ApimNode): TomlDocument {
  return generate(context, node.kind, node);
}

function generate<K extends ApimKind>(context: GenerationContext, kind: K, node: NodeOfKind<K>): TomlDocument {
  return NODE_DOCUMENTS[kind](context, node);
}
