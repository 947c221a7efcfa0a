/** A bundle zip restores its topology; anything else is a typed error. */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { serializeTopology } from '../../src/model/index.ts';
import { generateBundle } from '../../src/generate/index.ts';
import { zipBundle } from '../../src/generate/zip.ts';
import { readBundleZip } from '../../src/share/index.ts';
import { loadExample } from '../factories.ts';

describe('opening a bundle zip', () => {
  it.each(['seed-sample', 'ha-cp-gw', 'separate-tm-ha'] as const)('the bundle of %s gives back its topology', (name) => {
    const t = loadExample(name);
    const result = readBundleZip(zipBundle(generateBundle(t).files));
    expect(result.ok && serializeTopology(result.topology)).toBe(serializeTopology(t));
  });

  it.each([
    ['not a zip', strToU8('{"format": "apim-topology/1"}'), /not a zip file/],
    ['a zip without topology.json', zipSync({ 'README.md': strToU8('# hi') }), /no topology\.json/],
    ['a zip whose topology.json is broken', zipSync({ 'topology.json': strToU8('{"format": "apim-topology/1", "product": "4.0.0", "nodes": [{"kind": "gateway", "id": "g", "host": "h", "offset": -1}]}') }), /topology\.json: nodes\[0\]\.offset: -1 is out of range/],
    ['a zip whose topology.json is not text', zipSync({ 'topology.json': new Uint8Array([0xff, 0xfe, 0xfd]) }), /not valid text/],
  ])('%s is refused with a message', (_name, bytes, message) => {
    const result = readBundleZip(bytes);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('\n')).toMatch(message);
  });
});
