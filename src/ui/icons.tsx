/** One small inline icon per node kind (the kind's registry entry names it): no icon font, nothing to load. */
import type { NodeKind } from '../model/index.ts';
import { ICON_PATHS, KINDS } from '../model/index.ts';

export function KindIcon({ kind }: { kind: NodeKind }) {
  return (
    <svg className="kind-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
      <path
        d={ICON_PATHS[KINDS[kind].icon]}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
