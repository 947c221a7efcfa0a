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
 * The files written where a deployment runs, by their name: what a folder of live files can be
 * compared on. The rest of a bundle (README.md, topology.json, hosts, helm/releases.json) is the
 * designer's own, and a live folder does not have it.
 */
export function isDeployedFile(path: string): boolean {
  return /(?:^|\/)(?:deployment\.toml|nginx\.conf|values\.yaml)$/.test(path);
}

/** The files that differ between `before` and `after`, sorted by path; an empty list when they are the same. */
export function filesDiff(before: readonly DiffSource[], after: readonly DiffSource[], context = DIFF_CONTEXT): FileDiff[] {
  const old = new Map(before.map((f) => [f.path, f.content]));
  const next = new Map(after.map((f) => [f.path, f.content]));
  const paths = [...new Set([...old.keys(), ...next.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out: FileDiff[] = [];
  for (const path of paths) {
    const from = old.get(path);
    const to = next.get(path);
    if (from === to) continue;
    const patch = structuredPatch(path, path, from ?? '', to ?? '', undefined, undefined, { context });
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
