/**
 * Pictures that carry their topology: an SVG the designer exported holds the topology document in its
 * `<metadata id="apim-topology">` element (generate/svg.ts), a PNG in a `tEXt` chunk with the keyword `apim-topology`.
 * Both hold the document as ASCII JSON (every character past `~` a `\u` escape, model/serialize.ts `asciiJson`), so
 * the PNG's Latin-1 text and the SVG's XML carry any label unchanged.
 *
 * Reading one is the restore path's first step (read.ts): a cap on the bytes, then the picture's structure (the PNG
 * signature, every chunk whole and its CRC right; the SVG's one metadata element of ours, its text decoded by string
 * scanning, nothing parsed as markup or run), then the text goes through `readTopology` like a file.
 */
import type { Topology } from '../model/index.ts';
import { PICTURE_KEYWORD, asciiJson, own, serializeTopology, withoutSecrets } from '../model/index.ts';
import type { ReadErrorKind, ReadResult } from './read.ts';
import { MAX_DOCUMENT_CHARS, MAX_IMAGE_BYTES, readError, readTopology } from './read.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;
const NO_TOPOLOGY = 'this picture carries no topology: export it from the designer (Export image…), or open its topology.json';

function fail(kind: ReadErrorKind, message: string): ReadResult {
  return { ok: false, errors: [readError(kind, message)] };
}

function tooLarge(bytes: number): ReadResult {
  return fail(
    'too-large',
    `the picture is ${bytes.toLocaleString('en')} bytes; at most ${MAX_IMAGE_BYTES.toLocaleString('en')} are read: open its topology.json instead`,
  );
}

// ---- PNG ----

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO 3309, as PNG uses it) of `bytes`. */
export function crc32(bytes: Uint8Array, from = 0, to = bytes.length): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  const table = crcTable;
  let crc = 0xffffffff;
  for (let i = from; i < to; i++) crc = (table[(crc ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((byte, i) => bytes[i] === byte);
}

export interface PngChunk {
  type: string;
  /** Where the chunk starts (its length field) and ends (after its CRC). */
  start: number;
  end: number;
  data: Uint8Array;
}

function u32(bytes: Uint8Array, at: number): number {
  return (((bytes[at] ?? 0) << 24) | ((bytes[at + 1] ?? 0) << 16) | ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0)) >>> 0;
}

/**
 * The chunks of a PNG, checked: the signature, each chunk whole with a right CRC, IHDR first and IEND last. A message
 * saying what is wrong otherwise.
 */
export function pngChunks(bytes: Uint8Array): { ok: true; chunks: PngChunk[] } | { ok: false; message: string } {
  if (!isPng(bytes)) return { ok: false, message: 'not a PNG file (its first bytes are not the PNG signature)' };
  const chunks: PngChunk[] = [];
  let at: number = PNG_SIGNATURE.length;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) return { ok: false, message: `the PNG is cut short at byte ${at.toLocaleString('en')}` };
    const length = u32(bytes, at);
    const end = at + 12 + length;
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) return { ok: false, message: `the PNG is damaged: no chunk at byte ${at.toLocaleString('en')}` };
    if (end > bytes.length) return { ok: false, message: `the PNG is cut short in its ${type} chunk` };
    if (crc32(bytes, at + 4, end - 4) !== u32(bytes, end - 4)) {
      return { ok: false, message: `the PNG is damaged: its ${type} chunk at byte ${at.toLocaleString('en')} fails its CRC check` };
    }
    chunks.push({ type, start: at, end, data: bytes.subarray(at + 8, end - 4) });
    at = end;
    if (type === 'IEND') break;
  }
  if (chunks[0]?.type !== 'IHDR') return { ok: false, message: 'the PNG is damaged: it does not start with its IHDR chunk' };
  if (chunks[chunks.length - 1]?.type !== 'IEND') return { ok: false, message: 'the PNG is cut short: it has no IEND chunk' };
  return { ok: true, chunks };
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/**
 * The PNG with a `tEXt` chunk `keyword` = `text` before its IEND (and without any earlier chunk of that keyword).
 * `text` must be Latin-1 without NUL, as tEXt is: pass ASCII JSON (`asciiJson`). Throws on a PNG that does not read.
 */
