import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createStoreWith } from '../store/index.ts';
import { App } from './App.tsx';
import { loadAutosaveReader, loadSecretsRemover } from './lazy.ts';
import './app.css';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage disabled: the page works, without autosave
  }
}

// The autosave's restore path (the schema, the migrations) is a chunk of its own, loaded as the page starts: until
// the autosave is restored, the page draws with placeholders where the topology goes, and saves nothing.
// (The generation worker could restore it, off the main thread, but it answers only once the whole generation core
// has loaded: the placeholder would stay about half a second longer.)
const store = createStoreWith(storage(), {
  read: (text) => loadAutosaveReader().then((m) => m.readAutosave(text)),
  withoutSecrets: { load: () => loadSecretsRemover().then((m) => m.withoutSecrets) },
});
// A pending autosave is written before the page goes away.
window.addEventListener('pagehide', () => store.flushAutosave());
document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && store.flushAutosave());

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App store={store} />
  </StrictMode>,
);
