/** Everything the CLI does to the outside world, so tests can run it in memory. */
import { lstat, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { unzipSync } from 'fflate';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<string>;
  /** The bytes of a file (a PNG picture). Absent: such files cannot be read. */
  readBytes?(path: string): Promise<Uint8Array>;
  readStdin(): Promise<string>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  /**
   * Puts a whole bundle in `dir`: afterwards `dir` holds exactly `files`, or, when anything fails, what
   * it held before. Throws a FolderError naming the path.
   */
  writeFolder(
    dir: string,
    files: readonly { path: string; content: string; pieces?: readonly string[] }[],
    options: { force: boolean },
  ): Promise<void>;
  /**
   * The text files `import` reads from a path: a folder's .toml, .conf and topology.json files (paths relative to
   * it), a zip's, or the one file. Absent: the path is read as one file.
   */
  readInputs?(path: string): Promise<{ path: string; content: string }[]>;
}

/** The files import looks at; anything else in a folder or zip is left unread. */
const IMPORTABLE = /(\.toml|\.conf|(^|\/)topology\.json)$/i;

async function readInputs(path: string): Promise<{ path: string; content: string }[]> {
  const info = await stat(path);
  if (info.isDirectory()) {
    const entries = await readdir(path, { recursive: true, withFileTypes: true });
    const files = entries
      .filter((e) => e.isFile() && IMPORTABLE.test(e.name))
      .map((e) => join(e.parentPath, e.name))
      .sort();
    return Promise.all(files.map(async (f) => ({ path: relative(path, f).split(sep).join('/'), content: await readFile(f, 'utf8') })));
  }
  if (/\.zip$/i.test(path)) {
    const entries = unzipSync(new Uint8Array(await readFile(path)), { filter: (f) => IMPORTABLE.test(f.name) });
    const decoder = new TextDecoder();
    return Object.entries(entries).map(([name, bytes]) => ({ path: name, content: decoder.decode(bytes) }));
  }
  return [{ path: basename(path), content: await readFile(path, 'utf8') }];
}

/** A folder the CLI will not, or could not, write: the message names the path and what to do. */
export class FolderError extends Error {}

/** A folder holds a bundle the CLI wrote when its topology.json is a topology document. */
async function isBundle(dir: string): Promise<boolean> {
  try {
    const document = JSON.parse(await readFile(join(dir, 'topology.json'), 'utf8')) as { format?: unknown };
    return typeof document.format === 'string' && document.format.startsWith('apim-topology/');
  } catch {
    return false;
  }
}

/** How many files are written at once. */
const WRITES_AT_ONCE = 32;

/**
 * `task` for every item, WRITES_AT_ONCE at a time. After a failure no new task starts, and the first error is thrown
 * once the tasks under way have ended, so the caller's clean-up never races a write.
 */
async function inParallel<T>(items: readonly T[], task: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++] as T;
      try {
        await task(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(WRITES_AT_ONCE, items.length) }, worker));
  if (failure) throw failure.error;
}

/**
 * Writes the files into a new folder beside `dir`, then renames it into place (the old folder is renamed
 * aside first and removed last), so `dir` is never half old and half new, keeps no stale file of a node
 * that is gone, and a symlink in the old folder is never written through.
 */
async function writeFolder(
  dir: string,
  files: readonly { path: string; content: string; pieces?: readonly string[] }[],
  { force }: { force: boolean },
): Promise<void> {
  const target = resolve(dir);
  const existing = await lstat(target).catch(() => undefined);
  if (existing && !existing.isDirectory())
    throw new FolderError(`${dir} is not a folder: give --out a folder (or a path that does not exist yet)`);
  if (existing && !force && (await readdir(target)).length > 0 && !(await isBundle(target))) {
    throw new FolderError(
      `${dir} is not empty and holds no bundle this tool wrote: choose another folder, or add --force to replace its contents`,
    );
  }
  const stamp = `${process.pid}-${Date.now().toString(36)}`;
  const fresh = join(dirname(target), `.${basename(target)}.new-${stamp}`);
  const aside = join(dirname(target), `.${basename(target)}.old-${stamp}`);
  try {
    await mkdir(dirname(target), { recursive: true });
    const writes = files.map((file) => {
      const path = resolve(fresh, file.path);
      if (!path.startsWith(fresh + sep)) throw new FolderError(`refusing to write outside ${dir}: ${file.path}`);
      return { path, content: file.pieces ?? file.content }; // a large file's pieces, written in turn (generate/pieces.ts)
    });
    // Several at a time: a 1,000-node bundle is 1,005 files, and one by one most of the time was waiting on each.
    await inParallel([...new Set(writes.map((w) => dirname(w.path)))], (folder) => mkdir(folder, { recursive: true }));
    await inParallel(writes, (w) => writeFile(w.path, w.content, { flag: 'wx' })); // new files in a new folder: never through a link
    if (existing) await rename(target, aside);
    try {
      await rename(fresh, target);
    } catch (error) {
      if (existing) await rename(aside, target);
      throw error;
    }
  } catch (error) {
    await rm(fresh, { recursive: true, force: true });
    if (error instanceof FolderError) throw error;
    const e = error as NodeJS.ErrnoException;
    throw new FolderError(
      `cannot write ${e.path ?? dir}: ${e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : e.code === 'ENOSPC' ? 'no space left on the device' : e.message}; ${dir} is unchanged`,
    );
  }
  if (existing) await rm(aside, { recursive: true, force: true });
}

export const nodeIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFile(path, 'utf8'),
  readBytes: async (path) => new Uint8Array(await readFile(path)),
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  async writeFile(path, data) {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, data);
  },
  writeFolder,
  readInputs,
};
