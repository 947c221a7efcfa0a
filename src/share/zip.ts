/**
 * A bundle zip as input: its `topology.json` restores the topology. Only that entry is unpacked, and
 * the unpacking stops at the cap on the bytes it actually produces, whatever the zip's headers say (a
 * header can lie about the size, and a small zip can inflate to gigabytes); the text then goes through
 * the same restore path as a file.
 */
import { Unzip, UnzipInflate } from 'fflate';
import type { ReadErrorKind, ReadResult } from './read.ts';
import { MAX_DOCUMENT_CHARS, readError, readTopology } from './read.ts';

/** The largest zip read: a bundle of 5,000 nodes is a few MB. */
export const MAX_ZIP_BYTES = 50_000_000;
const PIECE = 4096;

export function readBundleZip(bytes: Uint8Array): ReadResult {
  const fail = (kind: ReadErrorKind, message: string): ReadResult => ({ ok: false, errors: [readError(kind, message)] });
  if (bytes.length > MAX_ZIP_BYTES)
    return fail(
      'too-large',
      `the zip is ${bytes.length.toLocaleString('en')} bytes; at most ${MAX_ZIP_BYTES.toLocaleString('en')} are read`,
    );
  // A zip starts with a local file header ("PK\x03\x04"), or is an empty one ("PK\x05\x06").
  if (
    bytes.length < 4 ||
    bytes[0] !== 0x50 ||
    bytes[1] !== 0x4b ||
    !((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6))
  ) {
    return fail('damaged', 'not a zip file, or a damaged one');
  }
  const cap = MAX_DOCUMENT_CHARS * 4;
  const chunks: Uint8Array[] = [];
  let produced = 0;
  let found = false;
  let tooBig = false;
  let damaged = false;
  try {
    const unzip = new Unzip((file) => {
      if (file.name !== 'topology.json' || found) return;
      found = true;
      file.ondata = (error, chunk) => {
        if (error) {
          damaged = true;
          return;
        }
        produced += chunk.length;
        if (produced > cap) {
          tooBig = true;
          file.terminate();
          return;
        }
        chunks.push(chunk);
      };
      file.start();
    });
    unzip.register(UnzipInflate);
    // In small pieces: the inflater unpacks all it is given in one go, and deflate packs up to about
    // 1,000:1, so a piece of PIECE bytes makes at most a few MB before the cap is checked again.
    for (let at = 0; at < bytes.length && !tooBig && !damaged; at += PIECE) {
      unzip.push(bytes.subarray(at, at + PIECE), at + PIECE >= bytes.length);
    }
  } catch {
    if (!tooBig) return fail('damaged', 'not a zip file, or a damaged one');
  }
  if (tooBig)
    return fail(
      'too-large',
      `its topology.json unpacks to more than ${cap.toLocaleString('en')} bytes: refused (a topology is at most ${MAX_DOCUMENT_CHARS.toLocaleString('en')} characters)`,
    );
  if (damaged) return fail('damaged', 'not a zip file, or a damaged one');
  if (!found) return fail('not-a-topology', 'the zip has no topology.json: open a bundle made by the designer, or its topology.json');
  const entry = new Uint8Array(produced);
  let at = 0;
  for (const chunk of chunks) {
    entry.set(chunk, at);
    at += chunk.length;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(entry);
  } catch {
    return fail('damaged', 'its topology.json is not valid text');
  }
  const result = readTopology(text);
  return result.ok
    ? result
    : { ok: false, errors: result.errors.map((e) => ({ ...e, path: e.path ? `topology.json: ${e.path}` : 'topology.json' })) };
}
