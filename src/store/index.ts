export { ACTION_HISTORY, createDesignerStore } from './designer.ts';
export type { HistoryPolicy } from './history.ts';
export type { DesignerState, DesignerStore, FieldDraft, Notice, Selection } from './designer.ts';
export { AUTOSAVE_KEY, AUTOSAVE_VERSION, PREFERENCES_KEY, readAutosave } from './autosave.ts';
export type { KeptAside } from './autosave.ts';
export { sampleTopology } from './sample.ts';
