import type { DesignerStore } from './designer.ts';
import { createStoreWith } from './designer.ts';
import { readAutosave } from './restore.ts';
import { withoutSecrets } from '../share/index.ts';

export { ACTION_HISTORY, createStoreWith } from './designer.ts';
export type { HistoryPolicy } from './history.ts';
export type { DesignerState, DesignerStore, FieldDraft, Notice, Selection } from './designer.ts';
export { AUTOSAVE_KEY, AUTOSAVE_VERSION, PREFERENCES_KEY } from './autosave.ts';
export type { AutosaveCode, AutosaveRead, AutosaveReader, KeptAside, SecretsRemover } from './autosave.ts';
export { readAutosave } from './restore.ts';
export { sampleTopology } from './sample.ts';

/**
 * The store, its autosave restored at once (tests and tools). The page loads the restore path after its first chunk
 * instead, and the secrets' remover when first needed (`createStoreWith`, src/ui/main.tsx), so neither is in its
 * first chunk.
 */
export function createDesignerStore(storage: Storage | undefined): DesignerStore {
  return createStoreWith(storage, { read: readAutosave, withoutSecrets: { now: withoutSecrets } });
}
