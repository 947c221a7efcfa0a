/**
 * Pictures that carry their topology (src/share/image.ts): an exported SVG and a PNG with the topology's tEXt chunk
 * give back the same topology; a tampered, cut, foreign or oversized picture is refused with a message.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PICTURE_KEYWORD, SECRET_PLACEHOLDER, asciiJson, serializeTopology, withoutSecrets } from '../../src/model/index.ts';
import type { Topology } from '../../src/model/index.ts';
import { generateBundle, topologySvg } from '../../src/generate/index.ts';
import type { ReadErrorKind, ReadResult } from '../../src/share/index.ts';
import {
  MAX_DOCUMENT_CHARS,
  MAX_IMAGE_BYTES,
  crc32,
  formatReadError,
  pngChunks,
  pngText,
  pngWithTopology,
  readPngTopology,
  readSvgTopology,
  withPngText,
} from '../../src/share/index.ts';
import { EXAMPLE_FILES, arbitraryTopology, hostileText, loadExample } from '../factories.ts';
import { SIGNATURE, chunk, concat, solidPng } from './png.ts';
import { MUTATIONS, expectTypedResult, mutate } from './mutate.ts';

/** The picture gives back the topology, without its private secrets (as a share link: a picture ends up in documents). */
const same = (result: ReadResult, t: Topology) =>
  expect(result.ok ? serializeTopology(result.topology) : result.errors).toBe(serializeTopology(withoutSecrets(t)));

function refusal(result: ReadResult): { kind: ReadErrorKind | undefined; text: string } {
  expect(result.ok).toBe(false);
  return result.ok ? { kind: undefined, text: '' } : { kind: result.errors[0]?.kind, text: result.errors.map(formatReadError).join('\n') };
}

/** Labels and a name that try to break out of XML and JSON, on a topology of every kind of link. */
const arbitraryHostile = fc.record({ t: arbitraryTopology, name: hostileText }).map(({ t, name }) => ({ ...t, name }));

describe('the topology a picture carries', () => {
  it('leaves out private secrets, as a share link does, in the SVG and the PNG', () => {
    const base = loadExample('single-cp-gw');
    const t = { ...base, settings: { ...base.settings, superAdmin: { ...base.settings.superAdmin, password: 'Adm1n-S3cret' } } };
    const svg = topologySvg(t);
    const png = pngWithTopology(solidPng(), t);
    expect(svg).not.toContain('Adm1n-S3cret');
    expect(new TextDecoder('latin1').decode(png)).not.toContain('Adm1n-S3cret');
    for (const result of [readSvgTopology(svg), readPngTopology(png)]) {
      expect(result.ok && result.topology.settings.superAdmin.password).toBe(SECRET_PLACEHOLDER);
    }
  });
});

describe("the bundle's picture", () => {
  const bundleSvg = (t: Topology) => generateBundle(t).files.find((f) => f.path === 'topology.svg')?.content ?? '';

  it('carries the text of topology.json when the topology has no secret to leave out', () => {
    const t = loadExample('single-cp-gw');
    const json = generateBundle(t).files.find((f) => f.path === 'topology.json')?.content;
    expect(withoutSecrets(t)).toBe(t);
    expect(bundleSvg(t)).toContain(`<metadata id="${PICTURE_KEYWORD}">${asciiJson(json ?? '-')}</metadata>`);
    expect(bundleSvg(t)).toBe(topologySvg(t));
  });

  it('leaves out a private secret that topology.json keeps', () => {
    const base = loadExample('single-cp-gw');
    const t = { ...base, settings: { ...base.settings, superAdmin: { ...base.settings.superAdmin, password: 'Adm1n-S3cret' } } };
    const files = generateBundle(t).files;
    expect(files.find((f) => f.path === 'topology.json')?.content).toContain('Adm1n-S3cret');
    const svg = bundleSvg(t);
    expect(svg).not.toContain('Adm1n-S3cret');
    expect(svg).toBe(topologySvg(t));
    same(readSvgTopology(svg), t);
  });
});

describe('CRC-32', () => {
  it('is the PNG one (the check value of "123456789" is 0xCBF43926)', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });
});

