/** Passing messages (a refused connection, a copy, a failed save), and the autosave's banners (Banners.tsx). */
import { useEffect } from 'react';
import { useDesigner } from './store.tsx';
import { deferred, usePreloadWhenIdle } from './deferred.tsx';

/** An information message goes by itself; an error stays until it is dismissed. */
const SHOW_MS = 8000;

const Banners = deferred(
  () => import('./Banners.tsx').then((m) => m.Banners),
  () => null,
);

export function Notices() {
  const notice = useDesigner((s) => s.notice);
  const dismiss = useDesigner((s) => s.dismissNotice);
  const banner = useDesigner((s) => s.keptAside !== null || s.autosaveProblem !== null || s.otherTab !== null);
  usePreloadWhenIdle(Banners);

  useEffect(() => {
    if (!notice || notice.tone === 'error') return;
    const timer = setTimeout(dismiss, SHOW_MS);
    return () => clearTimeout(timer);
  }, [notice, dismiss]);

  return (
    <div className="banners">
      {banner && <Banners.View />}
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
