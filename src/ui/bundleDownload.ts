/**
 * The toolbar's "Download bundle (.zip)": what is asked before it (passwords the topology came without, field values
 * not applied, errors), the files of the topology as it was when the button was pressed, and the zip. Loaded when the
 * page is idle or the button is first pressed, not with the page (Toolbar.tsx).
 */
import type { Topology } from '../model/index.ts';
import { hasErrors, placeholders } from '../model/index.ts';
import { SECRET_PLACEHOLDER, hasPlaceholders } from '../share/index.ts';
import type { DesignerStore } from '../store/index.ts';
import type { Generation } from './generation.ts';
import { downloadBundle } from './download.ts';

export async function downloadChecked(
  topology: Topology,
  store: DesignerStore,
  generation: Generation,
  setBusy: (busy: boolean) => void,
): Promise<void> {
  if (hasPlaceholders(topology)) {
    const missing = placeholders(topology)
      .map((f) => `• ${f.what}`)
      .join('\n');
    const go = window.confirm(
      `This topology came from a link without its passwords. The files will say ${SECRET_PLACEHOLDER} for:\n\n${missing}\n\nSet them in the inspector first (Cancel), or download with the placeholders (OK)?`,
    );
    if (!go) return;
  }
  const unapplied = Object.values(store.getState().drafts).filter((d) => d.message !== '');
  if (unapplied.length > 0) {
    const list = unapplied.map((d) => `• ${d.nodeId ? `${d.nodeId}: ` : ''}${d.label}: ${d.message}`).join('\n');
    const go = window.confirm(
      `${unapplied.length === 1 ? 'A field holds a value' : `${unapplied.length} fields hold values`} that cannot be applied, so the files do not have ${unapplied.length === 1 ? 'it' : 'them'}:\n\n${list}\n\nDownload the files as they are?`,
    );
    if (!go) return;
  }
  // The files of the topology as it is now, even if the panels are still catching up with the last edit.
  let bundle;
  setBusy(true);
  try {
    bundle = await generation.bundleFor(topology);
  } catch (error) {
    store
      .getState()
      .notify(`Could not generate the files: ${(error as Error).message}. Your topology is safe: press Download to try again.`, 'error');
    return;
  } finally {
    setBusy(false);
  }
  const { diagnostics, files } = bundle;
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (hasErrors(diagnostics)) {
    const list = errors
      .slice(0, 10)
      .map((d) => `• ${d.code} ${d.nodeIds.join(', ')}: ${d.message}`)
      .join('\n');
    const more = errors.length > 10 ? `\n…and ${errors.length - 10} more` : '';
    const go = window.confirm(
      `The topology has ${errors.length} ${errors.length === 1 ? 'error' : 'errors'}; its files will not work as they are:\n\n${list}${more}\n\nDownload anyway? The bundle's README lists the open problems.`,
    );
    if (!go) return;
  }
  setBusy(true);
  try {
    await downloadBundle(topology.name, files);
  } catch (error) {
    store.getState().notify(`Download failed: ${(error as Error).message}. Your topology is safe: press Download to try again.`, 'error');
  } finally {
    setBusy(false);
  }
}
