/** The Problems list (Problems.tsx): field drafts that cannot be applied, then the generator's problems. */
import { useReactFlow } from '@xyflow/react';
import type { Diagnostic, DiagnosticAction } from '../model/index.ts';
import { withCorsConsoleHeaders } from '../model/index.ts';
import type { DesignerStore, FieldDraft } from '../store/index.ts';
import { memo, useState } from 'react';
import { useDesignerStore } from './store.tsx';
import { fieldInputId } from './inspector/fieldId.ts';

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

/** Problems listed at first, and added per "Show more": thousands of entries would take seconds to draw. */
export const PROBLEMS_SHOWN = 200;

export function ProblemList({ diagnostics, fields }: { diagnostics: readonly Diagnostic[]; fields: readonly [string, FieldDraft][] }) {
  const store = useDesignerStore();

  /** To the field: its node selected (or the settings shown), then the field focused. */
  const revealField = (key: string, draft: FieldDraft) => {
    store.getState().select({ nodes: draft.nodeId ? [draft.nodeId] : [], links: [] });
    requestAnimationFrame(() => document.getElementById(fieldInputId(key))?.focus());
  };

  return (
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
