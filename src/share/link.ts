/**
 * Share links. The topology travels in the URL fragment, which browsers never send to a server:
 * `<base>#v1.<payload>`, where the payload is the topology with its defaults left out, as JSON, raw
 * deflate (fflate), then base64url. Secrets are replaced by a placeholder unless the sender opts in
 * (links cannot be revoked). Decoding is the restore path of any untrusted input: a size cap before and
 * during decompression, parse, then `restoreTopology` (format, migrations, defaults, schema).
 */
import { deflateSync, Inflate, strToU8 } from 'fflate';
import type { Topology, TopologyNode } from '../model/index.ts';
import { APIM_NODE_DEFAULTS, DATABASE_DEFAULTS, DEFAULT_TOPOLOGY_NAME, defaultHost, defaultSettings } from '../model/index.ts';
import { hasPlaceholders, withoutSecrets } from './secrets.ts';
import type { ReadErrorKind, ReadResult } from './read.ts';
import { MAX_DOCUMENT_CHARS, readError, restoreTopology } from './read.ts';

export const LINK_PREFIX = 'v1.';
/** The longest fragment decoded: far above any real topology's link, far below a decompression bomb. */
export const MAX_LINK_CHARS = 400_000;

export interface LinkOptions {
  /** Put passwords and tokens in the link (they can never be revoked). Default: placeholders. */
  includeSecrets?: boolean;
}

export type LinkResult = (ReadResult & { ok: true; secretsOmitted: boolean }) | (ReadResult & { ok: false });

/** The link of a topology: `base` (a page URL, any fragment dropped) + `#v1.<payload>`. */
export function encodeLink(topology: Topology, base: string, options: LinkOptions = {}): string {
  return `${base.split('#')[0]}#${LINK_PREFIX}${encodePayload(topology, options)}`;
}

export function encodePayload(topology: Topology, options: LinkOptions = {}): string {
  const json = JSON.stringify(compact(options.includeSecrets ? topology : withoutSecrets(topology)));
  return base64url(deflateSync(strToU8(json), { level: 9 }));
}

/** Whether text looks like a share link: a URL or a fragment carrying a `#v1.` payload. */
export function isLink(text: string): boolean {
  return /#v\d+\./.test(text.trim()) && !/^\s*[{[]/.test(text);
}

/** Reads a link, a fragment (`#v1.…`) or a bare payload (`v1.…`). */
export function decodeLink(link: string): LinkResult {
  const trimmed = link.trim();
  const fragment = trimmed.includes('#') ? trimmed.slice(trimmed.indexOf('#') + 1) : trimmed;
  if (fragment.length > MAX_LINK_CHARS) {
    return fail(
      'too-large',
      `the link is ${fragment.length.toLocaleString('en')} characters long; a share link is at most ${MAX_LINK_CHARS.toLocaleString('en')}`,
    );
  }
  const version = /^v(\d+)\./.exec(fragment);
  if (!version) return fail('not-a-topology', 'this is not a topology link: it should end in #v1. followed by the topology');
  if (version[0] !== LINK_PREFIX) {
    return fail(
      'newer-format',
      `the link is of version ${version[1]}, made by a newer designer; this one reads version 1 links: open it there`,
    );
  }
  const bytes = fromBase64url(fragment.slice(LINK_PREFIX.length));
  if (!bytes) return fail('damaged', 'the link is damaged: it has characters a link never contains (was it cut or changed when pasted?)');
  const inflated = inflateCapped(bytes, MAX_DOCUMENT_CHARS);
  if (!inflated.ok) return fail(inflated.kind, inflated.message);
  let value: unknown;
  try {
    value = JSON.parse(inflated.text);
  } catch {
    return fail('not-json', 'the link is damaged: its topology is not complete JSON (was it cut when pasted?)');
  }
  const restored = restoreTopology(expand(value));
  if (!restored.ok) return restored;
  return { ...restored, secretsOmitted: hasPlaceholders(restored.topology) };
}

function fail(kind: ReadErrorKind, message: string): LinkResult {
  return { ok: false, errors: [readError(kind, message)] };
}

// ---- Defaults left out, and put back ----

type Json = Record<string, unknown>;

