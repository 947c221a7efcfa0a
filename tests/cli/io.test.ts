/**
 * The CLI's folder writer (src/cli/io.ts): many files written several at a time land whole, and a failure part way
 * leaves the folder as it was, with nothing of the attempt left beside it.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FolderError, nodeIo } from '../../src/cli/io.ts';

const made: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'apim-io-'));
  made.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('writeFolder', () => {
  it('writes hundreds of files in nested folders, each with its own content', async () => {
    const parent = folder();
    const files = Array.from({ length: 300 }, (_, i) => ({
      path: `nodes/gw-${i}/repository/conf/deployment.toml`,
      content: `[server]\nhostname = "gw-${i}.example.com"\n`,
    }));
    files.push({ path: 'README.md', content: '# runbook\n' });
    await nodeIo.writeFolder(join(parent, 'out'), files, { force: false });
    for (const file of files) expect(readFileSync(join(parent, 'out', file.path), 'utf8')).toBe(file.content);
    expect(readdirSync(join(parent, 'out', 'nodes'))).toHaveLength(300);
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('leaves the folder as it was when a write fails part way, and nothing beside it', async () => {
    const parent = folder();
    const out = join(parent, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'README.md'), 'the bundle before\n');
    writeFileSync(join(out, 'topology.json'), '{}\n');
    // A file and a folder of the same name: whichever comes second fails, with many writes under way.
    const files = [
      ...Array.from({ length: 200 }, (_, i) => ({ path: `nodes/n-${i}/deployment.toml`, content: `${i}\n` })),
      { path: 'nodes/clash', content: 'a file\n' },
      { path: 'nodes/clash/inside.toml', content: 'a file in a folder\n' },
      ...Array.from({ length: 200 }, (_, i) => ({ path: `more/m-${i}.toml`, content: `${i}\n` })),
    ];
    await expect(nodeIo.writeFolder(out, files, { force: true })).rejects.toThrow(FolderError);
    await expect(nodeIo.writeFolder(out, files, { force: true })).rejects.toThrow(/out is unchanged/);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('the bundle before\n');
    expect(readdirSync(out).sort()).toEqual(['README.md', 'topology.json']);
    expect(readdirSync(parent)).toEqual(['out']);
  });
});
