/** The Problems list: each entry names its node; activating it selects the node and centres the view on it. */
import { useReactFlow } from '@xyflow/react';
import type { Diagnostic } from '../model/index.ts';
import { withCorsConsoleHeaders } from '../model/index.ts';
import type { DesignerStore } from '../store/index.ts';
import { useBundle, useDesignerStore } from './store.tsx';

/** Problems whose fix is one action: a button beside the entry does it (and undo takes it back). */
const QUICK_FIXES: Record<string, { label: string; apply: (store: DesignerStore) => void }> = {
  APIM032: { label: 'Turn on secure vault', apply: (store) => store.getState().updateSettings({ secureVault: true }) },
  APIM038: {
    label: 'Add apikey and Internal-Key',
    apply: (store) => {
      const { cors } = store.getState().topology.settings;
      store.getState().updateSettings({ cors: { ...cors, allowHeaders: withCorsConsoleHeaders(cors.allowHeaders) } });
    },
  },
};

export function Problems() {
  const { diagnostics, pending } = useBundle();
  const store = useDesignerStore();
  const { setCenter, getZoom, getInternalNode } = useReactFlow();

  const reveal = (d: Diagnostic) => {
    const ids = d.nodeIds.filter((id) => store.getState().topology.nodes.some((n) => n.id === id));
    if (ids.length === 0) return;
    // Its node: the first one the problem names (the inspector then shows it); the others are named in the entry.
    store.getState().select({ nodes: [ids[0]], links: [] });
    const internal = getInternalNode(ids[0]);
    const node = store.getState().topology.nodes.find((n) => n.id === ids[0])!;
    const width = internal?.measured.width ?? 0;
    const height = internal?.measured.height ?? 0;
    void setCenter(node.x + width / 2, node.y + height / 2, { zoom: Math.max(getZoom(), 1), duration: 300 });
  };

  return (
    <section className="problems" aria-labelledby="problems-title">
      <h2 id="problems-title">
        Problems <ProblemCounts />
      </h2>
      {pending ? (
        <p className="hint">Checking the topology…</p>
      ) : diagnostics.length === 0 ? (
        <p className="hint">No problems found.</p>
      ) : (
        <ul aria-label="Problems">
          {diagnostics.map((d, i) => (
            <li key={`${d.code}-${i}`} className={`problem ${d.severity}`}>
              <button type="button" onClick={() => reveal(d)} disabled={d.nodeIds.length === 0}>
                <span className={`severity ${d.severity}`}>{d.severity}</span> <span className="code">{d.code}</span>{' '}
                {d.nodeIds.length > 0 && <strong>{d.nodeIds.join(', ')}: </strong>}
                {d.message}
              </button>
              {d.fix && <p className="fix">{d.fix}</p>}
              {QUICK_FIXES[d.code] && (
                <button type="button" className="quick-fix" onClick={() => QUICK_FIXES[d.code].apply(store)}>
                  {QUICK_FIXES[d.code].label}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ProblemCounts() {
  const { diagnostics } = useBundle();
  const count = (severity: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === severity).length;
  const errors = count('error');
  const warnings = count('warning');
  return (
    <span className="counts" aria-live="polite">
      <span className={errors ? 'count error' : 'count'}>{errors} {errors === 1 ? 'error' : 'errors'}</span>
      <span className={warnings ? 'count warning' : 'count'}>{warnings} {warnings === 1 ? 'warning' : 'warnings'}</span>
    </span>
  );
}
