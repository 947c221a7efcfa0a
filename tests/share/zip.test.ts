/** A bundle zip restores its topology; anything else is a typed error. */
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { serializeTopology } from '../../src/model/index.ts';
import { generateBundle } from '../../src/generate/index.ts';
import { zipBundle } from '../../src/generate/zip.ts';
import type { ReadErrorKind } from '../../src/share/index.ts';
import { readBundleZip } from '../../src/share/index.ts';
import { loadExample } from '../factories.ts';

describe('opening a bundle zip', () => {
  it.each(['seed-sample', 'ha-cp-gw', 'separate-tm-ha'] as const)('the bundle of %s gives back its topology', (name) => {
    const t = loadExample(name);
    const result = readBundleZip(zipBundle(generateBundle(t).files));
    expect(result.ok && serializeTopology(result.topology)).toBe(serializeTopology(t));
  });

  it.each<[string, Uint8Array, RegExp, ReadErrorKind]>([
    ['not a zip', strToU8('{"format": "apim-topology/1"}'), /not a zip file/, 'damaged'],
    ['a zip without topology.json', zipSync({ 'README.md': strToU8('# hi') }), /no topology\.json/, 'not-a-topology'],
    [
      'a zip whose topology.json is broken',
      zipSync({
        'topology.json': strToU8(
          '{"format": "apim-topology/1", "product": "4.0.0", "nodes": [{"kind": "gateway", "id": "g", "host": "h", "offset": -1}]}',
        ),
      }),
      /topology\.json: nodes\[0\]\.offset: -1 is out of range/,
      'invalid',
    ],
    [
      'a zip whose topology.json is not text',
      zipSync({ 'topology.json': new Uint8Array([0xff, 0xfe, 0xfd]) }),
      /not valid text/,
      'damaged',
    ],
  ])('%s is refused with a message', (_name, bytes, message, kind) => {
    const result = readBundleZip(bytes);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('\n')).toMatch(message);
    if (!result.ok) expect(result.errors[0]!.kind).toBe(kind);
  });
});

describe('a zip that lies about its size', () => {
  /** topology.json of `size` bytes of spaces, compressed to a few KB, its headers saying it is 100 bytes. */
  function lyingZip(size: number): Uint8Array {
    const zip = zipSync({ 'topology.json': new Uint8Array(size).fill(0x20) }, { level: 9 });
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    for (let i = 0; i + 4 <= zip.length; i++) {
      const signature = view.getUint32(i, true);
      if (signature === 0x04034b50) view.setUint32(i + 22, 100, true); // local header: uncompressed size
      if (signature === 0x02014b50) view.setUint32(i + 24, 100, true); // central directory: uncompressed size
    }
    return zip;
  }

  it('is refused at the cap on the bytes it produces, whatever its headers say', () => {
    const zip = lyingZip(200_000_000);
    expect(zip.length).toBeLessThan(400_000);
    // 200 MB behind a 100-byte header: the read stops once 8 MB are out (a 200 MB inflate would not
    // fit the test's time), and says why.
    const result = readBundleZip(zip);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.errors[0]!.message).toMatch(/unpacks to more than 8,000,000 bytes: refused/);
    expect(result.ok ? '' : result.errors[0]!.kind).toBe('too-large');
  });
});
