/**
 * One file's line diff, unified, as `diff -u` prints it: each hunk's `@@` header, then its lines, the
 * removed ones in <del>, the added ones in <ins> (the deletion and insertion roles), each still
 * starting with its `-` or `+`, so the change reads without colour; each line is a block of its own. A very long diff shows its first
 * lines and a button for the rest.
 */
import { useState } from 'react';
import type { FileDiff } from '../generate/index.ts';

/** Lines shown before "Show all": enough for a version switch's file, little enough to stay quick. */
export const SHOWN_LINES = 400;

/** `+3 −1`, or what happened to the whole file. */
export function lineCounts(file: FileDiff): string {
  const counts = `+${file.added} −${file.removed}`;
  return file.change === 'added' ? `new file, ${counts}` : file.change === 'removed' ? `no longer written, ${counts}` : counts;
}

export function LineDiff({ file, open = false }: { file: FileDiff; open?: boolean }) {
  const [all, setAll] = useState(false);
  // The lines are drawn once the diff is opened: a version switch of a large topology lists thousands of files.
  const [shownOnce, setShownOnce] = useState(open);
  const rows = shownOnce ? file.hunks.flatMap((hunk) => [hunk.header, ...hunk.lines]) : [];
  const shown = all ? rows : rows.slice(0, SHOWN_LINES);
  return (
    <details className="line-diff" open={open} onToggle={(event) => event.currentTarget.open && setShownOnce(true)}>
      <summary>
        Line diff <span className="soft">({lineCounts(file)})</span>
      </summary>
      {shownOnce && (
        <figure aria-label={`Line diff of ${file.path}`}>
          <pre>
            {shown.map((line, i) =>
              line.startsWith('+') ? (
                <ins key={i}>{line}</ins>
              ) : line.startsWith('-') ? (
                <del key={i}>{line}</del>
              ) : (
                <span key={i} className={line.startsWith('@@') ? 'hunk' : undefined}>
                  {line}
                </span>
              ),
            )}
          </pre>
        </figure>
      )}
      {shown.length < rows.length && (
        <button type="button" onClick={() => setAll(true)}>
          Show all {rows.length.toLocaleString('en')} lines
        </button>
      )}
    </details>
  );
}
