export { importFiles, ImportError } from './importFiles.ts';
export type { ImportResult } from './importFiles.ts';
export type { InputFile } from './files.ts';
export type { ImportNote, ImportReport } from './report.ts';
export { formatReport } from './report.ts';
