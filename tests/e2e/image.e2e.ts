/**
 * Pictures in Chromium: Export image… saves a PNG drawn by the browser, carrying the topology; opened in a fresh page
 * (its own storage, no autosave) it gives the same files.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, fileText, test, typeInto } from './fixtures.ts';

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

/** Every generated file of the page, by its tab's name. */
async function allFiles(page: Page): Promise<Map<string, string>> {
  const tabs = await page.getByRole('tablist', { name: 'Generated files' }).getByRole('tab').allTextContents();
  const files = new Map<string, string>();
  for (const tab of tabs) files.set(tab, await fileText(page, tab));
  return files;
}

/** The chunk types of a PNG, in order, and its size from IHDR. */
function pngLayout(bytes: Buffer): { types: string[]; width: number; height: number } {
  const types: string[] = [];
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    types.push(bytes.toString('latin1', at + 4, at + 8));
    at += 12 + length;
  }
  return { types, width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('export PNG with the keyboard, open it in a fresh page: the same files', async ({ designer, browser }) => {
  test.setTimeout(60_000);
  // A change of its own, so the picture carries this topology and not the sample.
  await node(designer, 'gw-2').click();
  await typeInto(designer.getByRole('form', { name: 'Gateway gw-2' }).getByLabel('Port offset'), '3');
  await expect(node(designer, 'gw-2')).toContainText(':3');
  const before = await allFiles(designer);
  expect([...before.keys()]).toContain('topology.svg');

  // As a person with a keyboard: focus the button, Enter, choose PNG and Light with the arrow keys, Download image.
  await designer.getByRole('button', { name: 'Export image…' }).focus();
  await designer.keyboard.press('Enter');
  const dialog = designer.getByRole('dialog', { name: 'Export image' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('radio', { name: /^SVG/ }).focus();
  await designer.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('radio', { name: /^PNG/ })).toBeChecked();
  await dialog.getByRole('radio', { name: 'Light' }).check();
  const [download] = await Promise.all([designer.waitForEvent('download'), dialog.getByRole('button', { name: 'Download image' }).click()]);
  expect(download.suggestedFilename()).toBe('topology.png');
  await expect(dialog).toBeHidden();
  const png = readFileSync((await download.path()) ?? '');
  const layout = pngLayout(png);
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(layout.types[0]).toBe('IHDR');
  expect(layout.types.slice(-2)).toEqual(['tEXt', 'IEND']);
  // Drawn at twice the picture's size: the SVG's width and height are in its first line's attributes.
  const svgSize = /width="(\d+)" height="(\d+)"/.exec(before.get('topology.svg') ?? '');
  expect([layout.width, layout.height]).toEqual([Number(svgSize?.[1]) * 2, Number(svgSize?.[2]) * 2]);

  // A fresh page in its own context: no autosave, the sample on the canvas.
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL ?? '', viewport: { width: 1440, height: 900 } });
  const fresh = await context.newPage();
  const errors: string[] = [];
  fresh.on('pageerror', (e) => errors.push(e.message));
  fresh.on('dialog', (d) => void d.accept());
  await fresh.goto('/');
  // The generator loads in a worker of its own: on a busy machine that takes a while.
  await expect(fresh.getByRole('tablist', { name: 'Generated files' }).getByRole('tab').first()).toBeVisible({ timeout: 20_000 });
  await expect(node(fresh, 'gw-2')).not.toContainText(':3');
  await fresh.getByLabel('Open a topology file').setInputFiles({ name: 'topology.png', mimeType: 'image/png', buffer: png });
  await expect(fresh.getByText(/^Opened topology\.png\./)).toBeVisible();
  await expect(node(fresh, 'gw-2')).toContainText(':3');
  const after = await allFiles(fresh);
  expect([...after.keys()]).toEqual([...before.keys()]);
  for (const [path, content] of before) expect(after.get(path), path).toBe(content);
  expect(errors).toEqual([]);
  await context.close();
});

test('a PNG that carries no topology is refused with a message, and the work stays', async ({ designer }) => {
  await node(designer, 'gw-2').click();
  await typeInto(designer.getByRole('form', { name: 'Gateway gw-2' }).getByLabel('Port offset'), '3');
  // A real PNG without the topology's chunk: the picture of an empty canvas from the browser itself.
  const png = await designer.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 4;
    canvas.height = 4;
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    return [...new Uint8Array(await (blob ?? new Blob()).arrayBuffer())];
  });
  await designer.getByLabel('Open a topology file').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from(png) });
  await expect(designer.getByRole('alert').filter({ hasText: 'Could not open photo.png' })).toContainText(
    'this picture carries no topology: export it from the designer',
  );
  await expect(node(designer, 'gw-2')).toContainText(':3');
});
