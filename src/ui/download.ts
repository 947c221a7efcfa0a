/**
 * Saving files from the page. The zip writer is loaded on first use, not with the page, and the topology's writer
 * (serializeTopology) when the page is idle or on the first Save.
 */
import type { BundleFile } from '../generate/index.ts';
import type { Topology } from '../model/index.ts';
import { loadSerializer } from './lazy.ts';

export function fileSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-')
    .slice(0, 60);
  return slug || 'topology';
}

export async function downloadBundle(name: string, files: readonly BundleFile[]): Promise<void> {
  const { zipBundle } = await import('../generate/zip.ts');
  const bytes = zipBundle(files);
  saveBlob(new Blob([bytes as BlobPart], { type: 'application/zip' }), `${fileSlug(name)}.zip`);
}

/**
 * Saves the topology as `<its name>.json`, in serializeTopology's stable key order. Should that code not load (the
 * network gone), the file is written as plain JSON all the same: the same topology, which opens the same.
 */
export async function saveTopology(topology: Topology): Promise<void> {
  let text: string;
  try {
    text = (await loadSerializer()).serializeTopology(topology);
  } catch {
    text = `${JSON.stringify(topology, null, 2)}\n`;
  }
  saveText(text, `${fileSlug(topology.name)}.json`);
}

export function saveText(text: string, fileName: string, type = 'application/json'): void {
  saveBlob(new Blob([text], { type }), fileName);
}

export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
