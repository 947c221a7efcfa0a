/** Passing messages (a refused connection, a copy, a failed save), and an autosave that was kept aside. */
import { useEffect } from 'react';
import { serializeTopology } from '../model/index.ts';
import { useDesigner, useDesignerStore } from './store.tsx';
import { fileSlug, saveText } from './download.ts';

/** An information message goes by itself; an error stays until it is dismissed. */
const SHOW_MS = 8000;

export function Notices() {
  const notice = useDesigner((s) => s.notice);
  const dismiss = useDesigner((s) => s.dismissNotice);
  const keptAside = useDesigner((s) => s.keptAside);
  const dismissKeptAside = useDesigner((s) => s.dismissKeptAside);
  const autosaveProblem = useDesigner((s) => s.autosaveProblem);
  const otherTab = useDesigner((s) => s.otherTab);
  const resolveOtherTab = useDesigner((s) => s.resolveOtherTab);
  const store = useDesignerStore();
  const save = () => {
    const { topology } = store.getState();
    saveText(serializeTopology(topology), `${fileSlug(topology.name)}.json`);
  };

  useEffect(() => {
    if (!notice || notice.tone === 'error') return;
    const timer = setTimeout(dismiss, SHOW_MS);
    return () => clearTimeout(timer);
  }, [notice, dismiss]);

  return (
    <div className="banners">
      {otherTab && (
        <div className="banner warning" role="alert">
          <p>
            Another tab of the designer saved a different version of this topology (“{otherTab.name.slice(0, 80)}”, {otherTab.nodes.length}{' '}
            nodes). This tab stops autosaving until you choose, so neither version is lost.
          </p>
          <button type="button" onClick={() => resolveOtherTab('theirs')}>
            Load the other tab's version
          </button>
          <button type="button" onClick={() => resolveOtherTab('mine')}>
            Keep this tab's version
          </button>
        </div>
      )}
      {autosaveProblem && (
        // Persistent: it goes when the autosave works again.
        <div className="banner warning" role="alert">
          <p>Autosave is not working: {autosaveProblem}.</p>
          <button type="button" onClick={save}>
            Save topology.json
          </button>
        </div>
      )}
      {keptAside && (
        <div className="banner warning" role="alert">
          <p>
            Your previous autosave could not be opened: {keptAside.reason}. It has been kept aside, not deleted, and the page started from a
            sample.
          </p>
          <button
            type="button"
            onClick={() => {
              const text = localStorage.getItem(keptAside.key);
              if (text !== null) saveText(text, 'autosave-kept-aside.json');
            }}
          >
            Download the kept-aside autosave
          </button>
          <button type="button" onClick={dismissKeptAside}>
            Dismiss
          </button>
        </div>
      )}
      <div className="notices" aria-live="polite">
        {notice && (
          <div key={notice.id} className={`notice ${notice.tone}`} role={notice.tone === 'error' ? 'alert' : 'status'}>
            <span>{notice.text}</span>
            <button type="button" onClick={dismiss} aria-label="Dismiss message">
              ×
            </button>
          </div>
        )}
      </div>
    </div>
  );
}
