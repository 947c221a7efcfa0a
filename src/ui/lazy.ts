/**
 * Parts of the page loaded on first use, not with it: the share-link codec and the bundle-zip reader
 * (both carry fflate's deflate and inflate), the importer of deployment.toml files (the TOML parser), and the SVG writer and the PNG chunk reader and writer of pictures. A load that fails is tried again on the next use.
 */
type LinkCodec = typeof import('../share/link.ts');
type ZipReader = typeof import('../share/zip.ts');
type Importer = typeof import('../import/index.ts');
type CustomTomlParser = typeof import('../generate/customToml.ts');
type PictureWriter = typeof import('../generate/svg.ts');
type PictureReader = typeof import('../share/image.ts');

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
export const loadPictureWriter: () => Promise<PictureWriter> = once(() => import('../generate/svg.ts'));
export const loadPictureReader: () => Promise<PictureReader> = once(() => import('../share/image.ts'));
