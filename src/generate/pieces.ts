/**
 * The bundle's large files (the runbook, network.md and network.csv, topology.json, the picture: megabytes at 1,000
 * nodes) are made as pieces of at most about `PIECE_CHARS` characters, and their text is the pieces put together with
 * `+`, which V8 keeps as a rope of those pieces rather than copying them into one string.
 *
 * Why: V8 gives every string (and array) over 128 KiB (its `kMaxRegularHeapObjectSize`) pages of its own, freshly
 * mapped and released again when the string dies, so each such string pays for the first touch of its memory; a
 * small string lives in pages the engine keeps. On the benchmark machine that first touch costs about 4 ns a byte, ten
 * times the cost of writing the characters: one 10 MB string took 43 ms to join from its lines, 10 MB of strings
 * under the limit 5 ms (tests/bench/generate.bench.ts prints the bundle's own case). A writer that can take the text a
 * piece at a time (the worker's messages, the zip, the CLI's files) uses `pieces` and never makes the whole string;
 * whoever reads `content` as one string (the file shown, a diff) pays for it then, once.
 */

/** At most this many characters in a piece (a line longer than this is a piece of its own): under 128 KiB even when every character takes two bytes. */
export const PIECE_CHARS = 32_768;

/** A large file's text: `content` is `pieces` put together. */
export interface PiecedText {
  content: string;
  pieces: readonly string[];
}

/** Pieces put together as a rope (see above): the same text as `pieces.join('')`, without copying it. */
export function pieced(pieces: readonly string[]): PiecedText {
  let content = '';
  for (const piece of pieces) content += piece;
  return { content, pieces };
}

/** `lines.join('\n') + '\n'` in pieces: consecutive lines joined up to about PIECE_CHARS characters a piece, each piece ending in a line break. */
export function linePieces(lines: readonly string[]): string[] {
  const pieces: string[] = [];
  let start = 0;
  let chars = 0;
  for (let i = 0; i < lines.length; i++) {
    const length = (lines[i] as string).length + 1;
    if (chars > 0 && chars + length > PIECE_CHARS) {
      pieces.push(`${lines.slice(start, i).join('\n')}\n`);
      [start, chars] = [i, 0];
    }
    chars += length;
  }
  if (start < lines.length) pieces.push(`${lines.slice(start).join('\n')}\n`);
  return pieces;
}

/**
 * Lines written into pieces as they come: a file of 100,000 lines never holds them in one array (an array of over
 * 16,384 items is an object over 128 KiB too, allocated again each time it grows). `text()` is `lines.join(lineBreak) +
 * lineBreak` of every line pushed, for at least one line. Blank lines at the end stay unwritten until a line follows
 * them, so `trimEnd` can still take them back.
 *
 * A piece is joined from its lines, never appended to line by line: `+=` would keep it as a rope (pieced, above) of
 * every line and every part of each line, a tree of about 13 small strings for a line of network.csv, which lives as
 * long as the bundle. At 5,000 nodes that was 1.1 million strings (34 MB beside 53 MB of text), each copied by every
 * young-generation collection the generation ran into; a join copies the characters once into one flat string, and
 * the parts die young.
 */
export class LineWriter {
  private readonly pieces: string[] = [];
  private lines: string[] = [];
  private chars = 0;

  constructor(private readonly lineBreak = '\n') {}

  push(...lines: string[]): void {
    for (const line of lines) {
      if (this.chars + line.length >= PIECE_CHARS) this.flush();
      this.lines.push(line);
      this.chars += line.length + this.lineBreak.length;
    }
  }

  /** Takes back the blank lines at the end. */
  trimEnd(): void {
    while (this.lines.at(-1) === '') this.lines.pop();
  }

  text(): PiecedText {
    return pieced(this.lines.length > 0 ? [...this.pieces, this.joined(this.lines)] : this.pieces);
  }

  private joined(lines: readonly string[]): string {
    return `${lines.join(this.lineBreak)}${this.lineBreak}`;
  }

  /** Writes the lines held into a piece, but for the blank lines at the end. */
  private flush(): void {
    let end = this.lines.length;
    while (end > 0 && this.lines[end - 1] === '') end--;
    if (end === 0) return;
    this.pieces.push(this.joined(this.lines.slice(0, end)));
    this.lines = this.lines.slice(end);
    this.chars = this.lines.length * this.lineBreak.length; // the blank lines held back
  }
}

/** The text of lines (each followed by a line break) as a large file keeps it. */
export function piecedLines(lines: readonly string[]): PiecedText {
  return pieced(linePieces(lines));
}
