/**
 * Builds the two pages of the UI benchmark with the vite JS API, into a temporary folder (never into
 * the repository), and measures each page's initial JavaScript from its build manifest.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import react from '@vitejs/plugin-react';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const BARE = fileURLToPath(new URL('./bare/', import.meta.url));

/** The app, with the repository's own vite config, as `vite build` makes it. */
export async function buildApp(outDir: string): Promise<void> {
  await build({
    configFile: join(REPO, 'vite.config.ts'),
    root: REPO,
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, manifest: true },
  });
}

/** The bare React Flow page of ./bare, with the plain React plugin and nothing else. */
export async function buildBare(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: BARE,
    plugins: [react()],
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, manifest: true },
  });
}

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

export interface InitialJs {
  /** The entry chunk and the chunks it imports statically, transitively. */
  files: string[];
  /** Their gzip sizes (level 9), summed. */
  gzipBytes: number;
  /** Chunks only reachable through dynamic import(): loaded later, not counted. */
  lazy: string[];
  lazyGzipBytes: number;
}

/**
 * "Initial JavaScript": the JS of the page's entry chunk (`index.html` in the manifest) and of every
 * chunk reachable from it through static imports, the files the browser fetches before the page runs.
 * Chunks reachable only through dynamic `import()` are lazy and listed apart.
 */
export function initialJs(outDir: string): InitialJs {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, ManifestChunk>;
  const entry = manifest['index.html'];
  if (!entry?.isEntry) throw new Error(`${outDir}: the manifest has no entry for index.html`);
  const initial = new Set<string>();
  const visit = (key: string) => {
    if (initial.has(key)) return;
    initial.add(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  visit('index.html');
  const lazy = Object.keys(manifest).filter((key) => !initial.has(key) && manifest[key]!.file.endsWith('.js'));
  const gzip = (keys: string[]) =>
    keys.reduce((sum, key) => sum + gzipSync(readFileSync(join(outDir, manifest[key]!.file)), { level: 9 }).length, 0);
  const initialKeys = [...initial].filter((key) => manifest[key]!.file.endsWith('.js'));
  return {
    files: initialKeys.map((key) => manifest[key]!.file),
    gzipBytes: gzip(initialKeys),
    lazy: lazy.map((key) => manifest[key]!.file),
    lazyGzipBytes: gzip(lazy),
  };
}
