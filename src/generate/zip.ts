/** The bundle as a zip. Deterministic: fixed timestamps, files in bundle order. */
import { strToU8, zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import type { BundleFile } from './bundle.ts';

/** 1980-01-01 00:00 in local time: the zip format's earliest date, the same bytes in every time zone. */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

export function zipBundle(files: readonly BundleFile[]): Uint8Array {
  const entries: Zippable = {};
  for (const file of files) entries[file.path] = [fileBytes(file), { mtime: FIXED_MTIME }];
  return zipSync(entries, { level: 6, mtime: FIXED_MTIME });
}

/** A file's UTF-8 bytes; a large file's encoded a piece at a time, never as one string (pieces.ts). Pieces end between lines or items, never inside a character. */
export function fileBytes(file: BundleFile): Uint8Array {
  if (!file.pieces || file.pieces.length < 2) return strToU8(file.content);
  const parts = file.pieces.map((piece) => strToU8(piece));
  const bytes = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}
