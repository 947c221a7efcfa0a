/**
 * The generation core in a Web Worker (see generation.ts): a topology in, its files and diagnostics
 * out; or two topologies in, what the change does to the files out (keys and lines). A generator that throws answers with its message, so the page can say so and offer Retry.
 */
import { bundleKeyDiff, filesDiff, generateBundle } from '../generate/index.ts';
import type { Topology } from '../model/index.ts';
import { encodeLink } from '../share/index.ts';
import type { GenerationReply, GenerationRequest } from './generation.ts';

const bundleOf = (topology: Topology, base: string) => generateBundle(topology, { shareLink: encodeLink(topology, base) });

const compare = (before: Topology, after: Topology, base: string) => {
  const [a, b] = [bundleOf(before, base), bundleOf(after, base)];
  return { keys: bundleKeyDiff(a, b), files: filesDiff(a.files, b.files) };
};

self.onmessage = (event: MessageEvent<GenerationRequest>) => {
  const request = event.data;
  const { id } = request;
  let reply: GenerationReply;
  try {
    reply =
      request.task === 'bundle'
        ? { id, bundle: bundleOf(request.topology, request.base) }
        : { id, changes: compare(request.before, request.after, request.base) };
  } catch (error) {
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(reply);
};
