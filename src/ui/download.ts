/** Saving files from the page. The zip writer is loaded on first use, not with the page. */
import type { BundleFile } from '../generate/index.ts';

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
