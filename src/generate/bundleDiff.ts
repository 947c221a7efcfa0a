/**
 * The line diff of two bundles, file by file, as `diff -u` and git show it: what the CLI's `diff`
 * prints, and what the page shows for a version switch, a file compared, and the changes since the
 * page opened. Lines are compared by jsdiff (`diff`); the order is the paths', sorted, so the same two
 * bundles always give the same text.
 */
import { structuredPatch } from 'diff';

/** A file on either side: a bundle's, or one read from a folder. */
export interface DiffSource {
  path: string;
  content: string;
}

export interface DiffHunk {
  /** `@@ -3,7 +3,8 @@`. */
  header: string;
  /** Each line with its mark: ` ` the same, `-` removed, `+` added, `\` (no newline at end of file). */
  lines: string[];
}

export interface FileDiff {
  path: string;
  /** `added`: only in the second bundle; `removed`: only in the first. */
  change: 'added' | 'removed' | 'changed';
  hunks: DiffHunk[];
  /** Lines added and removed. */
  added: number;
  removed: number;
}

/** Lines of context around each change, as `diff -u`. */
export const DIFF_CONTEXT = 3;

/**
 * Past this many added and removed lines the lines are not aligned (Myers' diff costs the file's length
 * times the edits: a 1,000-node runbook on another version would take seconds): the file's differing
 * middle is shown removed, then added, after its common first and last lines. Still a correct diff,
 * and the same every time (a count, not a clock).
 */
export const MAX_ALIGNED_EDITS = 2000;

/**
 * The files written where a deployment runs, by their name: what a folder of live files can be
 * compared on. The rest of a bundle (README.md, topology.json, hosts, helm/releases.json) is the
 * designer's own, and a live folder does not have it.
 */
export function isDeployedFile(path: string): boolean {
  return /(?:^|\/)(?:deployment\.toml|nginx\.conf|values\.yaml)$/.test(path);
}

/** The files that differ between `before` and `after`, sorted by path; an empty list when they are the same. */
export function filesDiff(
  before: readonly DiffSource[],
  after: readonly DiffSource[],
  { context = DIFF_CONTEXT, maxAlignedEdits = MAX_ALIGNED_EDITS }: { context?: number; maxAlignedEdits?: number } = {},
): FileDiff[] {
  const old = new Map(before.map((f) => [f.path, f.content]));
  const next = new Map(after.map((f) => [f.path, f.content]));
  const paths = [...new Set([...old.keys(), ...next.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: FileDiff[] = [];
  for (const path of paths) {
    const from = old.get(path);
    const to = next.get(path);
    if (from === to) continue;
    const patch =
      structuredPatch(path, path, from ?? '', to ?? '', undefined, undefined, { context, maxEditLength: maxAlignedEdits }) ??
      replacement(from ?? '', to ?? '', context);
    let added = 0;
    let removed = 0;
    const hunks = patch.hunks.map((h) => {
      for (const line of h.lines) {
        if (line.startsWith('+')) added++;
        else if (line.startsWith('-')) removed++;
      }
      return { header: `@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`, lines: h.lines };
    });
    out.push({ path, change: from === undefined ? 'added' : to === undefined ? 'removed' : 'changed', hunks, added, removed });
  }
  return out;
}

interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: string[];
}

/** One hunk: the lines both texts start and end with as context, everything between removed, then added. */
function replacement(from: string, to: string, context: number): { hunks: Hunk[] } {
  const split = (text: string) => {
    const lines = text.split('\n');
    const whole = lines.at(-1) === '';
    if (whole) lines.pop();
    return { lines, whole };
  };
  const a = split(from);
  const b = split(to);
  // A line is the same on both sides only if both end it with a newline, or neither does.
  const ended = (side: { lines: string[]; whole: boolean }, i: number) => side.whole || i < side.lines.length - 1;
  const same = (i: number, j: number) => a.lines[i] === b.lines[j] && ended(a, i) === ended(b, j);
  let head = 0;
  while (head < a.lines.length && head < b.lines.length && same(head, head)) head++;
  let tail = 0;
  while (tail < a.lines.length - head && tail < b.lines.length - head && same(a.lines.length - 1 - tail, b.lines.length - 1 - tail)) tail++;
  const before = Math.min(context, head);
  const after = Math.min(context, tail);
  const noNewline = (side: { lines: string[]; whole: boolean }, at: number) =>
    !side.whole && at === side.lines.length - 1 ? ['\\ No newline at end of file'] : [];
  const removedLines = a.lines.slice(head, a.lines.length - tail).flatMap((line, i) => [`-${line}`, ...noNewline(a, head + i)]);
  const addedLines = b.lines.slice(head, b.lines.length - tail).flatMap((line, i) => [`+${line}`, ...noNewline(b, head + i)]);
  const lines = [
    ...a.lines.slice(head - before, head).map((line) => ` ${line}`),
    ...removedLines,
    ...addedLines,
    ...a.lines
      .slice(a.lines.length - tail, a.lines.length - tail + after)
      .flatMap((line, i) => [` ${line}`, ...noNewline(a, a.lines.length - tail + i)]),
  ];
  const oldLines = a.lines.length - head - tail + before + after;
  const newLines = b.lines.length - head - tail + before + after;
  return { hunks: [{ oldStart: head - before + 1, oldLines, newStart: head - before + 1, newLines, lines }] };
}

/** `start,count` as diff writes it: the count left out when it is 1; an empty range names the line before it. */
function range(start: number, count: number): string {
  const at = count === 0 ? start - 1 : start;
  return count === 1 ? `${at}` : `${at},${count}`;
}

/** The unified diff text of `diffs`, with git's headers: `--- a/<path>`, `+++ b/<path>`, /dev/null for a side without the file. */
export function unifiedDiff(diffs: readonly FileDiff[]): string {
  const out: string[] = [];
  for (const file of diffs) {
    out.push(`diff --git a/${file.path} b/${file.path}`);
    if (file.change === 'added') out.push('new file mode 100644');
    if (file.change === 'removed') out.push('deleted file mode 100644');
    out.push(file.change === 'added' ? '--- /dev/null' : `--- a/${file.path}`);
    out.push(file.change === 'removed' ? '+++ /dev/null' : `+++ b/${file.path}`);
    for (const hunk of file.hunks) out.push(hunk.header, ...hunk.lines);
  }
  return out.length === 0 ? '' : `${out.join('\n')}\n`;
}
