/**
 * The generation core in a Web Worker (see generation.ts): a topology in, its files and diagnostics
 * out; or two topologies in, what the change does to the deployment.toml files out. A generator that throws answers with its message, so the page can say so and offer Retry.
 */
import { bundleKeyDiff, generateBundle } from '../generate/index.ts';
import type { Topology } from '../model/index.ts';
import { encodeLink } from '../share/index.ts';
import type { GenerationReply, GenerationRequest } from './generation.ts';

const bundleOf = (topology: Topology, base: string) => generateBundle(topology, { shareLink: encodeLink(topology, base) });

self.onmessage = (event: MessageEvent<GenerationRequest>) => {
  const request = event.data;
  const { id } = request;
  let reply: GenerationReply;
  try {
    reply =
      request.task === 'bundle'
        ? { id, bundle: bundleOf(request.topology, request.base) }
        : { id, changes: bundleKeyDiff(bundleOf(request.before, request.base), bundleOf(request.after, request.base)) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(reply);
};
