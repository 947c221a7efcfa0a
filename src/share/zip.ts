/**
 * A bundle zip as input: its `topology.json` restores the topology. Only that entry is unpacked, and
 * only when its size is within the cap; the rest goes through the same restore path as a file.
 */
import { unzipSync } from 'fflate';
import type { ReadResult } from './read.ts';
import { MAX_DOCUMENT_CHARS, readTopology } from './read.ts';

/** The largest zip read: a bundle of 5,000 nodes is a few MB. */
export const MAX_ZIP_BYTES = 50_000_000;

export function readBundleZip(bytes: Uint8Array): ReadResult {
  const fail = (message: string): ReadResult => ({ ok: false, errors: [{ path: '', message }] });
  if (bytes.length > MAX_ZIP_BYTES) return fail(`the zip is ${bytes.length.toLocaleString('en')} bytes; at most ${MAX_ZIP_BYTES.toLocaleString('en')} are read`);
  let entries: Record<string, Uint8Array>;
  let tooBig = false;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        if (file.name !== 'topology.json') return false;
        if (file.originalSize > MAX_DOCUMENT_CHARS * 4) tooBig = true;
        return !tooBig;
      },
    });
  } catch {
    return fail('not a zip file, or a damaged one');
  }
  if (tooBig) return fail(`its topology.json is larger than ${MAX_DOCUMENT_CHARS.toLocaleString('en')} characters: refused`);
  const entry = entries['topology.json'];
  if (!entry) return fail('the zip has no topology.json: open a bundle made by the designer, or its topology.json');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(entry);
  } catch {
    return fail('its topology.json is not valid text');
  }
  const result = readTopology(text);
  return result.ok ? result : { ok: false, errors: result.errors.map((e) => ({ ...e, path: e.path ? `topology.json: ${e.path}` : 'topology.json' })) };
}
