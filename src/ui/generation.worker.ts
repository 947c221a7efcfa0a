/**
 * The generation core in a Web Worker (see generation.ts): a topology in, its files and diagnostics
 * out; or two topologies in, what the change does to the files out (keys and lines). A generator that throws answers with its message, so the page can say so and offer Retry.
 *
 * The files of the page's topology come from one incremental generator (generate/incremental.ts): each edit writes
 * again only the files it can affect, and the answer equals a full generation. A comparison generates both sides in
 * full, so it leaves the generator's last topology alone.
 */
import { IncrementalGenerator, bundleKeyDiff, filesDiff, generateBundle } from '../generate/index.ts';
import type { Topology } from '../model/index.ts';
import { encodeLink } from '../share/index.ts';
import type { GenerationReply, GenerationRequest } from './generation.ts';

const options = (topology: Topology, base: string) => ({ shareLink: encodeLink(topology, base) });

let generator = new IncrementalGenerator();

const bundleOf = (topology: Topology, base: string) => generator.update(topology, options(topology, base));

const compare = (before: Topology, after: Topology, base: string) => {
  const [a, b] = [generateBundle(before, options(before, base)), generateBundle(after, options(after, base))];
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
    // An update that throws keeps its previous state; the next run starts afresh all the same.
    generator = new IncrementalGenerator();
    reply = { id, error: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(reply);
};
