/** Text mutations for the fuzz tests of links and files. */
export type Mutation = 'flip' | 'truncate' | 'insert' | 'delete' | 'duplicate' | 'repeat';

export const MUTATIONS: Mutation[] = ['flip', 'truncate', 'insert', 'delete', 'duplicate', 'repeat'];

/** `source` changed by `kind` at `at` (wrapped to its length), with `text` and `count` as the kind needs. */
export function mutate(source: string, kind: Mutation, at: number, text: string, count: number): string {
  const i = source.length === 0 ? 0 : at % source.length;
  switch (kind) {
    case 'flip':
      return source.slice(0, i) + text + source.slice(i + 1);
    case 'truncate':
      return source.slice(0, i);
    case 'insert':
      return source.slice(0, i) + text.repeat(count) + source.slice(i);
    case 'delete':
      return source.slice(0, i) + source.slice(i + count);
    case 'duplicate':
      return source.slice(0, i) + source.slice(i, i + 200).repeat(count) + source.slice(i);
    case 'repeat':
      return source.repeat(count * 40);
  }
}
