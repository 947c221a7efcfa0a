// @vitest-environment jsdom
/**
 * Export image… (src/ui/ExportImageDialog.tsx) and opening a picture (src/ui/open.ts): the dialog's names, its default
 * theme, the SVG it saves carrying the topology; an exported picture opens through Open… as one undo step, and a
 * picture that carries no topology or was tampered with is refused with a message naming the file.
 */
import { memoryStorage } from './dom.ts';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../src/ui/App.tsx';
import { createDesignerStore } from '../../src/store/index.ts';
import { serializeTopology } from '../../src/model/index.ts';
import { topologySvg } from '../../src/generate/index.ts';
import { pngWithTopology, readSvgTopology } from '../../src/share/index.ts';
import { pngScale } from '../../src/ui/picture.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Topology } from '../../src/model/index.ts';
import { readTopology } from '../../src/share/index.ts';
import { solidPng } from '../share/png.ts';

/** An example (jsdom's import.meta.url is not a file URL: the tests run from the project's folder). */
function loadExample(name: string): Topology {
  const read = readTopology(readFileSync(join(process.cwd(), 'public/examples', `${name}.json`), 'utf8'));
  if (!read.ok) throw new Error(`example ${name} does not read`);
  return read.topology;
}

const checked = (element: HTMLElement) => (element as HTMLInputElement).checked;

/** jsdom has no modal dialogs: open and close set the attribute, as the browser does. */
beforeEach(() => {
  HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
    this.removeAttribute('open');
    this.dispatchEvent(new Event('close'));
  };
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

/** A file as the page reads it (jsdom's File has neither text() nor arrayBuffer()). */
function file(name: string, content: string | Uint8Array): File {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return Object.assign(new File([bytes as BlobPart], name), {
    text: () => Promise.resolve(new TextDecoder().decode(bytes)),
    arrayBuffer: () => Promise.resolve(bytes.slice().buffer),
  });
}

function readBlob(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(blob);
  });
}

function pick(files: File[]) {
  fireEvent.change(screen.getByLabelText('Open a topology file'), { target: { files } });
}

describe('Export image…', () => {
  it('opens a dialog with a heading, a Format and a Theme group, a transparent option and a Download image button', async () => {
    render(<App store={createDesignerStore(memoryStorage())} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export image…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Export image' }); // the dialog loads on first use
    const format = within(dialog).getByRole('group', { name: 'Format' });
    expect(within(format).getAllByRole('radio')).toHaveLength(2);
    expect(checked(within(format).getByRole('radio', { name: /^PNG/ }))).toBe(true);
    const theme = within(dialog).getByRole('group', { name: 'Theme' });
    // The page's theme by default: light in jsdom's (stubbed) media query.
    expect(checked(within(theme).getByRole('radio', { name: 'Light' }))).toBe(true);
    expect(checked(within(dialog).getByRole('checkbox', { name: 'Transparent background' }))).toBe(false);
    expect((within(dialog).getByRole('button', { name: 'Download image' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('starts in the dark theme when the page is dark', async () => {
    vi.spyOn(window, 'matchMedia').mockImplementation(
      (query: string) =>
        ({ matches: query.includes('dark'), media: query, addEventListener() {}, removeEventListener() {} }) as unknown as MediaQueryList,
    );
    render(<App store={createDesignerStore(memoryStorage())} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export image…' }));
    expect(checked(await screen.findByRole('radio', { name: 'Dark' }))).toBe(true);
  });

  it('saves topology.svg in the chosen theme and background, carrying the topology', async () => {
    const store = createDesignerStore(memoryStorage());
    render(<App store={store} />);
    const saved: { blob?: Blob; name?: string } = {};
    URL.createObjectURL = (blob: Blob) => ((saved.blob = blob as Blob), 'blob:picture');
    URL.revokeObjectURL = () => undefined;
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.name = this.download;
    });
    fireEvent.click(screen.getByRole('button', { name: 'Export image…' }));
    fireEvent.click(await screen.findByRole('radio', { name: /^SVG/ }));
    fireEvent.click(screen.getByRole('radio', { name: 'Dark' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Transparent background' }));
    fireEvent.click(screen.getByRole('button', { name: 'Download image' }));
    await screen.findByText(/^Saved topology\.svg\. It carries the topology/);
    expect(saved.name).toBe('topology.svg');
    const svg = await readBlob(saved.blob ?? new Blob());
    expect(svg).toBe(topologySvg(store.getState().topology, { theme: 'dark', transparent: true }));
    const read = readSvgTopology(svg);
    expect(read.ok && serializeTopology(read.topology)).toBe(serializeTopology(store.getState().topology));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Export image' })).toBeNull());
  });
});

describe('opening a picture', () => {
  it.each([
    ['topology.svg', () => topologySvg(loadExample('pattern-4-km'))],
    ['diagram.png', () => pngWithTopology(solidPng(), loadExample('pattern-4-km'))],
  ])('Open… with %s restores its topology as one undo step', async (name, content) => {
    vi.spyOn(window, 'confirm').mockReturnValue(true);
    const store = createDesignerStore(memoryStorage());
    render(<App store={store} />);
    const before = store.getState().topology;
    pick([file(name, content())]);
    await screen.findByText(new RegExp(`^Opened ${name.replace('.', '\\.')}\\.`));
    expect(serializeTopology(store.getState().topology)).toBe(serializeTopology(loadExample('pattern-4-km')));
    store.temporal.getState().undo();
    expect(store.getState().topology).toEqual(before);
  });

  it.each([
    ['photo.png', () => solidPng(), /^Could not open photo\.png: this picture carries no topology: export it from the designer/],
    [
      'topology.png',
      () => {
        const png = pngWithTopology(solidPng(), loadExample('single-cp-gw'));
        png[png.length - 40] = (png[png.length - 40] ?? 0) ^ 0xff;
        return png;
      },
      /^Could not open topology\.png: the PNG is damaged: its tEXt chunk .* fails its CRC check\. Your topology is unchanged\./,
    ],
    ['drawing.svg', () => '<svg xmlns="http://www.w3.org/2000/svg"/>', /^Could not open drawing\.svg: this picture carries no topology/],
  ])('refuses %s, keeping the work', async (name, content, message) => {
    const store = createDesignerStore(memoryStorage());
    render(<App store={store} />);
    const before = store.getState().topology;
    pick([file(name, content())]);
    expect((await screen.findByRole('alert')).textContent).toMatch(message);
    expect(store.getState().topology).toBe(before);
  });

  it('refuses a picture past the size cap before reading it', async () => {
    const store = createDesignerStore(memoryStorage());
    render(<App store={store} />);
    const big = Object.defineProperty(file('huge.png', solidPng()), 'size', { value: 20_000_001 });
    pick([big]);
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^Could not open huge\.png: it is 20,000,001 bytes, too large for a picture/,
    );
  });
});

describe('the PNG scale', () => {
  it('is 2, or less when the canvas would pass what browsers draw', () => {
    expect(pngScale(1000, 600)).toBe(2);
    expect(pngScale(10_000, 500)).toBeCloseTo(1.6384);
    expect(pngScale(12_000, 12_000) * 12_000).toBeLessThanOrEqual(16_384);
    expect(pngScale(12_000, 12_000) ** 2 * 144_000_000).toBeLessThanOrEqual(120_000_001);
  });
});
