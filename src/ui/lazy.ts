/**
 * Parts of the page loaded on first use, not with it: the share-link codec and the bundle-zip reader
 * (both carry fflate's deflate and inflate), the importer of deployment.toml files (the TOML parser), elkjs and the
 * tiers' code for Auto-layout, the SVG writer and the PNG chunk reader and writer of pictures, and the restore path
 * (the schema and the migrations: the page restores the autosave and reads the examples with it; the generation
 * worker reads links and files) with the code that opens what comes from outside (open.ts), and the autosave's secrets remover. A load that fails is tried again on the next use.
 */
import type { LayoutGraph } from '../model/index.ts';

type LinkCodec = typeof import('../share/link.ts');
type ZipReader = typeof import('../share/zip.ts');
type Importer = typeof import('../import/index.ts');
type CustomTomlParser = typeof import('../generate/customToml.ts');
type PictureWriter = typeof import('../generate/svg.ts');
type PictureReader = typeof import('../share/image.ts');
type AutoLayout = typeof import('../model/autoLayout.ts');
type TopologyReader = typeof import('../share/read.ts');
type AutosaveReader = typeof import('../store/restore.ts');
type Opener = typeof import('./open.ts');
type SecretsRemover = typeof import('../share/secrets.ts');
type Serializer = typeof import('../model/serialize.ts');

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}

export const loadLinkCodec: () => Promise<LinkCodec> = once(() => import('../share/link.ts'));
export const loadZipReader: () => Promise<ZipReader> = once(() => import('../share/zip.ts'));
export const loadImporter: () => Promise<Importer> = once(() => import('../import/index.ts'));
export const loadCustomTomlParser: () => Promise<CustomTomlParser> = once(() => import('../generate/customToml.ts'));
/**
 * ELK's layered layout (elkjs, Auto-layout), loaded when a layout is first asked for: in a Web Worker of its own
 * (elkjs's `elk-worker.min.js`, about 1.4 MB) so the page answers while it works, or, where there are no workers
 * (tests), its bundled build in the page.
 */
export const loadElk: () => Promise<(graph: LayoutGraph) => Promise<LayoutGraph>> = once(async () => {
  if (typeof Worker === 'undefined') {
    const { default: ELK } = await import('elkjs/lib/elk.bundled.js');
    const elk = new ELK();
    return (graph) => elk.layout(graph);
  }
  const [{ default: ELK }, { default: url }] = await Promise.all([
    import('elkjs/lib/elk-api.js'),
    import('elkjs/lib/elk-worker.min.js?url'),
  ]);
  // elkjs does not hear of a worker that fails (it cannot load, it throws): the layout asked for is refused.
  let refuse: ((error: Error) => void) | undefined;
  const elk = new ELK({
    workerFactory: () => {
      const worker = new Worker(url);
      worker.addEventListener('error', (event) => refuse?.(new Error(event.message || 'the layout worker stopped')));
      return worker;
    },
  });
  return (graph) =>
    new Promise<LayoutGraph>((resolve, reject) => {
      refuse = reject;
      elk.layout(graph).then(resolve, reject);
    });
});
/** Auto-layout's pure part: the topology as ELK's graph in tiers, and ELK's answer as positions. */
export const loadAutoLayout: () => Promise<AutoLayout> = once(() => import('../model/autoLayout.ts'));
export const loadPictureWriter: () => Promise<PictureWriter> = once(() => import('../generate/svg.ts'));
export const loadPictureReader: () => Promise<PictureReader> = once(() => import('../share/image.ts'));
/** The restore path of a topology's text (the schema, the migrations): the examples, and the core where there are no workers. */
export const loadTopologyReader: () => Promise<TopologyReader> = once(() => import('../share/read.ts'));
/** The autosave's restore path, loaded as the page starts (main.tsx): the store is `restoring` until it is there. */
export const loadAutosaveReader: () => Promise<AutosaveReader> = once(() => import('../store/restore.ts'));
/** Passwords and tokens as placeholders, for the autosave when "keep passwords out" is first on. */
export const loadSecretsRemover: () => Promise<SecretsRemover> = once(() => import('../share/secrets.ts'));
/** The topology as a file (Save), preloaded when the page is idle (Toolbar). */
export const loadSerializer: () => Promise<Serializer> = once(() => import('../model/serialize.ts'));
/** Opening a link, a file, a picture or an example (open.ts), on the first one. */
export const loadOpener: () => Promise<Opener> = once(() => import('./open.ts'));
