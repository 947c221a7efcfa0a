import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createStoreWith } from '../store/index.ts';
import { App } from './App.tsx';
import { sharedEngine } from './store.tsx';
import { loadSecretsRemover } from './lazy.ts';
import './app.css';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage disabled: the page works, without autosave
  }
}

// The autosave is restored in the generation worker (the schema's code is not in the page's first chunk); until it
// answers, the page draws with placeholders where the topology goes, and saves nothing.
const store = createStoreWith(storage(), {
  read: (text) => sharedEngine().readAutosave(text),
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
