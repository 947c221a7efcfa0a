/**
 * The generated files, one tab per file named by its path in the bundle. Selecting a node brings its
 * file to the front; lines changed by the last edit are marked; each file has a copy button.
 */
import { memo, useCallback, useDeferredValue, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { CSSProperties, KeyboardEvent } from 'react';
import type { BundleFile } from '../../generate/index.ts';
import { clusterAround, platformOf } from '../../model/index.ts';
import { useBundle, useDesigner } from '../store.tsx';
import { changedLines } from './lines.ts';
import { NetworkTable } from '../network/NetworkTable.tsx';
import type { Highlighter } from './highlight.ts';
import { escapeHtml, languageOf, loadHighlighter } from './highlight.ts';

/**
 * How many files a group lists at most: thousands of tabs would take seconds to draw and nobody scrolls
 * them; the filter finds any file.
 */
const GROUP_LIMIT = 300;

const count = (n: number) => n.toLocaleString('en');

/** The groups of the file list, in the bundle's order. */
const GROUPS = [
  { name: 'Nodes', match: (path: string) => path.startsWith('nodes/') },
  { name: 'Load balancers', match: (path: string) => path.startsWith('load-balancers/') },
  { name: 'Helm releases', match: (path: string) => path.startsWith('helm/') },
  { name: 'Network', match: (path: string) => path === 'network.md' || path === 'network.csv' },
  { name: 'Bundle', match: () => true },
] as const;

/**
 * A file's path as the list shows it: the whole path (it is the tab's name), with the node's id in
 * bold and the folders around it dimmed, so the eye finds `gw-1` and `nginx.conf`.
 */
function PathName({ path }: { path: string }) {
  const parts = path.split('/');
  if (parts.length < 3) return <>{path}</>;
  return (
    <>
      <span className="soft">{parts[0]}/</span>
      <strong>{parts[1]}</strong>
      <span className="soft">
        /
        {parts
          .slice(2, -1)
          .map((p) => `${p}/`)
          .join('')}
      </span>
      {parts[parts.length - 1]}
    </>
  );
}

/**
 * One file's tab, drawn again only when what it shows changes: a new bundle (every generation) keeps the tabs of the
 * same paths as they were, so the files catching up with an edit do not re-render and re-commit hundreds of buttons.
 */
const FileTab = memo(function FileTab({
  path,
  id,
  selected,
  panelId,
  focusable,
  changed,
  onSelect,
  register,
}: {
  path: string;
  id: string;
  selected: boolean;
  panelId: string;
  focusable: boolean;
  changed: boolean;
  onSelect: (path: string) => void;
  /** Keeps the tab's element by its path (for the arrow keys and scrolling the shown one into view); gives its cleanup. */
  register: (path: string, el: HTMLButtonElement) => () => void;
}) {
  return (
    <button
      ref={(el) => (el ? register(path, el) : undefined)}
      type="button"
      role="tab"
      id={id}
      data-path={path}
      // The name is the path, as the text shows it (some name computations would space the styled parts).
      aria-label={path}
      aria-selected={selected}
      aria-controls={selected ? panelId : undefined}
      tabIndex={focusable ? 0 : -1}
      className={changed ? 'tab changed' : 'tab'}
      onClick={() => onSelect(path)}
    >
      <PathName path={path} />
    </button>
  );
});

export function FilesPanel() {
  const { files, pending, updating, failed, retry } = useBundle();
  const selectedNodes = useDesigner((s) => s.selection.nodes);
  const notify = useDesigner((s) => s.notify);
  const [active, setActive] = useState<string | undefined>(undefined);
  const [filter, setFilter] = useState('');
  const baseId = useId();
  const tabRefs = useRef(new Map<string, HTMLButtonElement>());
  const marks = useChangeMarks(files);
  const registerTab = useCallback((path: string, el: HTMLButtonElement) => {
    const refs = tabRefs.current;
    refs.set(path, el);
    return () => {
      if (refs.get(path) === el) refs.delete(path);
    };
  }, []);

  // Selecting one node brings its file to the front, scrolled into view in the list; a node whose file
  // is still being generated (just added) gets it as soon as it is there. Only a change of selection
  // moves the tab; an edit of the selected node must not.
  // On Kubernetes a member of a cluster has no file of its own: its load balancer's release values come forward.
  const focusNode = selectedNodes.length === 1 ? selectedNodes[0] : undefined;
  const fronting = useDesigner((s) =>
    focusNode === undefined || platformOf(s.topology.settings) !== 'kubernetes' ? undefined : clusterAround(s.topology, focusNode)?.lb.id,
  );
  const [followedNode, setFollowedNode] = useState<string | undefined>(undefined);
  if (focusNode !== followedNode) {
    const file =
      focusNode === undefined
        ? undefined
        : (files.find((f) => f.nodeId === focusNode) ?? (fronting === undefined ? undefined : files.find((f) => f.nodeId === fronting)));
    // The Network view stays when a node is chosen: it highlights that node's rows instead.
    const networkShown = files.find((f) => f.path === active)?.kind === 'network-csv';
    if (focusNode === undefined || file) {
      setFollowedNode(focusNode);
      if (file && !networkShown) setActive(file.path);
    }
  }
  useEffect(() => {
    if (!active) return;
    const frame = requestAnimationFrame(() => tabRefs.current.get(active)?.scrollIntoView?.({ block: 'nearest' }));
    return () => cancelAnimationFrame(frame);
  }, [active]);

  // The list as grouped, filtered by path (case-insensitive); the file shown stays shown.
  const needle = filter.trim().toLowerCase();
  const current = files.find((f) => f.path === active) ?? files[0];
  const shownPath = current?.path;
  // The list follows new files in a render React may interrupt (a deferred value): hundreds of new tabs are then made
  // a few milliseconds at a time, not in the one task that receives a large topology's files. Their marks follow with
  // them, so that task leaves the list as it is (`tabList` below).
  const listFiles = useDeferredValue(files);
  const listMarks = useDeferredValue(marks);
  const groups = useMemo(() => {
    // Each file in the first group that takes it, in the bundle's order: one pass (thousands of files, every answer).
    const grouped: BundleFile[][] = GROUPS.map(() => []);
    for (const f of listFiles) {
      if (needle && !f.path.toLowerCase().includes(needle)) continue;
      grouped[GROUPS.findIndex((group) => group.match(f.path))]?.push(f);
    }
    return GROUPS.map((group, i) => {
      const inGroup = grouped[i] ?? [];
      // A long group lists its first files (and the one shown); the filter finds the rest.
      const listed = inGroup.slice(0, GROUP_LIMIT);
      const shown = inGroup.length > GROUP_LIMIT && !listed.some((f) => f.path === shownPath) && inGroup.find((f) => f.path === shownPath);
      if (shown) listed.push(shown);
      return { name: group.name, files: listed, hidden: inGroup.length - listed.length };
    }).filter((g) => g.files.length > 0);
  }, [listFiles, needle, shownPath]);
  const listed = useMemo(() => groups.flatMap((g) => g.files), [groups]);
  const matching = groups.reduce((n, g) => n + g.files.length + g.hidden, 0);

  const tabId = useCallback((path: string) => `${baseId}-tab-${path}`, [baseId]);
  const panelId = `${baseId}-panel`;
  // The one tab in the Tab order: the file shown, or the first listed when a filter hides it.
  const focusable = listed.some((f) => f.path === shownPath) ? shownPath : listed[0]?.path;
  const noMatch = listed.length === 0 && files.length > 0;

  // The list of tabs is made again when what it shows changes, not whenever files arrive: at 1,000 nodes the task that
  // receives them made its 300 tabs again for nothing (their files are the deferred ones).
  const tabList = useMemo(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (listed.length === 0) return;
      const index = listed.findIndex((f) => f.path === (document.activeElement as HTMLElement | null)?.dataset.path);
      const next =
        event.key === 'ArrowDown'
          ? index + 1
          : event.key === 'ArrowUp'
            ? index - 1
            : event.key === 'Home'
              ? 0
              : event.key === 'End'
                ? listed.length - 1
                : undefined;
      const file = next === undefined ? undefined : listed[(next + listed.length) % listed.length];
      if (!file) return;
      event.preventDefault();
      setActive(file.path);
      tabRefs.current.get(file.path)?.focus();
    };
    return (
      // Focus is on the tabs themselves (one in the Tab order, arrows move it), as in the ARIA tabs pattern.
      // eslint-disable-next-line jsx-a11y/interactive-supports-focus -- see above
      <div role="tablist" aria-label="Generated files" aria-orientation="vertical" className="tabs" onKeyDown={onKeyDown}>
        {groups.map((group) => (
          <div key={group.name} className="tab-group">
            {/* The group's name is for the eye; each tab's name is its path, which says the same. */}
            <div className="tab-group-name" aria-hidden="true">
              {group.name}
            </div>
            {group.files.map((file) => (
              <FileTab
                key={file.path}
                path={file.path}
                id={tabId(file.path)}
                selected={file.path === shownPath}
                panelId={panelId}
                focusable={file.path === focusable}
                changed={listMarks.has(file.path)}
                onSelect={setActive}
                register={registerTab}
              />
            ))}
            {group.hidden > 0 && (
              <p className="hint tab-more">
                {group.hidden.toLocaleString('en')} more {group.hidden === 1 ? 'file' : 'files'}: type in the filter to find{' '}
                {group.hidden === 1 ? 'it' : 'them'}.
              </p>
            )}
          </div>
        ))}
        {noMatch && <p className="hint pad">No file matches “{filter}”.</p>}
      </div>
    );
  }, [groups, listed, shownPath, focusable, listMarks, tabId, panelId, registerTab, noMatch, filter]);

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
      <div className="file-list">
        <h2 id={`${baseId}-title`} className="file-list-title">
          Generated files <span className="soft">({needle ? `${count(matching)} of ${count(files.length)}` : count(files.length)})</span>
        </h2>
        <label className="visually-hidden" htmlFor={`${baseId}-filter`}>
          Filter files
        </label>
        <input
          id={`${baseId}-filter`}
          type="search"
          className="file-filter"
          placeholder="Filter files (gw-1, nginx, README…)"
          value={filter}
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => setFilter(event.target.value)}
        />
        {tabList}
      </div>
      {pending && !failed && <p className="hint pad">Generating files…</p>}
      {failed && (
        <div className="banner warning pad" role="alert">
          <p>
            The files could not be generated: {failed}. Your topology is safe; check the connection and press Retry (the page also tries
            again by itself when the browser is back online).
          </p>
          <button type="button" onClick={retry}>
            Retry
          </button>
        </div>
      )}
      {current && (
        <div role="tabpanel" id={panelId} aria-labelledby={tabId(current.path)} className="file-panel">
          <div className="file-bar">
            <span className="file-path">{current.path}</span>
            <button type="button" onClick={() => void copy(current)}>
              Copy <span className="visually-hidden">{current.path}</span>
            </button>
          </div>
          {current.kind === 'network-csv' ? (
            // The Network view: the connections as a table, the rows of what is chosen on the canvas highlighted.
            <div className="network-pane">
              <NetworkTable csv={current.content} />
              <details className="network-text">
                <summary>The CSV text</summary>
                <Code file={current} chosen={current.path === active} marked={marks.lines(current)} />
              </details>
            </div>
          ) : (
            <Code file={current} chosen={current.path === active} marked={marks.lines(current)} />
          )}
        </div>
      )}
    </section>
  );
}

