// Builds the apim-topology command: src/cli/main.ts and everything it imports (the core and its npm packages) bundled
// by esbuild into one file that needs nothing but Node. `npm pack` runs it (the prepack script; not `prepare`, which npm
// 11 lists as an unreviewed install script of the packed package), `npm run build:cli` does, and bin.mjs does when the
// build is missing or older than a source. It writes, in dist-cli/:
//   apim-topology.mjs         the command (bin.mjs imports it)
//   THIRD-PARTY-LICENSES.md   name, version and licence text of every npm package bundled into it
//   sources.json              the files of this checkout it was built from (bin.mjs compares their times; not packed)
// Each file is written beside its place and renamed into it, so a command started meanwhile reads a whole file.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const OUT_DIR = join(ROOT, 'dist-cli');

/** Writes `data` to `path` through a file of this process's own, renamed into place. */
function writeWhole(path, data, mtime) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  if (mtime) utimesSync(temporary, mtime, mtime);
  renameSync(temporary, path);
}

/** The folder of the npm package a bundled file belongs to: the part of its path up to the package's name. */
function packageFolder(path) {
  const parts = path.split(sep);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const name = parts[at + 1]?.startsWith('@') ? 2 : 1;
  return parts.slice(0, at + 1 + name).join(sep);
}

/** One section per bundled package, sorted by name, in the form of the page's THIRD-PARTY-LICENSES.md. */
function licences(folders) {
  const sections = [...folders].map((folder) => {
    const pkg = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    const file = readdirSync(folder).find((name) => /^licen[cs]e/i.test(name));
    const text = file ? readFileSync(join(folder, file), 'utf8').trim() : `(no licence file; package.json says ${pkg.license})`;
    return { name: pkg.name, text: `## ${pkg.name} - ${pkg.version} (${pkg.license})\n\n${text}\n` };
  });
  sections.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return `# Licences of the third-party packages bundled into apim-topology.mjs\n\n${sections.map((s) => s.text).join('\n')}`;
}

/** Builds dist-cli/; returns the milliseconds it took. */
export async function buildCli() {
  const started = new Date();
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/cli/main.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // Minified, the file is a third smaller (about 460 kB against 690 kB) and Node loads it a little sooner; the
    // command's own messages carry no stack traces, so nothing readable is lost.
    minify: true,
    legalComments: 'none',
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild wrote no file');
  const inputs = Object.keys(result.metafile.inputs).map((path) => join(ROOT, path));
  const folders = new Set(inputs.map(packageFolder).filter((folder) => folder !== undefined));
  const sources = inputs
    .filter((path) => packageFolder(path) === undefined)
    .map((path) => relative(ROOT, path).split(sep).join('/'))
    .concat('src/cli/build.mjs', 'package.json')
    .sort();
  mkdirSync(OUT_DIR, { recursive: true });
  writeWhole(join(OUT_DIR, 'THIRD-PARTY-LICENSES.md'), licences(folders));
  writeWhole(join(OUT_DIR, 'sources.json'), `${JSON.stringify(sources, null, 2)}\n`);
  // Dated when the build began: a source saved while it ran is newer, so the next command rebuilds.
  writeWhole(join(OUT_DIR, 'apim-topology.mjs'), output.contents, started);
  return Date.now() - started.getTime();
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const ms = await buildCli();
  // On stderr: `npm pack --json` prints its report on stdout, after the prepare script's output.
  console.error(`Built ${relative(ROOT, join(OUT_DIR, 'apim-topology.mjs')).split(sep).join('/')} in ${ms} ms.`);
}
