/** The Problems list: each entry names its node; activating it selects the node and centres the view on it. */
import { useReactFlow } from '@xyflow/react';
import type { Diagnostic, DiagnosticAction } from '../model/index.ts';
import { withCorsConsoleHeaders } from '../model/index.ts';
import type { DesignerStore, FieldDraft } from '../store/index.ts';
import { memo, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useBundle, useDesigner, useDesignerStore } from './store.tsx';
import { fieldInputId } from './inspector/fields.tsx';

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

/** Fixes a diagnostic carries as data (model/diagnostic.ts DiagnosticAction), by kind. */
const ACTIONS: Record<DiagnosticAction['kind'], (action: DiagnosticAction) => { label: string; apply: (store: DesignerStore) => void }> = {
  'override-custom-toml': ({ nodeId, key }) => ({
    label: `Let custom win for ${key}`,
    apply: (store) => {
      const owner = store.getState().topology.nodes.find((n) => n.id === nodeId);
      const overrides = owner && 'customTomlOverrides' in owner ? (owner.customTomlOverrides ?? []) : [];
      if (!overrides.includes(key)) store.getState().updateNode(nodeId, { customTomlOverrides: [...overrides, key] });
    },
  }),
};

/** Field drafts that cannot be applied: problems too, until fixed or dropped with Escape (inspector/fields.tsx). */
export function useFieldProblems(): [string, FieldDraft][] {
  // The invalid drafts only, compared entry by entry: a key typed into a valid field changes nothing here.
  const invalid = useDesigner(useShallow((s) => invalidDrafts(s.drafts)));
  return useMemo(() => Object.entries(invalid), [invalid]);
}

function invalidDrafts(drafts: Record<string, FieldDraft>): Record<string, FieldDraft> {
  const invalid: Record<string, FieldDraft> = {};
  for (const [key, draft] of Object.entries(drafts)) if (draft.message !== '') invalid[key] = draft;
  return invalid;
}

/** Problems listed at first, and added per "Show more": thousands of entries would take seconds to draw. */
export const PROBLEMS_SHOWN = 200;

export function Problems() {
  const { diagnostics, pending } = useBundle();
  const fields = useFieldProblems();
  const store = useDesignerStore();

  /** To the field: its node selected (or the settings shown), then the field focused. */
  const revealField = (key: string, draft: FieldDraft) => {
    store.getState().select({ nodes: draft.nodeId ? [draft.nodeId] : [], links: [] });
    requestAnimationFrame(() => document.getElementById(fieldInputId(key))?.focus());
  };

  return (
    <section className="problems" aria-labelledby="problems-title">
      <h2 id="problems-title">
        Problems <ProblemCounts />
      </h2>
      {pending && fields.length === 0 ? (
        <p className="hint">Checking the topology…</p>
      ) : diagnostics.length === 0 && fields.length === 0 ? (
        <p className="hint">No problems found.</p>
      ) : (
        <ul aria-label="Problems">
          {fields.map(([key, draft]) => (
            <li key={key} className="problem error">
              <button type="button" onClick={() => revealField(key, draft)}>
                <span className="severity error">error</span> <span className="code">FIELD</span>{' '}
                {draft.nodeId && <strong>{draft.nodeId}: </strong>}
                {draft.label} is not applied: {draft.message}
              </button>
              <p className="fix">Fix it in the field, or press Escape there to keep the value in force.</p>
            </li>
          ))}
          <DiagnosticEntries diagnostics={diagnostics} />
        </ul>
      )}
    </section>
  );
}

/**
 * The generator's problems: the first PROBLEMS_SHOWN, and more on demand. Rendered again only when the
 * diagnostics change (a new bundle), never for a key typed in a field.
 */
const DiagnosticEntries = memo(function DiagnosticEntries({ diagnostics }: { diagnostics: readonly Diagnostic[] }) {
  const store = useDesignerStore();
  const { setCenter, getZoom, getInternalNode } = useReactFlow();
  const [shown, setShown] = useState(PROBLEMS_SHOWN);

  const reveal = (d: Diagnostic) => {
    const ids = d.nodeIds.filter((id) => store.getState().topology.nodes.some((n) => n.id === id));
    const [nodeId] = ids;
    if (nodeId === undefined) {
      // A problem of the whole topology: its settings are where to fix it.
      store.getState().select({ nodes: [], links: [] });
      return;
    }
    // Its node: the first one the problem names (the inspector then shows it); the others are named in the entry.
    store.getState().select({ nodes: [nodeId], links: [] });
    const internal = getInternalNode(nodeId);
    const node = store.getState().topology.nodes.find((n) => n.id === nodeId);
    if (!node) return;
    const width = internal?.measured.width ?? 0;
    const height = internal?.measured.height ?? 0;
    void setCenter(node.x + width / 2, node.y + height / 2, { zoom: Math.max(getZoom(), 1), duration: 300 });
  };

  const more = diagnostics.length - shown;
  return (
    <>
      {diagnostics.slice(0, shown).map((d, i) => (
        <li key={`${d.code}-${i}`} className={`problem ${d.severity}`}>
          <button type="button" onClick={() => reveal(d)}>
            <span className={`severity ${d.severity}`}>{d.severity}</span> <span className="code">{d.code}</span>{' '}
            {d.nodeIds.length > 0 && <strong>{d.nodeIds.join(', ')}: </strong>}
            {d.message}
          </button>
          {d.fix && <p className="fix">{d.fix}</p>}
          <QuickFix diagnostic={d} />
        </li>
      ))}
      {more > 0 && (
        <li className="problem-more">
          <button type="button" onClick={() => setShown((n) => n + PROBLEMS_SHOWN)}>
            Show {Math.min(more, PROBLEMS_SHOWN).toLocaleString('en')} more of {more.toLocaleString('en')}
          </button>
        </li>
      )}
    </>
  );
});

/** The button beside a problem whose fix is one action; nothing for the others. */
function QuickFix({ diagnostic }: { diagnostic: Diagnostic }) {
  const store = useDesignerStore();
  const fix = diagnostic.action ? ACTIONS[diagnostic.action.kind](diagnostic.action) : QUICK_FIXES[diagnostic.code];
  if (!fix) return null;
  return (
    <button type="button" className="quick-fix" onClick={() => fix.apply(store)}>
      {fix.label}
    </button>
  );
}

export function ProblemCounts() {
  const { diagnostics } = useBundle();
  const fields = useFieldProblems();
  const count = (severity: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === severity).length;
  const errors = count('error') + fields.length;
  const warnings = count('warning');
  return (
    <span className="counts" aria-live="polite">
      <span className={errors ? 'count error' : 'count'}>
        {errors} {errors === 1 ? 'error' : 'errors'}
      </span>
      <span className={warnings ? 'count warning' : 'count'}>
        {warnings} {warnings === 1 ? 'warning' : 'warnings'}
      </span>
    </span>
  );
}
