/**
 * Problems: the counts (also in the toolbar), and the list, where each entry names its node and activating it selects
 * the node and centres the view on it. The list's code (ProblemList.tsx) loads as the page starts, after its first chunk:
 * there is nothing to list before the first files are generated.
 */
import type { Diagnostic } from '../model/index.ts';
import type { FieldDraft } from '../store/index.ts';
import { useMemo } from 'react';
import type { ComponentProps } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useBundle, useDesigner } from './store.tsx';
import { deferred, preloadSoon } from './deferred.tsx';
import type { ProblemList as ProblemListPart } from './ProblemList.tsx';

const CHECKING = <p className="hint">Checking the topology…</p>;

const ProblemList = deferred<ComponentProps<typeof ProblemListPart>>(
  () => import('./ProblemList.tsx').then((m) => m.ProblemList),
  () => CHECKING,
);
preloadSoon(ProblemList);

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

export function Problems() {
  const { diagnostics, pending } = useBundle();
  const fields = useFieldProblems();
  return (
    <section className="problems" aria-labelledby="problems-title">
      <h2 id="problems-title">
        Problems <ProblemCounts />
      </h2>
      {pending && fields.length === 0 ? (
        CHECKING
      ) : diagnostics.length === 0 && fields.length === 0 ? (
        <p className="hint">No problems found.</p>
      ) : (
        <ProblemList.View diagnostics={diagnostics} fields={fields} />
      )}
    </section>
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
