/**
 * The bundle's large files are kept in pieces (src/generate/pieces.ts): the pieces are the file's text, none of them
 * is a string V8 would give pages of its own (over 128 KiB), and the writers that take pieces (the zip, the CLI's
 * files) write the same bytes as the whole text would.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { LineWriter, PIECE_CHARS, linePieces, pieced } from '../../src/generate/pieces.ts';
import { generateBundle, generationContext, nodeDocument } from '../../src/generate/index.ts';
import type { TomlDocument } from '../../src/generate/index.ts';
import { connectionMatrix } from '../../src/generate/network.ts';
import { networkCsvText } from '../../src/generate/networkFiles.ts';
import { fileBytes, zipBundle } from '../../src/generate/zip.ts';
import type { BundleFile } from '../../src/generate/index.ts';
import fc from 'fast-check';
import { isApimNode, serializeTopology, serializeTopologyPieces } from '../../src/model/index.ts';
import type { Topology } from '../../src/model/index.ts';
import { benchTopology } from '../bench/topologies.ts';
import { arbitraryTopology, loadExample } from '../factories.ts';

/** V8's largest string in the regular heap, in bytes: a piece of two-byte characters must stay under it too. */
const REGULAR_OBJECT_BYTES = 128 * 1024;

describe('linePieces', () => {
  const cases: Record<string, string[]> = {
    'one line': ['a'],
    'short lines': Array.from({ length: 20_000 }, (_, i) => `line ${i}`),
    'blank lines': ['', '', 'x', ''],
    'a line longer than a piece': ['head', 'y'.repeat(PIECE_CHARS * 2 + 5), 'tail'],
    'lines filling a piece exactly': Array.from({ length: 8 }, () => 'z'.repeat(PIECE_CHARS / 4 - 1)),
  };
  for (const [name, lines] of Object.entries(cases)) {
    it(`${name}: the pieces are the lines joined, each ends a line and is at most a piece long unless one line is longer`, () => {
      const pieces = linePieces(lines);
      expect(pieces.join('')).toBe(`${lines.join('\n')}\n`);
      for (const piece of pieces) {
        expect(piece.endsWith('\n')).toBe(true);
        if (piece.slice(0, -1).includes('\n')) expect(piece.length).toBeLessThanOrEqual(PIECE_CHARS);
      }
    });
  }

  it('pieced puts the pieces together as the same text', () => {
    const pieces = ['a\n', 'b'.repeat(40), '\n'];
    expect(pieced(pieces)).toEqual({ content: pieces.join(''), pieces });
    expect(pieced([])).toEqual({ content: '', pieces: [] });
  });
});

