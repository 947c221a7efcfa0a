/**
 * `generate --out DIR` on a real file system: DIR ends up holding exactly the new bundle, or, when
 * anything fails, exactly what it held; a folder that is not a bundle is refused without --force; a
 * symlink inside DIR is never written through.
 */
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.ts';
import { FolderError, nodeIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { serializeTopology } from '../../src/model/index.ts';
import { loadExample } from '../factories.ts';

/** The CLI on the real file system, with its output captured. */
async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { ...nodeIo, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

function files(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((e) => {
      const path = prefix ? `${prefix}/${e.name}` : e.name;
      return e.isDirectory() ? files(dir, path) : [path];
    })
    .sort();
}

function workspace() {
  const root = mkdtempSync(join(tmpdir(), 'apim-out-'));
  const big = loadExample('separate-tm-ha');
  const small = {
    ...big,
    nodes: big.nodes.filter((n) => n.id !== 'gw-2' && n.id !== 'tm-2'),
    links: big.links.filter((l) => ![l.from, l.to].some((id) => id === 'gw-2' || id === 'tm-2')),
  };
  writeFileSync(join(root, 'big.json'), serializeTopology(big));
  writeFileSync(join(root, 'small.json'), serializeTopology(small));
  return { root, out: join(root, 'bundle') };
}

describe('generate --out', () => {
  it('regenerating a smaller topology into a used folder leaves no stale file', async () => {
    const { root, out } = workspace();
    expect((await cli(['generate', join(root, 'big.json'), '--out', out])).code).toBe(0);
    expect(files(out)).toContain('nodes/gw-2/repository/conf/deployment.toml');
    const again = await cli(['generate', join(root, 'small.json'), '--out', out]);
    expect(again.code).toBe(0);
    expect(files(out).filter((f) => f.includes('gw-2') || f.includes('tm-2'))).toEqual([]);
    expect(files(out)).toContain('nodes/gw-1/repository/conf/deployment.toml');
    // Nothing left beside it either.
    expect(readdirSync(root).sort()).toEqual(['big.json', 'bundle', 'small.json']);
  });

  it('refuses a non-empty folder that holds no bundle, with one line naming it, unless --force', async () => {
    const { root, out } = workspace();
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'mine');
    const refused = await cli(['generate', join(root, 'big.json'), '--out', out]);
    expect(refused.code).toBe(2);
    // The topology's warnings come first; the refusal is one line, the last.
    expect(refused.stderr.trimEnd().split('\n').at(-1)).toBe(
      `apim-topology: ${out} is not empty and holds no bundle this tool wrote: choose another folder, or add --force to replace its contents`,
    );
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    const forced = await cli(['generate', join(root, 'big.json'), '--out', out, '--force']);
    expect(forced.code).toBe(0);
    expect(existsSync(join(out, 'notes.txt'))).toBe(false);
  });

  it('never writes through a symlink inside the folder', async () => {
    const { root, out } = workspace();
    expect((await cli(['generate', join(root, 'big.json'), '--out', out])).code).toBe(0);
    const elsewhere = mkdtempSync(join(tmpdir(), 'apim-elsewhere-'));
    // Someone replaced the bundle's nodes/ folder with a link to another place.
    const nodes = join(out, 'nodes');
    readdirSync(nodes); // it exists
    await import('node:fs/promises').then((fs) => fs.rm(nodes, { recursive: true }));
    symlinkSync(elsewhere, nodes);
    expect((await cli(['generate', join(root, 'big.json'), '--out', out])).code).toBe(0);
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(lstatSync(nodes).isSymbolicLink()).toBe(false);
    expect(files(out)).toContain('nodes/gw-1/repository/conf/deployment.toml');
  });

  it('a failure while writing leaves the old bundle as it was, and no half-written folder beside it', async () => {
    const { root, out } = workspace();
    expect((await cli(['generate', join(root, 'big.json'), '--out', out])).code).toBe(0);
    const before = files(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]);
    const write = nodeIo.writeFolder(
      out,
      [
        { path: 'README.md', content: 'new' },
        { path: '../escape.txt', content: 'x' },
      ],
      { force: false },
    );
    await expect(write).rejects.toBeInstanceOf(FolderError);
    await expect(write).rejects.toThrow(`refusing to write outside ${out}: ../escape.txt`);
    expect(files(out).map((f) => [f, readFileSync(join(out, f), 'utf8')])).toEqual(before);
    expect(readdirSync(root).sort()).toEqual(['big.json', 'bundle', 'small.json']);
    expect(existsSync(join(root, 'escape.txt'))).toBe(false);
  });

  it('a path that is a file, not a folder, is refused with one line', async () => {
    const { root } = workspace();
    const result = await cli(['generate', join(root, 'big.json'), '--out', join(root, 'big.json')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trimEnd().split('\n').at(-1)).toBe(
      `apim-topology: ${join(root, 'big.json')} is not a folder: give --out a folder (or a path that does not exist yet)`,
    );
  });
});

describe('--help', () => {
  it('names the default designer address, not a placeholder', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('(default http://localhost:5173/)');
    expect(stdout).not.toContain('${');
    expect(stdout).toContain('--force');
  });
});
