/**
 * apim-topology diff <a> <b>: the unified diff, file by file, of two bundles. Each side is a topology
 * (a file, - for standard input, or a share link), whose bundle is generated first, or a folder: a
 * bundle folder (its topology.json is a topology), or the live files of a deployment, read as they are,
 * paths relative to the folder. Exit 0 the same, 1 different, 2 bad input, as `diff`.
 */
import { lstat, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Topology } from '../model/index.ts';
import { hasErrors } from '../model/index.ts';
import type { DiffSource } from '../generate/index.ts';
import { filesDiff, generateBundle, isDeployedFile, unifiedDiff } from '../generate/index.ts';
import { encodeLink, isLink, readTopology } from '../share/index.ts';

interface Side {
  files: DiffSource[];
  /** A folder of live files: it has only the files a deployment runs on. */
  live: boolean;
}

/** Past this many entries a folder is not a deployment's configuration (a disk, a home folder). */
const MAX_ENTRIES = 100_000;

/** A folder's files by their path relative to it, `/`-separated; symlinks and dot entries are skipped. */
async function folderFiles(dir: string, keep: (path: string) => boolean): Promise<DiffSource[]> {
  const out: DiffSource[] = [];
  let seen = 0;
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(join(dir, relative), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      if (++seen > MAX_ENTRIES)
        throw new Error(`${dir}: more than ${MAX_ENTRIES.toLocaleString('en')} entries; give the folder of the deployment's files`);
      if (entry.name.startsWith('.') || entry.isSymbolicLink()) continue;
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && keep(path)) out.push({ path, content: await readFile(join(dir, path), 'utf8') });
    }
  };
  await walk('');
  return out;
}

/** Whether the folder holds a bundle this tool wrote: its topology.json reads as a topology. */
async function isBundleFolder(dir: string): Promise<boolean> {
  try {
    return readTopology(await readFile(join(dir, 'topology.json'), 'utf8')).ok;
  } catch {
    return false;
  }
}

async function readSide(
  input: string,
  load: (input: string) => Promise<Topology>,
  base: string,
  warn: (line: string) => void,
): Promise<Side> {
  const stats = input === '-' || isLink(input) ? undefined : await lstat(input).catch(() => undefined);
  if (stats?.isDirectory()) {
    const bundle = await isBundleFolder(input);
    const files = await folderFiles(input, bundle ? () => true : isDeployedFile).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`cannot read the folder ${input}: ${error.code === 'EACCES' ? 'permission denied' : error.message}`);
    });
    if (!bundle && files.length === 0)
      throw new Error(`${input}: no deployment.toml, nginx.conf or values.yaml in this folder (nor a bundle's topology.json)`);
    return { files, live: !bundle };
  }
  const topology = await load(input);
  const generated = generateBundle(topology, { shareLink: encodeLink(topology, base) });
  if (hasErrors(generated.diagnostics))
    warn(
      `${input === '-' ? 'standard input' : input}: the topology has errors (apim-topology validate lists them); comparing its files as they are`,
    );
  return { files: generated.files, live: false };
}

export async function diffCommand(
  args: string[],
  io: { stdout(text: string): void; stderr(text: string): void },
  load: (input: string) => Promise<Topology>,
  base: string,
): Promise<number> {
  const inputs = args.filter((a) => a !== '--');
  const option = inputs.find((a) => a.startsWith('--'));
  if (option) throw new Error(`unknown option ${option} for "diff"`);
  const [first, second] = inputs;
  if (inputs.length !== 2 || first === undefined || second === undefined)
    throw new Error(`diff needs two things to compare (topology files, -, share links or folders), not ${inputs.length}`);
  if (first === '-' && second === '-') throw new Error('diff: only one side can be standard input (-)');
  const warn = (line: string) => io.stderr(`apim-topology: ${line}\n`);
  const [a, b] = [await readSide(first, load, base, warn), await readSide(second, load, base, warn)];
  let [before, after] = [a.files, b.files];
  if (a.live || b.live) {
    // A deployment has only the files it runs on: the bundle's README.md, topology.json, hosts and
    // helm/releases.json are the designer's own, so they are left out of both sides.
    [before, after] = [before.filter((f) => isDeployedFile(f.path)), after.filter((f) => isDeployedFile(f.path))];
    warn('comparing only deployment.toml, nginx.conf and values.yaml files (a side is a folder of live files)');
  }
  const diffs = filesDiff(before, after);
  io.stdout(unifiedDiff(diffs));
  return diffs.length === 0 ? 0 : 1;
}
