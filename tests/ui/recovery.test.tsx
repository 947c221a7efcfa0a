// @vitest-environment jsdom
/**
 * Nothing that goes wrong loses work: a damaged autosave is reported and kept aside, and a render error
 * shows a way back while the topology stays in the store.
 */
import { memoryStorage } from './dom.ts';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/ui/App.tsx';
import { ErrorBoundary } from '../../src/ui/ErrorBoundary.tsx';
import { AUTOSAVE_KEY, createDesignerStore, createStoreWith, readAutosave } from '../../src/store/index.ts';
import type { AutosaveRead } from '../../src/store/index.ts';
import { withoutSecrets } from '../../src/share/index.ts';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('a damaged autosave', () => {
  it('is reported with a way to download it, and the page opens on the sample', async () => {
    const storage = memoryStorage({ [AUTOSAVE_KEY]: '{"version": 1, "state": {"topology": {"format": "apim-topology/1", "nodes": [' });
    render(<App store={createDesignerStore(storage)} />);
    const banner = (await screen.findByText(/could not be opened/)).closest('[role="alert"]'); // its code loads when first shown
    expect(banner?.textContent).toMatch(/not valid JSON.*kept aside, not deleted/);
    expect(screen.getByRole('button', { name: 'Download the kept-aside autosave' })).toBeTruthy();
    expect(await screen.findByRole('tab', { name: 'nodes/gw-1/repository/conf/deployment.toml' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('button', { name: 'Download the kept-aside autosave' })).toBeNull();
    expect(storage.getItem(`${AUTOSAVE_KEY}:kept-aside`)).toMatch(/^\{"version": 1/);
  });
});

describe('an autosave restored after the first frame (the restore path loads after the page’s first chunk)', () => {
  it('holds the canvas and the settings with placeholders, takes no input and shows none of the sample until it is read', async () => {
    const storage = memoryStorage();
    const first = createDesignerStore(storage);
    first.getState().setName('My estate');
    first.getState().addNode('database');
    first.flushAutosave();
    let answer = () => {};
    const read = (text: string) => new Promise<AutosaveRead>((resolve) => (answer = () => resolve(readAutosave(text))));
    const { container } = render(<App store={createStoreWith(storage, { read, withoutSecrets: { now: withoutSecrets } })} />);
    const app = container.querySelector('.app') as HTMLElement;
    expect(app.hasAttribute('inert')).toBe(true);
    expect(app.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByRole('status').textContent).toBe('Restoring your autosaved topology…');
    expect(screen.getByRole('heading', { name: 'Topology settings' }).closest('[aria-busy="true"]')).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('APIM Topology Designer ');
    expect(container.querySelector('.react-flow__node')).toBeNull();
    expect(screen.getByText('Generating files…')).toBeTruthy();

    answer();
    expect(await screen.findByText('db-1')).toBeTruthy();
    expect(app.hasAttribute('inert')).toBe(false);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('APIM Topology Designer · My estate');
    expect(screen.queryByText('Restoring your autosaved topology…')).toBeNull();
    // The files come once it is restored.
    expect(await screen.findByRole('tab', { name: 'nodes/gw-1/repository/conf/deployment.toml' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Download bundle (.zip)' })).toBeTruthy();
  });
});

describe('the error boundary', () => {
  function Boom({ when }: { when: () => boolean }) {
    if (when()) throw new Error('the canvas could not draw node x');
    return <p>drawn</p>;
  }

  it('shows the error with a way back, and "Try again" renders again', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined); // React reports the caught error
    let broken = true;
    const onSave = vi.fn();
    render(
      <ErrorBoundary onSave={onSave}>
        <Boom when={() => broken} />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('alert').textContent).toMatch(/the canvas could not draw node x.*topology and its autosave are intact/);
    await userEvent.click(screen.getByRole('button', { name: 'Save topology.json' }));
    expect(onSave).toHaveBeenCalledOnce();
    broken = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(screen.getByText('drawn')).toBeTruthy();
  });
});
