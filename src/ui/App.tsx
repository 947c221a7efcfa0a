/**
 * A first page: pick an example topology and read every generated file in tabs. The canvas, palette
 * and inspector come next; this page already reads everything through the pure core.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { Topology } from '../model/index.ts';
import { generateBundle } from '../generate/index.ts';
import { formatReadError, readTopology } from '../share/index.ts';

export const EXAMPLES = [
  { file: 'seed-sample.json', title: 'Seed sample (separate TM)' },
  { file: 'single-cp-gw.json', title: 'Single control plane + gateway' },
  { file: 'ha-cp-gw.json', title: 'HA control plane + HA gateway' },
  { file: 'separate-tm-ha.json', title: 'Separate Traffic Manager, HA' },
];

type Loaded = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; topology: Topology };

export function App() {
  const [example, setExample] = useState(EXAMPLES[0].file);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    setLoaded({ status: 'loading' });
    fetch(`${import.meta.env.BASE_URL}examples/${example}`)
      .then((response) => {
        if (!response.ok) throw new Error(`examples/${example}: HTTP ${response.status}`);
        return response.text();
      })
      .then((text) => {
        const result = readTopology(text);
        if (cancelled) return;
        setLoaded(
          result.ok
            ? { status: 'ready', topology: result.topology }
            : { status: 'error', message: result.errors.map(formatReadError).join('\n') },
        );
      })
      .catch((error: Error) => !cancelled && setLoaded({ status: 'error', message: error.message }));
    return () => {
      cancelled = true;
    };
  }, [example]);

  return (
    <div className="app">
      <header className="toolbar">
        <h1>APIM Topology Designer</h1>
        <label>
          Example{' '}
          <select value={example} onChange={(event) => setExample(event.target.value)}>
            {EXAMPLES.map((e) => (
              <option key={e.file} value={e.file}>
                {e.title}
              </option>
            ))}
          </select>
        </label>
      </header>
      <main>
        {loaded.status === 'loading' && <p>Loading…</p>}
        {loaded.status === 'error' && (
          <p role="alert" className="error">
            {loaded.message}
          </p>
        )}
        {loaded.status === 'ready' && <Files topology={loaded.topology} />}
      </main>
    </div>
  );
}

function Files({ topology }: { topology: Topology }) {
  const bundle = useMemo(() => generateBundle(topology), [topology]);
  const [active, setActive] = useState(bundle.files[0]?.path);
  const baseId = useId();
  const current = bundle.files.find((file) => file.path === active) ?? bundle.files[0];
  return (
    <section className="files">
      <div role="tablist" aria-label="Generated files" className="tabs">
        {bundle.files.map((file, index) => (
          <button
            key={file.path}
            role="tab"
            id={`${baseId}-tab-${index}`}
            aria-selected={file === current}
            aria-controls={`${baseId}-panel`}
            tabIndex={file === current ? 0 : -1}
            onClick={() => setActive(file.path)}
          >
            {file.path}
          </button>
        ))}
      </div>
      <pre role="tabpanel" id={`${baseId}-panel`} aria-label={current?.path} className="file" tabIndex={0}>
        {current?.content}
      </pre>
      <ul aria-label="Problems">
        {bundle.diagnostics.map((d, index) => (
          <li key={index}>
            {d.severity} {d.code}: {d.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
