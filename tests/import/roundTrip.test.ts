/**
 * import(generate(t)) generates the same deployment.toml and nginx.conf files, byte for byte: for every example, every
 * WSO2 pattern preset on every version that documents it, and random topologies.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Topology } from '../../src/model/index.ts';
import { PRODUCT_VERSIONS, patternsOf, presetOn } from '../../src/model/index.ts';
import { readTopology } from '../../src/share/index.ts';
import { generateBundle } from '../../src/generate/index.ts';
import { importFiles } from '../../src/import/index.ts';
import type { ImportReport } from '../../src/import/index.ts';
import { EXAMPLE_FILES, arbitraryTopology, loadExample } from '../factories.ts';

const CONFIG = /(deployment\.toml|nginx\.conf)$/;

/** The config files of t's bundle, and those of the bundle of import(those files). */
function roundTrip(t: Topology): { before: Map<string, string>; after: Map<string, string>; report: ImportReport } {
  const files = generateBundle(t).files.filter((f) => CONFIG.test(f.path));
  const { topology: imported, report } = importFiles(files);
  const after = generateBundle(imported).files.filter((f) => CONFIG.test(f.path));
  return { before: new Map(files.map((f) => [f.path, f.content])), after: new Map(after.map((f) => [f.path, f.content])), report };
}

/** Same files, and nothing for the report to complain of: no conflict, no key left over or written differently. */
function expectSameFiles(t: Topology): void {
  const { before, after, report } = roundTrip(t);
  expect({ conflicts: report.conflicts, rewritten: report.rewritten, unplaced: report.unplaced }).toEqual({
    conflicts: [],
    rewritten: [],
    unplaced: [],
  });
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [path, text] of before) expect(after.get(path), path).toBe(text);
}

describe('import(generate(t)) generates the same files', () => {
  it.each(EXAMPLE_FILES.map((name) => [name]))('example %s', (name) => expectSameFiles(loadExample(name)));

  const presets = PRODUCT_VERSIONS.flatMap((version) =>
    patternsOf(version).map(({ pattern, title }) => [`${version} ${title}`, version, pattern.file, title] as const),
  );
  it.each(presets)('preset %s', (_name, version, file, title) => {
    const path = fileURLToPath(new URL(`../../public/examples/${file}`, import.meta.url));
    const read = readTopology(readFileSync(path, 'utf8'));
    if (!read.ok) throw new Error(`${file} does not read`);
    expectSameFiles(presetOn(read.topology, version, title));
  });

  it('random topologies', () => {
    fc.assert(
      fc.property(arbitraryTopology, (t) => expectSameFiles(t)),
      { numRuns: 60 },
    );
  });

  it.each([
    ['single-cp-gw', '4.0.0', 'cp-1'],
    ['pattern-3-distributed', '4.5.0', 'cp-1'],
  ] as const)('%s on %s with WSO2 IS 5.11 as the resident Key Manager of %s', (name, product, user) => {
    const t = loadExample(name);
    const is = {
      id: 'is-1',
      kind: 'identity-server',
      label: 'IS',
      x: 0,
      y: 0,
      host: 'is.example.com',
      offset: 1,
      version: '5.11',
    } as const;
    expectSameFiles({ ...t, product, nodes: [...t.nodes, is], links: [...t.links, { from: user, to: 'is-1' }] });
  });

  it('is deterministic: the same files give the same topology', () => {
    const files = generateBundle(loadExample('pattern-4-km')).files;
    expect(JSON.stringify(importFiles(files))).toBe(JSON.stringify(importFiles(files)));
  });

  it('keeps ids, kinds, hosts, offsets and the topology name; positions come from topology.json when given', () => {
    const t = loadExample('separate-tm-ha');
    const files = generateBundle(t).files;
    const { topology, report } = importFiles(files.filter((f) => CONFIG.test(f.path) || f.path === 'topology.json'));
    expect(topology.name).toBe(t.name);
    const brief = (x: Topology) => x.nodes.map((n) => [n.id, n.kind, 'host' in n ? n.host : '', 'offset' in n ? n.offset : 0]).sort();
    expect(brief(topology)).toEqual(brief(t));
    expect(topology.nodes.map((n) => [n.id, n.x, n.y]).sort()).toEqual(t.nodes.map((n) => [n.id, n.x, n.y]).sort());
    expect(report.recognized.some((n) => n.subject === 'topology.json')).toBe(true);
    expect(report.unplaced).toEqual([]);
  });
});