export function withPngText(png: Uint8Array, keyword: string, text: string): Uint8Array {
  const read = pngChunks(png);
  if (!read.ok) throw new Error(read.message);
  // eslint-disable-next-line no-control-regex -- NUL separates keyword and text, so neither may hold one
  if (/[^\u0001-\u00ff]/.test(keyword + text)) throw new Error('a PNG tEXt chunk holds Latin-1 text without NUL');
  const data = new Uint8Array(keyword.length + 1 + text.length);
  for (let i = 0; i < keyword.length; i++) data[i] = keyword.charCodeAt(i);
  for (let i = 0; i < text.length; i++) data[keyword.length + 1 + i] = text.charCodeAt(i);
  const kept = read.chunks.filter((c) => !(c.type === 'tEXt' && textKeyword(c.data) === keyword));
  const added = chunk('tEXt', data);
  const parts = [png.subarray(0, PNG_SIGNATURE.length), ...kept.slice(0, -1).map((c) => png.subarray(c.start, c.end)), added];
  const iend = kept[kept.length - 1];
  if (iend) parts.push(png.subarray(iend.start, iend.end));
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function textKeyword(data: Uint8Array): string {
  const nul = data.indexOf(0);
  return nul < 0 ? '' : String.fromCharCode(...data.subarray(0, Math.min(nul, 80)));
}

/** The text of the PNG's `tEXt` chunk named `keyword`, decoded as Latin-1; undefined when it has none. */
export function pngText(chunks: readonly PngChunk[], keyword: string): Uint8Array | undefined {
  for (const c of chunks) {
    if (c.type === 'tEXt' && textKeyword(c.data) === keyword) return c.data.subarray(keyword.length + 1);
  }
  return undefined;
}

/** Latin-1 bytes as a string, in slices (a spread of megabytes would overflow the call stack). */
function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let at = 0; at < bytes.length; at += 8192) out += String.fromCharCode(...bytes.subarray(at, at + 8192));
  return out;
}

/**
 * The PNG carrying the topology: its document, in ASCII, as the `tEXt` chunk `apim-topology`; without its private
 * secrets, as a share link and the SVG picture.
 */
export function pngWithTopology(png: Uint8Array, topology: Topology): Uint8Array {
  return withPngText(png, PICTURE_KEYWORD, asciiJson(serializeTopology(withoutSecrets(topology))));
}

/** Restores the topology a PNG carries. */
export function readPngTopology(bytes: Uint8Array): ReadResult {
  if (bytes.length > MAX_IMAGE_BYTES) return tooLarge(bytes.length);
  const read = pngChunks(bytes);
  if (!read.ok) return fail(isPng(bytes) ? 'damaged' : 'not-a-topology', read.message);
  const text = pngText(read.chunks, PICTURE_KEYWORD);
  if (!text) return fail('not-a-topology', NO_TOPOLOGY);
  if (text.length > MAX_DOCUMENT_CHARS) {
    return fail(
      'too-large',
      `the topology in the picture is ${text.length.toLocaleString('en')} characters long; a topology is at most ${MAX_DOCUMENT_CHARS.toLocaleString('en')}`,
    );
  }
  return within('the picture', readTopology(latin1(text)));
}

// ---- SVG ----

/** Whether text is markup (an SVG, some XML) rather than a JSON document: its first character after white space is `<`. */
export function isMarkup(text: string): boolean {
  return /^\ufeff?\s*</.test(text);
}

