/**
 * The autosave's restore path: its text read as JSON, its version checked, and its topology through the file restore
 * path (share/read.ts: the schema and the migrations). The page loads it as a chunk of its own as it starts
 * (src/ui/main.tsx), so the schema's code is not in the page's first chunk; tests and tools import it.
 */
import { formatReadError, restoreTopology } from '../share/index.ts';
import type { AutosaveRead } from './autosave.ts';
import { AUTOSAVE_VERSION } from './autosave.ts';

/** Restores an autosave's text: JSON, then its version, then the topology through the file restore path. */
export function readAutosave(text: string): AutosaveRead {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'the autosave is not valid JSON (it may have been cut off)' };
  }
  if (value === null || typeof value !== 'object') return { ok: false, reason: 'the autosave is not an object' };
  const { version, state } = value as { version?: unknown; state?: unknown };
  if (typeof version !== 'number') return { ok: false, reason: 'the autosave has no version' };
  if (version > AUTOSAVE_VERSION) {
    return {
      ok: false,
      reason: `the autosave is from a newer version of the designer (autosave version ${version}, this page reads ${AUTOSAVE_VERSION})`,
    };
  }
  const topology = (state as { topology?: unknown } | undefined)?.topology;
  const restored = restoreTopology(topology);
  if (!restored.ok) {
    return { ok: false, reason: `the autosaved topology is damaged: ${restored.errors.slice(0, 3).map(formatReadError).join('; ')}` };
  }
  // In the order the store saves it, so `known` compares equal.
  return { ok: true, value: { state: { topology: restored.topology }, version: AUTOSAVE_VERSION } };
}