describe('LineWriter', () => {
  type Step = { push: string[] } | 'trim';
  const line = fc.oneof(
    fc.constant(''),
    fc.string({ maxLength: 30 }),
    fc.constant('w'.repeat(PIECE_CHARS / 3)),
    fc.constant('L'.repeat(PIECE_CHARS + 7)),
  );
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 6, arbitrary: fc.array(line, { minLength: 1, maxLength: 400 }).map((push) => ({ push })) },
    { weight: 1, arbitrary: fc.constant('trim' as const) },
  );

  it('writes what one array of the same lines joins to (by \\n or \\r\\n), trims blank lines at the end, and passes a piece’s size only by its last line', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), fc.constantFrom('\n', '\r\n'), (steps, lineBreak) => {
        const writer = new LineWriter(lineBreak);
        const lines: string[] = [];
        for (const s of steps) {
          if (s === 'trim') {
            writer.trimEnd();
            while (lines.at(-1) === '') lines.pop();
          } else {
            writer.push(...s.push);
            lines.push(...s.push);
          }
        }
        fc.pre(lines.length > 0);
        const { content, pieces } = writer.text();
        expect(content).toBe(`${lines.join(lineBreak)}${lineBreak}`);
        expect(pieces.join('')).toBe(content);
        // A piece passes PIECE_CHARS only by its last line.
        for (const piece of pieces) {
          const lastLine = piece.lastIndexOf(lineBreak, piece.length - lineBreak.length - 1) + lineBreak.length;
          expect(piece.slice(0, lastLine).length).toBeLessThan(PIECE_CHARS);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('serializeTopologyPieces', () => {
  const example = loadExample('ha-cp-gw');
  const topologies: Record<string, Topology> = {
    'ha-cp-gw': example,
    'no nodes or links': { ...example, nodes: [], links: [] },
    '300 nodes': benchTopology(300),
  };
  for (const [name, topology] of Object.entries(topologies)) {
    for (const size of [1, 500, PIECE_CHARS]) {
      it(`${name}, pieces of ${size} characters: the same text as serializeTopology`, () => {
        const pieces = serializeTopologyPieces(topology, size);
        expect(pieces.join('')).toBe(serializeTopology(topology));
        if (size === PIECE_CHARS) expect(pieces.every((piece) => piece.length < PIECE_CHARS + 4096)).toBe(true);
      });
    }
  }

  it('any topology, hostile text and all, in pieces of any size: the same text', () => {
    fc.assert(
      fc.property(arbitraryTopology, fc.integer({ min: 1, max: 3000 }), (topology, size) => {
        expect(serializeTopologyPieces(topology, size).join('')).toBe(serializeTopology(topology));
      }),
      { numRuns: 150 },
    );
  });
});

describe('a 1,000-node bundle', () => {
  const bundle = generateBundle(benchTopology(1000));
  const large = bundle.files.filter((file) => file.content.length * 2 > REGULAR_OBJECT_BYTES);

  it('keeps every file that could pass 128 KiB in pieces, each under it, and the pieces are the text', () => {
    expect(large.map((file) => file.path).sort()).toEqual([
      'README.md',
      'hosts',
      'network.csv',
      'network.md',
      'topology.json',
      'topology.svg',
    ]);
    for (const file of large) {
      const pieces = file.pieces ?? [];
      expect(pieces.length, file.path).toBeGreaterThan(1);
      expect(pieces.join(''), file.path).toBe(file.content);
      expect(Math.max(...pieces.map((piece) => piece.length * 2)), file.path).toBeLessThan(REGULAR_OBJECT_BYTES);
    }
  });

  it('zips a file in pieces as the bytes of its text', () => {
    const unzipped = unzipSync(zipBundle(large));
    for (const file of large) expect(strFromU8(unzipped[file.path] as Uint8Array), file.path).toBe(file.content);
  });
});

describe('the memory a large file takes', () => {
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  /** The heap that what `make` returns keeps alive, in bytes per character of its text. */
  const bytesPerCharacter = (make: () => readonly string[]) => {
    collect();
    const before = process.memoryUsage().heapUsed;
    const pieces = make();
    collect();
    const held = process.memoryUsage().heapUsed - before;
    return held / pieces.reduce((sum, piece) => sum + piece.length, 0);
  };
  const topology = benchTopology(1000);
  const context = generationContext(topology);
  const documents = new Map<string, TomlDocument>();
  for (const node of topology.nodes) if (isApimNode(node)) documents.set(node.id, nodeDocument(context, node));
  const rows = connectionMatrix(context, documents);

  // A piece appended to line by line stays a rope of every part of every line as long as the bundle keeps it: network.csv
  // took 3 bytes a character so, topology.json 8. Joined, a piece is one flat string of a byte a character (ASCII).
  // The heap's measure moves by some 0.3 MB either way: hence files of megabytes, and a bound of 2.
  it('network.csv of 1,000 nodes (2.3 MB): about a byte a character', () => {
    expect(bytesPerCharacter(() => networkCsvText(rows).pieces)).toBeLessThan(2);
  });

  it('topology.json of 5,000 nodes (1.9 MB): about a byte a character', () => {
    const large = benchTopology(5000);
    expect(bytesPerCharacter(() => serializeTopologyPieces(large, PIECE_CHARS))).toBeLessThan(2);
  });
});

it('encodes pieces with characters of every UTF-8 length as the whole text would be', () => {
  // A piece ends between lines, never inside a character, so encoding the pieces one by one gives the text's bytes.
  const lines = Array.from({ length: 3000 }, (_, i) => `${i} é ✓ 𝄞 gw-${i}`);
  const file: BundleFile = { path: 'README.md', kind: 'runbook', ...pieced(linePieces(lines)) };
  expect(file.pieces?.length).toBeGreaterThan(1);
  expect(fileBytes(file)).toEqual(strToU8(file.content));
});
