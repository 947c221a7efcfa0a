import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createDesignerStore } from '../store/index.ts';
import { App } from './App.tsx';
import './app.css';

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage disabled: the page works, without autosave
  }
}

const store = createDesignerStore(storage());
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
