/**
 * The generated files, one tab per file named by its path in the bundle. Selecting a node brings its
 * file to the front; lines changed by the last edit are marked; each file has a copy button.
 */
import { memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { BundleFile } from '../../generate/index.ts';
import { useBundle, useDesigner } from '../store.tsx';
import { changedLines } from './lines.ts';
import type { Highlighter } from './highlight.ts';
import { escapeHtml, languageOf, loadHighlighter } from './highlight.ts';

export function FilesPanel() {
  const { files, pending, updating } = useBundle();
  const selectedNodes = useDesigner((s) => s.selection.nodes);
  const notify = useDesigner((s) => s.notify);
  const [active, setActive] = useState<string | undefined>(undefined);
  const baseId = useId();
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());
  const marks = useChangeMarks(files);

  // Selecting one node brings its file to the front.
  const focusNode = selectedNodes.length === 1 ? selectedNodes[0] : undefined;
  useEffect(() => {
    if (!focusNode) return;
    const file = files.find((f) => f.nodeId === focusNode);
    if (file) setActive(file.path);
    // Only a change of selection moves the tab; an edit of the selected node must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focusNode]);

  const current = files.find((f) => f.path === active) ?? files[0];
  const tabId = (path: string) => `${baseId}-tab-${path}`;
  const panelId = `${baseId}-panel`;

  const onKeyDown = (event: KeyboardEvent) => {
    const index = files.findIndex((f) => f.path === current?.path);
    const next =
      event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : event.key === 'Home' ? 0 : event.key === 'End' ? files.length - 1 : undefined;
    if (next === undefined) return;
    event.preventDefault();
    const file = files[(next + files.length) % files.length];
    setActive(file.path);
    tabRefs.current.get(file.path)?.focus();
  };

  const copy = async (file: BundleFile) => {
    try {
      await navigator.clipboard.writeText(file.content);
      notify(`Copied ${file.path}`);
    } catch {
      notify(`Could not copy ${file.path}: select the text and copy it by hand`, 'error');
    }
  };

  return (
    <section className="files" aria-labelledby={`${baseId}-title`} aria-busy={pending || updating ? true : undefined}>
      <h2 id={`${baseId}-title`} className="visually-hidden">
        Generated files
      </h2>
      <div role="tablist" aria-label="Generated files" className="tabs" onKeyDown={onKeyDown}>
        {files.map((file) => {
          const selected = file.path === current?.path;
          return (
            <button
              key={file.path}
              ref={(el) => {
                if (el) tabRefs.current.set(file.path, el);
                else tabRefs.current.delete(file.path);
              }}
              type="button"
              role="tab"
              id={tabId(file.path)}
              aria-selected={selected}
              aria-controls={panelId}
              tabIndex={selected ? 0 : -1}
              className={marks.has(file.path) ? 'tab changed' : 'tab'}
              onClick={() => setActive(file.path)}
            >
              {file.path}
            </button>
          );
        })}
      </div>
      {pending && <p className="hint pad">Generating files…</p>}
      {current && (
        <div role="tabpanel" id={panelId} aria-labelledby={tabId(current.path)} className="file-panel">
          <div className="file-bar">
            <span className="file-path">{current.path}</span>
            <button type="button" onClick={() => void copy(current)}>
              Copy <span className="visually-hidden">{current.path}</span>
            </button>
          </div>
          <Code file={current} marked={marks.get(current.path)} />
        </div>
      )}
    </section>
  );
}

/**
 * Lines each file changed in the last edit. A new edit replaces the marks; a render without an edit
 * keeps them. New files are not marked line by line (their tab is), nor is the first generation.
 */
function useChangeMarks(files: readonly BundleFile[]): Map<string, Set<number>> {
  const previous = useRef<Map<string, string> | null>(null);
  const marks = useRef(new Map<string, Set<number>>());
  return useMemo(() => {
    const before = previous.current;
    if (before && before.size > 0) {
      const next = new Map<string, Set<number>>();
      let edited = false;
      for (const file of files) {
        const old = before.get(file.path);
        if (old === file.content) continue;
        edited = true;
        next.set(file.path, old === undefined ? new Set() : changedLines(old, file.content));
      }
      if (edited) marks.current = next;
    }
    if (files.length > 0) previous.current = new Map(files.map((f) => [f.path, f.content]));
    return marks.current;
  }, [files]);
}

const Code = memo(function Code({ file, marked }: { file: BundleFile; marked?: Set<number> }) {
  const [highlight, setHighlight] = useState<Highlighter | undefined>(undefined);
  useEffect(() => {
    let live = true;
    loadHighlighter().then(
      (h) => live && setHighlight(() => h),
      () => undefined, // without the highlighter the text is shown plain
    );
    return () => {
      live = false;
    };
  }, []);
  const language = languageOf(file.path);
  const lines = file.content.endsWith('\n') ? file.content.slice(0, -1).split('\n') : file.content.split('\n');
  return (
    <pre className={`code language-${language}`} tabIndex={0} aria-label={`Contents of ${file.path}`}>
      <code>
        {lines.map((line, i) => (
          <span
            key={i}
            className={marked?.has(i) ? 'line changed' : 'line'}
            dangerouslySetInnerHTML={{ __html: (highlight ? highlight(line, language) : escapeHtml(line)) + '\n' }}
          />
        ))}
      </code>
    </pre>
  );
});
