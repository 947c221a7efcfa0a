/**
 * The generation core in the page, where there are no workers (a test's DOM): the same tasks as the generation
 * worker's, loaded on first use (store.tsx), so none of it is in the page's first chunk.
 */
import type { Topology } from '../model/index.ts';
import type { Core } from './generation.ts';
import { readSource } from './generation.ts';
import { loadLinkCodec, loadPictureReader, loadTopologyReader, loadZipReader } from './lazy.ts';

export async function loadInlineCore(): Promise<Core> {
  const [core, links, zip, pictures, { readTopology }] = await Promise.all([
    import('../generate/index.ts'),
    loadLinkCodec(),
    loadZipReader(),
    loadPictureReader(),
    loadTopologyReader(),
  ]);
  const readers = { ...pictures, readBundleZip: zip.readBundleZip, readTopology };
  const bundle = (topology: Topology, base: string) => core.generateBundle(topology, { shareLink: links.encodeLink(topology, base) });
  const compare = (before: Topology, after: Topology, base: string) => {
    const [a, b] = [bundle(before, base), bundle(after, base)];
    return { keys: core.bundleKeyDiff(a, b), files: core.filesDiff(a.files, b.files) };
  };
  return { bundle, compare, readLink: links.decodeLink, readFile: (source) => readSource(source, readers) };
}