/** What the last edit changed: the files (their tabs are marked), and each one's text before it. */
interface ChangeMarks {
  has(path: string): boolean;
  /** The lines `file` changed in the last edit, worked out for the file shown only, when it is shown. */
  lines(file: BundleFile): Set<number> | undefined;
}

const NO_MARKS: ChangeMarks = { has: () => false, lines: () => undefined };

/**
 * Files the last edit changed. A new edit replaces the marks; a render without an edit keeps them.
 * New files are not marked line by line (their tab is), nor is the first generation. Only whether a
 * file changed is found for every file (a comparison of texts); its changed lines are found when it is
 * shown, so a bundle of thousands of files costs no line diff of each.
 */
function useChangeMarks(files: readonly BundleFile[]): ChangeMarks {
  // The files of the previous render and the marks they gave, kept as state (derived while rendering).
  const [seen, setSeen] = useState<{ files: readonly BundleFile[]; marks: ChangeMarks }>(() => ({ files, marks: NO_MARKS }));
  if (seen.files === files) return seen.marks;
  const marks = changeMarks(seen.files, files) ?? seen.marks;
  setSeen({ files, marks });
  return marks;
}

/** The files changed from `before` to `after`; undefined when nothing was edited (or on the first generation). */
function changeMarks(before: readonly BundleFile[], after: readonly BundleFile[]): ChangeMarks | undefined {
  if (before.length === 0 || after.length === 0) return undefined;
  const old = new Map(before.map((f) => [f.path, f.content]));
  /** Each changed file's text before the edit; undefined for a new file. */
  const changed = new Map<string, string | undefined>();
  for (const file of after) {
    const was = old.get(file.path);
    if (was !== file.content) changed.set(file.path, was);
  }
  if (changed.size === 0) return undefined;
  const lines = new Map<string, Set<number>>();
  return {
    has: (path) => changed.has(path),
    lines(file) {
      if (!changed.has(file.path)) return undefined;
      // The same set on every render (an empty one for a new file), so the lines drawn with it are kept (Code).
      let marked = lines.get(file.path);
      if (!marked) {
        const was = changed.get(file.path);
        lines.set(file.path, (marked = was === undefined ? new Set() : changedLines(was, file.content)));
      }
      return marked;
    },
  };
}

