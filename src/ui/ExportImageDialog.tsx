/**
 * Export image: the diagram as an SVG or PNG picture, in the light or dark theme (the page's by default), with or
 * without its background. The picture carries the topology (without its passwords), so it opens again in the designer.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useDesignerStore, useDesigner } from './store.tsx';
import { saveBlob } from './download.ts';
import type { PictureChoice, PictureFormat } from './picture.ts';
import { pictureFile } from './picture.ts';

function pageTheme(): PictureChoice['theme'] {
  return typeof window.matchMedia === 'function' && window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function ExportImageDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const store = useDesignerStore();
  const notify = useDesigner((s) => s.notify);
  const titleId = useId();
  const id = useId();
  const [format, setFormat] = useState<PictureFormat>('png');
  const [theme, setTheme] = useState<PictureChoice['theme']>(pageTheme);
  const [transparent, setTransparent] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  // Each export starts in the page's theme, which may have changed since the last one.
  const [wasOpen, setWasOpen] = useState(open);
  if (wasOpen !== open) {
    setWasOpen(open);
    if (open) setTheme(pageTheme());
  }

  const download = async () => {
    setBusy(true);
    try {
      const { blob, name } = await pictureFile(store.getState().topology, { format, theme, transparent });
      saveBlob(blob, name);
      notify(`Saved ${name}. It carries the topology (without its passwords): open it in the designer to edit it again.`);
      onClose();
    } catch (error) {
      notify(`Could not export the image: ${error instanceof Error ? error.message : String(error)}.`, 'error');
    } finally {
      setBusy(false);
    }
  };

  const radio = <T extends string>(name: string, value: T, current: T, set: (v: T) => void, label: string) => (
    <div className="field checkbox">
      <input id={`${id}-${name}-${value}`} type="radio" name={`${id}-${name}`} checked={current === value} onChange={() => set(value)} />
      <label htmlFor={`${id}-${name}-${value}`}>{label}</label>
    </div>
  );

  return (
    <dialog ref={dialog} className="share-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>Export image</h2>
      <p className="hint">The picture carries the topology: open it in the designer (Open…, or drop it on the page) to edit it again.</p>
      <fieldset>
        <legend>Format</legend>
        {radio('format', 'svg', format, setFormat, 'SVG (scales without blur; for documents and the web)')}
        {radio('format', 'png', format, setFormat, 'PNG (twice the canvas size; for slides and chat)')}
      </fieldset>
      <fieldset>
        <legend>Theme</legend>
        {radio('theme', 'light', theme, setTheme, 'Light')}
        {radio('theme', 'dark', theme, setTheme, 'Dark')}
      </fieldset>
      <div className="field checkbox">
        <input id={`${id}-transparent`} type="checkbox" checked={transparent} onChange={(e) => setTransparent(e.target.checked)} />
        <label htmlFor={`${id}-transparent`}>Transparent background</label>
      </div>
      <div className="button-row">
        <button type="button" className="primary" onClick={() => void download()} disabled={busy}>
          Download image
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
