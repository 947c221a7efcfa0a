/**
 * The key check of a generated document (APIM035): every key WSO2 would ignore, read from the
 * document's tables rather than from a parse of its text. A table shared by several files
 * (toml/writer.ts) is checked once per generation, and so is each shape of table (path and key names:
 * the `[server]` of every node).
 */
import type { ApimKind, ProductVersion } from '../../model/index.ts';
import type { UnreadKey } from '../../validate/index.ts';
import { unreadKeys } from '../../validate/index.ts';
import type { TomlDocument, TomlTable } from './document.ts';

/** What one generation has checked already. */
export interface KeyCheckMemo {
  /** By version and kind (a table is read by the distribution that runs it), then by table. */
  tables: Map<string, Map<TomlTable, UnreadKey[]>>;
  shapes: Map<string, UnreadKey[]>;
}

export function keyCheckMemo(): KeyCheckMemo {
  return { tables: new Map(), shapes: new Map() };
}

export function documentUnreadKeys(document: TomlDocument, version: ProductVersion, kind: ApimKind, memo: KeyCheckMemo): UnreadKey[] {
  const arrays = new Set<string>(); // `[[x]]` paths so far: a later `[x.y]` belongs to x's last element
  const unread: UnreadKey[] = [];
  const reader = `${version}\u0000${kind}`;
  let tables = memo.tables.get(reader);
  if (!tables) memo.tables.set(reader, (tables = new Map()));
  for (const t of document.tables) {
    if (t.array) arrays.add(t.path.join('.'));
    let found = tables.get(t);
    if (!found) {
      const segments = t.path.map((segment, i) => (arrays.has(t.path.slice(0, i + 1).join('.')) ? `${segment}[]` : segment));
      const shape = `${reader}\u0000${segments.join('.')}\u0000${t.entries.map((e) => e.key).join('\u0001')}`;
      found = memo.shapes.get(shape);
      if (!found) {
        found = unreadKeys(
          t.entries.map((e) => [...segments, e.key]),
          version,
          kind,
        );
        memo.shapes.set(shape, found);
      }
      tables.set(t, found);
    }
    unread.push(...found);
  }
  return unread;
}