describe('an exported SVG', () => {
  it.each(EXAMPLE_FILES)('of %s gives back its topology, in either theme, with or without a background', (name) => {
    const t = loadExample(name);
    same(readSvgTopology(topologySvg(t)), t);
    same(readSvgTopology(topologySvg(t, { theme: 'dark', transparent: true })), t);
  });

  it("in a bundle (topology.svg) gives back the bundle's topology", () => {
    const t = loadExample('pattern-4-km');
    const svg = generateBundle(t).files.find((f) => f.path === 'topology.svg');
    expect(svg?.kind).toBe('diagram');
    same(readSvgTopology(svg?.content ?? ''), t);
  });

  it('of any topology, with hostile labels and name, gives back the same topology', () => {
    fc.assert(
      fc.property(arbitraryHostile, (t) => {
        same(readSvgTopology(topologySvg(t)), t);
      }),
      { numRuns: 60 },
    );
  });

  it('read after an editor re-saved its metadata as CDATA or with other quotes still gives back the topology', () => {
    const t = loadExample('ha-cp-gw');
    const json = serializeTopology(t);
    const svg = topologySvg(t).replace(
      /<metadata id="apim-topology">[\s\S]*<\/metadata>/,
      `<metadata class="x" id='apim-topology'><![CDATA[${json}]]></metadata>`,
    );
    same(readSvgTopology(svg), t);
  });

  it.each<[string, (svg: string) => string, RegExp, ReadErrorKind]>([
    [
      'no metadata',
      (svg) => svg.replace(/<metadata[\s\S]*<\/metadata>/, ''),
      /carries no topology: export it from the designer/,
      'not-a-topology',
    ],
    ['an unclosed metadata element', (svg) => svg.replace('</metadata>', ''), /never closed/, 'damaged'],
    ['markup inside the metadata', (svg) => svg.replace('</metadata>', '<script>x</script></metadata>'), /not plain text/, 'damaged'],
    ['an unknown entity in the metadata', (svg) => svg.replace('{', '&nbsp;{'), /not plain text/, 'damaged'],
    // Named after what every object inherits: not an entity either.
    ['an entity &valueOf; in the metadata', (svg) => svg.replace('{', '&valueOf;{'), /not plain text/, 'damaged'],
    ['metadata cut in the middle', (svg) => svg.replace(/("nodes")[\s\S]*<\/metadata>/, '$1</metadata>'), /not valid JSON/, 'not-json'],
    ['two topologies', (svg) => svg.replace('<defs>', '<metadata id="apim-topology">{}</metadata><defs>'), /2 topologies/, 'damaged'],
    ['not an SVG', () => '<html><body>hello</body></html>', /not an SVG picture/, 'not-a-topology'],
  ])('with %s is refused', (_name, tamper, message, kind) => {
    const { kind: got, text } = refusal(readSvgTopology(tamper(topologySvg(loadExample('single-cp-gw')))));
    expect(text).toMatch(message);
    expect(got).toBe(kind);
  });

  it('with a topology that has mistakes is refused at the field, saying it is the topology in the picture', () => {
    const svg = topologySvg(loadExample('single-cp-gw')).replace(/"offset": 0/, '"offset": 70000');
    const { kind, text } = refusal(readSvgTopology(svg));
    expect(kind).toBe('invalid');
    expect(text).toMatch(/^nodes\[\d+\]\.offset: .*70000.* \(in the topology the picture carries\)$/m);
  });

  it('past the size cap is refused before it is scanned', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg"><metadata id="apim-topology">${' '.repeat(MAX_IMAGE_BYTES)}</metadata></svg>`;
    const { kind, text } = refusal(readSvgTopology(svg));
    expect(kind).toBe('too-large');
    expect(text).toMatch(/at most 20,000,000 are read/);
  });

  it('whose topology is longer than a topology may be is refused', () => {
    const big = `{"format": "apim-topology/1", "name": "${'x'.repeat(MAX_DOCUMENT_CHARS)}"}`;
    const { kind } = refusal(readSvgTopology(`<svg><metadata id="apim-topology">${big}</metadata></svg>`));
    expect(kind).toBe('too-large');
  });
});

