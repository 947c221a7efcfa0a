import { describe, expect, it } from 'vitest';
import type { ApimNode } from '../../src/model/index.ts';
import { APIM_KINDS, KIND_NAMES, buildGraph } from '../../src/model/index.ts';
import type { DocumentGenerators } from '../../src/generate/documents.ts';
import { NODE_DOCUMENTS, kindDocument } from '../../src/generate/documents.ts';
import { controlPlaneDocument } from '../../src/generate/controlPlane.ts';
import { generationContext } from '../../src/generate/context.ts';
import { node, topology } from '../factories.ts';

describe('NODE_DOCUMENTS', () => {
  it('has a generator for every API-M kind, and no other', () => {
    expect(Object.keys(NODE_DOCUMENTS).sort()).toEqual([...APIM_KINDS].sort());
  });

  it.each(APIM_KINDS)("writes a %s with its kind's generator", (kind) => {
    const t = topology([node(kind, 'n-1')]);
    const context = generationContext(t, buildGraph(t));
    expect(kindDocument(context, t.nodes[0] as ApimNode).header[0]).toContain(`deployment.toml of n-1 (n-1): ${KIND_NAMES[kind]},`);
  });

  it('does not compile with a kind left out, or the wrong kind of generator', () => {
    const { gateway: _gateway, ...withoutGateway } = NODE_DOCUMENTS;
    // @ts-expect-error: no generator for gateways
    const missing: DocumentGenerators = withoutGateway;
    // @ts-expect-error: the control plane's generator takes a control-plane node, not a gateway
    const wrong: DocumentGenerators = { ...NODE_DOCUMENTS, gateway: controlPlaneDocument };
    expect([missing, wrong]).toHaveLength(2);
  });
});
