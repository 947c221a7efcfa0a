/** The CLI reads pictures the designer exported: `validate topology.svg`, `generate topology.png --out …`, `link`. */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';
import { topologySvg } from '../../src/generate/index.ts';
import { pngWithTopology } from '../../src/share/index.ts';
import { examplePath, loadExample } from '../factories.ts';
import { solidPng } from '../share/png.ts';

const run = promisify(execFile);
const BIN = fileURLToPath(new URL('../../src/cli/bin.mjs', import.meta.url));

async function cli(args: string[], files: Record<string, string | Uint8Array>) {
  let stdout = '';
  let stderr = '';
  const written = new Map<string, string>();
  const io: CliIo = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readFile: async (path) => {
      const file = files[path];
      if (typeof file === 'string') return file;
      if (file) return new TextDecoder().decode(file);
      return readFileSync(path, 'utf8');
    },
    readBytes: async (path) => {
      const file = files[path];
      if (file === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
      return typeof file === 'string' ? new TextEncoder().encode(file) : file;
    },
    readStdin: async () => '',
    writeFile: async () => undefined,
    writeFolder: async (dir, list) => {
      for (const file of list) written.set(`${dir}/${file.path}`, file.content);
    },
  };
  const code = await main(args, io);
  return { code, stdout, stderr, written };
}

const t = loadExample('separate-tm-ha');

describe('apim-topology with a picture', () => {
  it('validate topology.svg reads the topology the SVG carries', async () => {
    const { code, stdout, stderr } = await cli(['validate', 'topology.svg'], { 'topology.svg': topologySvg(t) });
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Valid: 0 errors/m);
  });

  it('generate from a PNG or an SVG writes the same files as from the topology file', async () => {
    const json = await cli(['generate', examplePath('separate-tm-ha'), '--out', 'out'], {});
    const png = await cli(['generate', 'topology.png', '--out', 'out'], { 'topology.png': pngWithTopology(solidPng(), t) });
    const svg = await cli(['generate', 'topology.svg', '--out', 'out'], { 'topology.svg': topologySvg(t) });
    expect(png.code).toBe(0);
    expect(svg.code).toBe(0);
    expect(json.written.size).toBeGreaterThan(5);
    expect([...png.written]).toEqual([...json.written]);
    expect([...svg.written]).toEqual([...json.written]);
  });

  it('link from a PNG gives the link of the topology', async () => {
    const json = await cli(['link', examplePath('separate-tm-ha')], {});
    const png = await cli(['link', 'diagram.PNG'], { 'diagram.PNG': pngWithTopology(solidPng(), t) });
    expect(png.code).toBe(0);
    expect(png.stdout).toBe(json.stdout);
  });

  it('says when the picture left passwords out, as a link does', async () => {
    const secret = { ...t, settings: { ...t.settings, superAdmin: { ...t.settings.superAdmin, password: 'Adm1n-S3cret' } } };
    const { stderr } = await cli(['validate', 't.svg'], { 't.svg': topologySvg(secret) });
    expect(stderr).toContain(
      'apim-topology: t.svg carries no secrets, as a share link: each password in it is <secret not in link> (APIM034)',
    );
  });

  it.each<[string, string | Uint8Array, RegExp]>([
    ['x.png', solidPng(), /^apim-topology: x\.png: this picture carries no topology: export it from the designer/],
    ['x.svg', '<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', /^apim-topology: x\.svg: this picture carries no topology/],
    ['x.png', new TextEncoder().encode('{"format": "apim-topology/1"}'), /^apim-topology: x\.png: not a PNG file/],
    [
      'x.png',
      (() => {
        const png = pngWithTopology(solidPng(), t);
        png[png.length - 30] = (png[png.length - 30] ?? 0) ^ 0xff;
        return png;
      })(),
      /^apim-topology: x\.png: the PNG is damaged: its tEXt chunk .* fails its CRC check/,
    ],
  ])('refuses %s that carries no readable topology: exit 2, one line naming the file', async (name, content, message) => {
    const { code, stderr } = await cli(['validate', name], { [name]: content });
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('reads pictures from disk through the installed command', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'apim-picture-'));
    writeFileSync(join(dir, 'topology.png'), pngWithTopology(solidPng(), t));
    writeFileSync(join(dir, 'topology.svg'), topologySvg(t));
    for (const file of ['topology.png', 'topology.svg']) {
      const { stdout } = await run(process.execPath, [BIN, 'validate', join(dir, file)]);
      expect(stdout).toMatch(/^Valid: 0 errors/m);
    }
  }, 60_000);
});