/** A metadata start tag, whole, naming the topology's element. */
const METADATA_TAG = new RegExp(`^<metadata\\b[^>]*?\\bid\\s*=\\s*(["'])${PICTURE_KEYWORD}\\1[^>]*>$`);

/**
 * The start tags of the metadata elements carrying a topology: where each starts and ends. One pass: each tag is read
 * from its `<metadata` to its `>`, or to a `<` that comes first (no tag then), and the search goes on from there. (A
 * pattern over the whole text read on from every `<metadata` to the end where no `>` followed: a 2 MB picture of
 * them took seconds, a 20 MB one hours.)
 */
function metadataTags(text: string): { index: number; end: number }[] {
  const tags: { index: number; end: number }[] = [];
  let at = text.indexOf('<metadata');
  while (at >= 0) {
    let end = at + 1;
    while (end < text.length && text[end] !== '>' && text[end] !== '<') end++;
    if (end >= text.length) break;
    if (text[end] === '>' && METADATA_TAG.test(text.slice(at, end + 1))) tags.push({ index: at, end: end + 1 });
    at = text.indexOf('<metadata', end);
  }
  return tags;
}

/** XML text to characters: the predefined entities, character references and CDATA sections; undefined if malformed. */
function xmlDecode(text: string): string | undefined {
  let out = '';
  let at = 0;
  while (at < text.length) {
    const cdata = text.indexOf('<![CDATA[', at);
    const plain = cdata < 0 ? text.slice(at) : text.slice(at, cdata);
    if (plain.includes('<')) return undefined; // an element or comment where only text belongs
    const decoded = decodeEntities(plain);
    if (decoded === undefined) return undefined;
    out += decoded;
    if (cdata < 0) break;
    const close = text.indexOf(']]>', cdata + 9);
    if (close < 0) return undefined;
    out += text.slice(cdata + 9, close);
    at = close + 3;
  }
  return out;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string | undefined {
  let bad = false;
  const out = text.replace(/&([^;&]{0,10});?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) {
      bad = true;
      return '';
    }
    const code = /^#x[0-9a-f]{1,6}$/i.test(name) ? parseInt(name.slice(2), 16) : /^#[0-9]{1,7}$/.test(name) ? Number(name.slice(1)) : -1;
    if (code >= 0) {
      if (code > 0x10ffff) bad = true;
      return bad ? '' : String.fromCodePoint(code);
    }
    const named = own(NAMED, name);
    if (named === undefined) bad = true;
    return named ?? '';
  });
  return bad ? undefined : out;
}

/** Restores the topology an SVG carries, from its text. */
export function readSvgTopology(text: string): ReadResult {
  if (text.length > MAX_IMAGE_BYTES) return tooLarge(text.length);
  if (!/<svg\b/.test(text)) return fail('not-a-topology', 'not an SVG picture (no <svg> element) and not a topology document');
  const starts = metadataTags(text);
  const [start] = starts;
  if (!start) return fail('not-a-topology', NO_TOPOLOGY);
  if (starts.length > 1)
    return fail('damaged', `the picture has ${starts.length} topologies (metadata elements "${PICTURE_KEYWORD}"): keep one`);
  const from = start.end;
  const to = text.indexOf('</metadata>', from);
  if (to < 0) return fail('damaged', `the picture's topology (its metadata element "${PICTURE_KEYWORD}") is cut short: it is never closed`);
  const carried = xmlDecode(text.slice(from, to));
  if (carried === undefined) {
    return fail(
      'damaged',
      `the picture's topology (its metadata element "${PICTURE_KEYWORD}") is not plain text: export the picture again`,
    );
  }
  return within('the picture', readTopology(carried));
}

/** Errors of the carried document say that they are about the topology in the picture. */
function within(what: string, result: ReadResult): ReadResult {
  if (result.ok) return result;
  return { ok: false, errors: result.errors.map((e) => ({ ...e, message: `${e.message} (in the topology ${what} carries)` })) };
}
