/** The runbook's "Open problems" section, as both platforms' runbooks write it. */
import type { Diagnostic } from '../../model/index.ts';
import { markdownText } from '../text.ts';

export function openProblemLines(diagnostics: readonly Diagnostic[]): string[] {
  const out = ['## Open problems', ''];
  if (diagnostics.length === 0) return [...out, 'None: the designer found no problem in this topology.', ''];
  for (const d of diagnostics) {
    out.push(`- **${d.severity}** ${d.code}: ${markdownText(d.message)}${d.fix ? `. Fix: ${markdownText(d.fix)}` : ''}`);
  }
  return [...out, ''];
}