describe('a PNG carrying the topology', () => {
  it.each(EXAMPLE_FILES)('of %s gives back its topology', (name) => {
    const t = loadExample(name);
    same(readPngTopology(pngWithTopology(solidPng(), t)), t);
  });

  it('of any topology, with hostile labels and name, gives back the same topology', () => {
    fc.assert(
      fc.property(arbitraryHostile, (t) => {
        same(readPngTopology(pngWithTopology(solidPng(), t)), t);
      }),
      { numRuns: 60 },
    );
  });

  it('holds the topology as ASCII JSON in a tEXt chunk just before IEND, and stays a valid PNG', () => {
    const t = { ...loadExample('single-cp-gw'), name: 'Déploiement 東京 😀' };
    const png = pngWithTopology(solidPng(), t);
    const read = pngChunks(png);
    expect(read.ok && read.chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'tEXt', 'IEND']);
    const text = read.ok ? pngText(read.chunks, PICTURE_KEYWORD) : undefined;
    const decoded = new TextDecoder('latin1').decode(text);
    expect(decoded).toBe(asciiJson(serializeTopology(t)));
    expect(decoded).toMatch(/^[\n\u0020-\u007e]*$/);
    expect(JSON.parse(decoded)).toEqual(JSON.parse(serializeTopology(t)));
  });

  it('exported twice carries one topology, the newer', () => {
    const a = loadExample('single-cp-gw');
    const b = loadExample('ha-cp-gw');
    const png = pngWithTopology(pngWithTopology(solidPng(), a), b);
    const read = pngChunks(png);
    expect(read.ok && read.chunks.filter((c) => c.type === 'tEXt')).toHaveLength(1);
    same(readPngTopology(png), b);
  });

  const good = () => pngWithTopology(solidPng(), loadExample('single-cp-gw'));
  const textStart = (png: Uint8Array) => {
    const read = pngChunks(png);
    return read.ok ? (read.chunks.find((c) => c.type === 'tEXt')?.start ?? -1) : -1;
  };

  const flip = (png: Uint8Array, at: number) => {
    png[at] = (png[at] ?? 0) ^ 0x01;
    return png;
  };

  it.each<[string, () => Uint8Array, RegExp, ReadErrorKind]>([
    [
      'a changed byte in its topology (bad CRC)',
      () => {
        const png = good();
        return flip(png, textStart(png) + 40);
      },
      /tEXt chunk at byte \d+ fails its CRC check/,
      'damaged',
    ],
    [
      'a changed byte in its pixels (bad CRC)',
      () => {
        return flip(good(), 45); // in the IDAT data: the IHDR chunk is bytes 8–32
      },
      /IDAT chunk at byte 33 fails its CRC check/,
      'damaged',
    ],
    ['cut short', () => good().subarray(0, textStart(good()) + 100), /cut short in its tEXt chunk/, 'damaged'],
    ['without its IEND', () => good().subarray(0, good().length - 12), /no IEND chunk/, 'damaged'],
    [
      'with a bad signature',
      () => concat(new Uint8Array([0x89, 0x50, 0x4e, 0x46]), good().subarray(4)),
      /not a PNG file/,
      'not-a-topology',
    ],
    ['without IHDR first', () => concat(SIGNATURE, chunk('IEND', new Uint8Array())), /does not start with its IHDR/, 'damaged'],
    [
      'a PNG from elsewhere (no topology)',
      () => solidPng(),
      /this picture carries no topology: export it from the designer/,
      'not-a-topology',
    ],
    [
      'a PNG with another tEXt chunk only',
      () => withPngText(solidPng(), 'Software', 'an image editor'),
      /carries no topology/,
      'not-a-topology',
    ],
    [
      'a PNG whose topology chunk is not a topology',
      () => withPngText(solidPng(), PICTURE_KEYWORD, '{"hello": 1}'),
      /missing: a topology file starts with "format".*\(in the topology the picture carries\)/,
      'not-a-topology',
    ],
  ])('%s is refused', (_name, make, message, kind) => {
    const { kind: got, text } = refusal(readPngTopology(make()));
    expect(text).toMatch(message);
    expect(got).toBe(kind);
  });

  it('past the size cap is refused before its chunks are read', () => {
    const png = concat(good(), new Uint8Array(MAX_IMAGE_BYTES));
    const { kind, text } = refusal(readPngTopology(png));
    expect(kind).toBe('too-large');
    expect(text).toMatch(/the picture is 20,\d{3},\d{3} bytes; at most 20,000,000 are read/);
  });

  it('whose topology chunk is longer than a topology may be is refused without decoding it', () => {
    const png = withPngText(solidPng(), PICTURE_KEYWORD, 'x'.repeat(MAX_DOCUMENT_CHARS + 1));
    const { kind, text } = refusal(readPngTopology(png));
    expect(kind).toBe('too-large');
    expect(text).toMatch(/2,000,001 characters long/);
  });

  it('refuses to write text that tEXt cannot hold', () => {
    expect(() => withPngText(solidPng(), PICTURE_KEYWORD, 'a\u0000b')).toThrow(/Latin-1/);
    expect(() => withPngText(solidPng(), PICTURE_KEYWORD, '東京')).toThrow(/Latin-1/);
  });
});

describe('fuzzing pictures', () => {
  it('1,000 mutated or truncated PNGs: a typed error or a valid topology, and a changed byte never passes unnoticed', () => {
    const png = pngWithTopology(solidPng(), loadExample('ha-cp-gw'));
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 1, max: 255 }), fc.boolean(), (at, flip, truncate) => {
        const i = at % png.length;
        const mutated = truncate ? png.slice(0, i) : Uint8Array.from(png, (b, j) => (j === i ? b ^ flip : b));
        const result = readPngTopology(mutated);
        expectTypedResult(result);
        // Every byte is in the signature, a length, a type, data under a CRC, or a CRC: a change is caught.
        expect(result.ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('1,000 mutated SVGs: a typed error or a valid topology', () => {
    const svg = topologySvg(loadExample('ha-cp-gw'));
    fc.assert(
      fc.property(
        fc.constantFrom(...MUTATIONS),
        fc.nat(),
        fc.constantFrom('<', '>', '&', ']]>', '"', '\u0000', '{', '}'),
        (kind, at, text) => {
          expectTypedResult(readSvgTopology(mutate(svg, kind, at, text, 3)));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
