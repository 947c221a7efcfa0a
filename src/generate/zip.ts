/** The bundle as a zip. Deterministic: fixed timestamps, files in bundle order. */
import { strToU8, zipSync } from 'fflate';
import type { Zippable } from 'fflate';
import type { BundleFile } from './bundle.ts';

/** 1980-01-01 00:00 in local time: the zip format's earliest date, the same bytes in every time zone. */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

export function zipBundle(files: readonly BundleFile[]): Uint8Array {
  const entries: Zippable = {};
  for (const file of files) entries[file.path] = [strToU8(file.content), { mtime: FIXED_MTIME }];
  return zipSync(entries, { level: 6, mtime: FIXED_MTIME });
}
