export { readTopology, restoreTopology, formatReadError, readError, READ_ERROR_KINDS } from './read.ts';
export type { ReadError, ReadErrorKind, ReadResult } from './read.ts';
export { HOST_PATTERN } from './schema.ts';
export { MAX_DOCUMENT_CHARS } from './read.ts';
export { decodeLink, encodeLink, encodePayload, isLink, LINK_PREFIX } from './link.ts';
export { hasPlaceholders, hasPrivateSecrets, withoutSecrets, SECRET_PLACEHOLDER } from './secrets.ts';
export type { LinkOptions, LinkResult } from './link.ts';
export { CURRENT_FORMAT_NUMBER, migrate, migrate0to1 } from './migrations.ts';
export { readBundleZip, MAX_ZIP_BYTES } from './zip.ts';
export {
  MAX_IMAGE_BYTES,
  crc32,
  isMarkup,
  isPng,
  pngChunks,
  pngText,
  pngWithTopology,
  readPngTopology,
  readSvgTopology,
  withPngText,
} from './image.ts';
