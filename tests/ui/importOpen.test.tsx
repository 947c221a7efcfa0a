// @vitest-environment jsdom
/**
 * Open… with deployment.toml and nginx.conf files: the importer rebuilds the topology (src/import), the page opens it
 * as one undoable step and says what the report found; a mixed pick that holds no such file is refused with a message.
 */
import { memoryStorage } from './dom.ts';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from '../../src/ui/App.tsx';
import { createDesignerStore } from '../../src/store/index.ts';

afterEach(cleanup);

// jsdom's import.meta.url is not a file URL: the tests run from the project's folder.
const SET = join(process.cwd(), 'tests/fixtures/import/docs-4.5');

/** A file as the page reads it (jsdom's File has no text()). */
function textFile(name: string, text: string): File {
  return Object.assign(new File([text], name), { text: () => Promise.resolve(text) });
}

function pick(files: File[]) {
  fireEvent.change(screen.getByLabelText('Open a topology file'), { target: { files } });
}

describe('Open… with deployment.toml files', () => {
  it('imports them as the topology, one undo step, with what the report guessed', async () => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const store = createDesignerStore(memoryStorage());
    render(<App store={store} />);
    const before = store.getState().topology;
    const names = readdirSync(SET).filter((name) => name.endsWith('.toml'));
    expect(names.length).toBeGreaterThan(1);
    pick(names.map((name) => textFile(name, readFileSync(join(SET, name), 'utf8'))));
    const notice = await screen.findByText(/^Imported \d+ files as \d+ nodes on API-M 4\.5\.0\./);
    expect(notice.textContent).toContain('Guessed (');
    const after = store.getState().topology;
    expect(after).not.toBe(before);
    expect(after.product).toBe('4.5.0');
    expect(after.nodes.map((n) => n.kind)).toEqual(expect.arrayContaining(['control-plane', 'gateway', 'traffic-manager']));
    store.temporal.getState().undo();
    expect(store.getState().topology).toEqual(before);
  });

  it('refuses two files that are neither a topology nor deployment.toml files, and keeps the work', async () => {
    const store = createDesignerStore(memoryStorage());
    render(<App store={store} />);
    const before = store.getState().topology;
    pick([textFile('a.json', '{}'), textFile('b.json', '{}')]);
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Open one topology \.json, bundle \.zip or exported picture/);
    expect(store.getState().topology).toBe(before);
  });
});