/** The topology with every value equal to its default left out (the restore path fills them in again). */
export function compact(topology: Topology): Json {
  const out: Json = { format: topology.format, product: topology.product };
  if (topology.name !== DEFAULT_TOPOLOGY_NAME) out.name = topology.name;
  const settings = without(topology.settings as unknown as Json, defaultSettings() as unknown as Json);
  if (settings !== undefined) out.settings = settings;
  out.nodes = topology.nodes.map(compactNode);
  // A link as the positions of its two nodes in `nodes` (ids repeat; positions are short).
  const index = new Map<string, number>();
  topology.nodes.forEach((node, i) => index.set(node.id, i));
  if (topology.links.length) out.links = topology.links.map((l) => [index.get(l.from) ?? l.from, index.get(l.to) ?? l.to]);
  return out;
}

function compactNode(node: TopologyNode): Json {
  const out: Json = { kind: node.kind, id: node.id };
  if (node.label !== node.id) out.label = node.label;
  out.x = Math.round(node.x);
  out.y = Math.round(node.y);
  if (node.host !== defaultHost(node.id)) out.host = node.host;
  const rest = node as unknown as Json;
  const defaults: Json = { ...APIM_NODE_DEFAULTS, ...DATABASE_DEFAULTS };
  for (const [key, value] of Object.entries(rest)) {
    if (['kind', 'id', 'label', 'x', 'y', 'host'].includes(key) || value === undefined) continue;
    if (JSON.stringify(value) === JSON.stringify(defaults[key])) continue;
    out[key] = value;
  }
  return out;
}

/** `value` without what equals `fallback`, deeply; undefined when nothing is left. */
function without(value: Json, fallback: Json): Json | undefined {
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const d = fallback[key];
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && d !== null && typeof d === 'object' && !Array.isArray(d)) {
      const inner = without(v as Json, d as Json);
      if (inner !== undefined) out[key] = inner;
    } else if (JSON.stringify(v) !== JSON.stringify(d)) {
      out[key] = v;
    }
  }
  return Object.keys(out).length ? out : undefined;
}

/** Puts back what `compact` left out that the schema does not fill: hosts and link objects. */
function expand(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const document = { ...(value as Json) };
  if (Array.isArray(document.nodes)) {
    document.nodes = document.nodes.map((node) => {
      if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
      const n = node as Json;
      return n.host === undefined && typeof n.id === 'string' ? { ...n, host: defaultHost(n.id) } : n;
    });
  }
  if (Array.isArray(document.links)) {
    const nodes = Array.isArray(document.nodes) ? document.nodes : [];
    const idAt = (end: unknown) => {
      if (typeof end !== 'number') return end;
      const node = nodes[end] as { id?: unknown } | undefined;
      return node !== null && typeof node === 'object' && node.id !== undefined ? node.id : end;
    };
    document.links = document.links.map((link) =>
      Array.isArray(link) && link.length === 2 ? { from: idAt(link[0]), to: idAt(link[1]) } : link,
    );
  }
  return document;
}

// ---- Bytes ----

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return undefined;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Raw inflate that stops as soon as the output passes `max` bytes: a decompression bomb is refused early. */
function inflateCapped(
  bytes: Uint8Array,
  max: number,
): { ok: true; text: string } | { ok: false; kind: 'too-large' | 'damaged'; message: string } {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let tooBig = false;
  const inflate = new Inflate((chunk) => {
    size += chunk.length;
    if (size > max) tooBig = true;
    else chunks.push(chunk);
  });
  try {
    for (let i = 0; i < bytes.length && !tooBig; i += 4096) inflate.push(bytes.subarray(i, i + 4096), i + 4096 >= bytes.length);
  } catch {
    return {
      ok: false,
      kind: 'damaged',
      message: 'the link is damaged: its data does not decompress (was it cut or changed when pasted?)',
    };
  }
  if (tooBig)
    return {
      ok: false,
      kind: 'too-large',
      message: `the link's topology is larger than ${max.toLocaleString('en')} characters when unpacked: refused`,
    };
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(all) };
  } catch {
    return { ok: false, kind: 'damaged', message: 'the link is damaged: its topology is not valid text' };
  }
}
