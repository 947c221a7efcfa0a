/**
 * The banners of the autosave: another tab saved a different version, the autosave is not working, an autosave that
 * could not be opened was kept aside. Rare, so their code loads when one is first shown (or when the page is idle).
 */
import { serializeTopology } from '../model/index.ts';
import { useDesigner, useDesignerStore } from './store.tsx';
import { fileSlug, saveText } from './download.ts';

export function Banners() {
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
  return (
    <>
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
    </>
  );
}
