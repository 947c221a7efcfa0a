/** A problem found in a topology, by `validate` or by the generator. */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** Stable rule code, e.g. `APIM003`. */
  code: string;
  severity: Severity;
  /** What is wrong, in an architect's words, naming the node. */
  message: string;
  nodeIds: string[];
  /** Links concerned, as `from->to`. */
  linkIds: string[];
  /** What to do about it. */
  fix?: string;
  /** The fix as one action the page offers beside the problem (a button; undo takes it back). */
  action?: DiagnosticAction;
}

/** A fix the page can apply for the person: let a custom TOML key win over the designer's (customTomlOverrides). */
export interface DiagnosticAction {
  kind: 'override-custom-toml';
  /** The node or load balancer whose custom TOML sets the key. */
  nodeId: string;
  /** The dotted key to add to its customTomlOverrides. */
  key: string;
}

export function linkId(link: { from: string; to: string }): string {
  return `${link.from}->${link.to}`;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
