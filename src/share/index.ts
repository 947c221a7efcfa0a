export { readTopology, restoreTopology, formatReadError } from './read.ts';
export type { ReadError, ReadResult } from './read.ts';
export { HOST_PATTERN } from './schema.ts';