const BLOCK_LINES = 64;

/** Where each block of BLOCK_LINES lines starts. */
function blockStarts(lines: number): number[] {
  return Array.from({ length: Math.ceil(lines / BLOCK_LINES) }, (_, i) => i * BLOCK_LINES);
}

const Code = memo(function Code({
  file: latest,
  chosen,
  marked: latestMarked,
}: {
  file: BundleFile;
  /** The file is the one chosen (a tab, a node selected), not the first of new files that arrived. */
  chosen: boolean;
  marked?: Set<number> | undefined;
}) {
  // New files are drawn in a render React may interrupt (a deferred value): each line is parsed as HTML, and a long
  // file's lines in one task held the page when a large topology's files arrived (the first file of new files is
  // another path than the first of the files before); the text before stays until then. A file chosen (a tab, a node
  // selected) is drawn at once: a tab never shows the file before it.
  // The text and its marks go together, so the text before keeps its marks until then.
  const drawn = useMemo(() => ({ file: latest, marked: latestMarked }), [latest, latestMarked]);
  const deferred = useDeferredValue(drawn);
  const { file, marked } = chosen && deferred.file.path !== latest.path ? drawn : deferred;
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
  // The lines are drawn again only when the text, its marks or the highlighter change. New files render this at once
  // with the text before (`deferred`, above), which was otherwise split and highlighted again, every line of it, in
  // the task that receives them.
  const code = useMemo(() => {
    const lines = file.content.endsWith('\n') ? file.content.slice(0, -1).split('\n') : file.content.split('\n');
    return (
      <code>
        {/* In blocks of lines the browser lays out only when near the view (content-visibility, app.css): the first file
        of an opened 5,000-node topology is 1,000 lines, whose style and layout were most of the frame they arrived in.
        Blocks, not lines: each one the browser checks every frame. */}
        {blockStarts(lines.length).map((start) => (
          <span key={start} className="lines" style={{ '--lines': Math.min(BLOCK_LINES, lines.length - start) } as CSSProperties}>
            {lines.slice(start, start + BLOCK_LINES).map((line, j) => (
              <span
                key={start + j}
                className={marked?.has(start + j) ? 'line changed' : 'line'}
                dangerouslySetInnerHTML={{ __html: (highlight ? highlight(line, language) : escapeHtml(line)) + '\n' }}
              />
            ))}
          </span>
        ))}
      </code>
    );
  }, [file.content, language, marked, highlight]);
  return (
    // A scrolling region must take focus, so keyboard users can scroll it (axe: scrollable-region-focusable).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- see above
    <pre className={`code language-${language}`} tabIndex={0} aria-label={`Contents of ${file.path}`}>
      {code}
    </pre>
  );
});
