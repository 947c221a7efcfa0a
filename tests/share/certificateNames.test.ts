/** `certificateNames` (issue 20): kept through the file, the link and the schema; a name that is no name is refused with where. */
import { describe, expect, it } from 'vitest';
import { serializeTopology } from '../../src/model/index.ts';
import { decodeLink, encodeLink, readTopology } from '../../src/share/index.ts';
import { node, topology } from '../factories.ts';

const named = () =>
  topology(
    [
      node('control-plane', 'cp-1', { certificateNames: ['cp.example.com', '*.example.com', '10.0.0.5'] }),
      node('load-balancer', 'cp-lb', { certificateNames: ['cp-lb.example.com'] }),
      node('identity-server', 'is-1', { certificateNames: ['is.example.com'] }),
    ],
    [['cp-lb', 'cp-1']],
  );

describe('certificateNames', () => {
  it('survives the file and the link', () => {
    const t = named();
    const read = readTopology(serializeTopology(t));
    expect(read.ok && read.topology).toEqual(t);
    const link = decodeLink(encodeLink(t, 'https://example.org/'));
    expect(link.ok && link.topology.nodes.map((n) => ('certificateNames' in n ? n.certificateNames : undefined))).toEqual(
      t.nodes.map((n) => ('certificateNames' in n ? n.certificateNames : undefined)),
    );
  });

  it.each([['cp .example.com'], ['*'], ['**.example.com'], ['https://cp.example.com']])('refuses %j, naming the field', (name) => {
    const t = named();
    const text = serializeTopology(t).replace('"cp.example.com"', JSON.stringify(name));
    const read = readTopology(text);
    expect(read.ok).toBe(false);
    if (!read.ok)
      expect(read.errors.map((e) => `${e.path}: ${e.message}`).join('\n')).toMatch(/certificateNames.*is not a certificate name/);
  });
});
