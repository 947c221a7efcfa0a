/**
 * Migrations between topology formats: each is a small named function from one format to the next, and
 * `migrate` applies them in order until the document is in the current format. A document of a newer
 * format than this designer reads is refused by the caller, never guessed at.
 *
 * Format 0 is the designer's pre-release format: `apimVersion` instead of `product`, node `type` instead
 * of `kind` (with `gw`, `cp`, `tm`, `lb`, `db`), links as `{ source, target }`, and a flat `position`.
 */
import { own } from '../model/lookup.ts';

export const CURRENT_FORMAT_NUMBER = 1;

type Json = Record<string, unknown>;

/** `apim-topology/N` → N, or undefined for anything else. */
export function formatNumber(format: unknown): number | undefined {
  if (typeof format !== 'string') return undefined;
  const match = /^apim-topology\/(\d{1,4})$/.exec(format);
  return match ? Number(match[1]) : undefined;
}

const V0_KINDS: Record<string, string> = { gw: 'gateway', cp: 'control-plane', tm: 'traffic-manager', lb: 'load-balancer', db: 'database' };

/** 0 → 1: `apimVersion` → `product`, node `type` → `kind`, `position` → `x`/`y`, links `source/target` → `from/to`. */
export function migrate0to1(document: Json): Json {
  const { apimVersion, nodes, links, ...rest } = document;
  return {
    ...rest,
    format: 'apim-topology/1',
    ...(apimVersion !== undefined ? { product: apimVersion } : {}),
    nodes: Array.isArray(nodes)
      ? nodes.map((node) => {
          if (node === null || typeof node !== 'object' || Array.isArray(node)) return node;
          const { type, position, ...fields } = node as Json;
          const at = position !== null && typeof position === 'object' ? (position as { x?: unknown; y?: unknown }) : undefined;
          return {
            ...fields,
            ...(type !== undefined ? { kind: typeof type === 'string' ? (own(V0_KINDS, type) ?? type) : type } : {}),
            ...(at ? { x: at.x, y: at.y } : {}),
          };
        })
      : nodes,
    links: Array.isArray(links)
      ? links.map((link) => {
          if (link === null || typeof link !== 'object' || Array.isArray(link)) return link;
          const { source, target, ...fields } = link as Json;
          return { ...fields, from: source, to: target };
        })
      : links,
  };
}

/** The migration out of each format number. */
const MIGRATIONS: Record<number, (document: Json) => Json> = {
  0: migrate0to1,
};

/** Brings a document of format `from` to the current format. */
export function migrate(document: Json, from: number): Json {
  let current = document;
  for (let n = from; n < CURRENT_FORMAT_NUMBER; n++) {
    const step = MIGRATIONS[n];
    if (!step) throw new Error(`no migration out of format ${n}`);
    current = step(current);
  }
  return current;
}
