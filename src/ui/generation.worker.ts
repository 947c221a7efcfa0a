/**
 * The generation core in a Web Worker (see generation.ts): a topology in, its files and diagnostics
 * out; or two topologies in, what the change does to the files out (keys and lines); or a share link or an opened
 * file in, its topology restored (or the errors the page shows) out. A generator that throws answers with its message, so the
 * page can say so and offer Retry.
 *
 * The files of the page's topology come from one incremental generator (generate/incremental.ts): each edit writes
 * again only the files it can affect, and the answer equals a full generation. Only the files whose content changed
 * since the last answer are sent (`BundleSender`). A comparison generates both sides in full, so it leaves the
 * generator's last topology alone.
 */
import { IncrementalGenerator, bundleKeyDiff, filesDiff, generateBundle } from '../generate/index.ts';
import type { Topology } from '../model/index.ts';
import { decodeLink, encodeLink, isPng, readBundleZip, readPngTopology, readSvgTopology, readTopology } from '../share/index.ts';
import type { GenerationReply, GenerationRequest } from './generation.ts';
import { BundleSender, readSource } from './generation.ts';

const readers = { readTopology, readBundleZip, isPng, readPngTopology, readSvgTopology };

const options = (topology: Topology, base: string) => ({ shareLink: encodeLink(topology, base) });

let generator = new IncrementalGenerator();
const sender = new BundleSender();

const bundleOf = (topology: Topology, base: string) => generator.update(topology, options(topology, base));

const compare = (before: Topology, after: Topology, base: string) => {
  const [a, b] = [generateBundle(before, options(before, base)), generateBundle(after, options(after, base))];
  return { keys: bundleKeyDiff(a, b), files: filesDiff(a.files, b.files) };
};

function answer(request: GenerationRequest): GenerationReply[] {
  const { id } = request;
  switch (request.task) {
    case 'bundle':
      return sender.messages(id, bundleOf(request.topology, request.base));
    case 'compare':
      return [{ id, changes: compare(request.before, request.after, request.base) }];
    case 'read-link':
      return [{ id, read: decodeLink(request.link) }];
    case 'read-file':
      return [{ id, file: readSource(request.source, readers) }];
  }
}

self.onmessage = (event: MessageEvent<GenerationRequest>) => {
  const request = event.data;
  let replies: GenerationReply[];
  try {
    replies = answer(request);
  } catch (error) {
    // An update that throws keeps its previous state; the next run starts afresh all the same. (What was last sent
    // is unchanged: nothing of this answer was.)
    generator = new IncrementalGenerator();
    replies = [{ id: request.id, error: error instanceof Error ? error.message : String(error) }];
  }
  for (const reply of replies) self.postMessage(reply);
};
