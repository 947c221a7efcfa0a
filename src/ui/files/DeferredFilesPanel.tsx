/**
 * The files panel whose code (FilesPanel.tsx, with the Network view) loads as the page starts, after its first chunk:
 * the files come from the generation worker after the page has drawn, and until the panel's code is there its place
 * says so, as the panel itself does while the first files are generated.
 */
import { deferred, preloadSoon } from '../deferred.tsx';

const files = deferred(
  () => import('./FilesPanel.tsx').then((m) => m.FilesPanel),
  () => (
    <section className="files" aria-busy="true">
      <div className="file-list">
        <h2 className="file-list-title">Generated files</h2>
      </div>
      <p className="hint pad">Generating files…</p>
    </section>
  ),
);
preloadSoon(files);

export const DeferredFilesPanel = files.View;
