/**
 * Input too big to take at once: a link of 5,000 nodes is asked about first, declining keeps the work,
 * and accepting never blocks the page for 2 s or more (the files are written in a worker, the canvas is
 * drawn in batches); a zip whose headers lie about its size is refused quickly. Stalls are the page's
 * own long tasks, as Chromium reports them.
 */
import { deflateRawSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { expect, test, typeInto } from './fixtures.ts';
import { benchTopology } from '../bench/topologies.ts';
import { encodeLink } from '../../src/share/index.ts';

const STALL_MS = 2_000;

/** Records every long task of the page from its first moment. */
async function watchLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const tasks: { start: number; duration: number }[] = [];
    (window as unknown as { longTasks: typeof tasks }).longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The longest task that started after `since` (page time, ms). */
function longestSince(page: Page, since: number): Promise<number> {
  return page.evaluate((from) => {
    const tasks = (window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks;
    return Math.max(0, ...tasks.filter((t) => t.start >= from).map((t) => t.duration));
  }, since);
}

const now = (page: Page) => page.evaluate(() => performance.now());

test.describe(() => {
  test.beforeEach(({ page }) => watchLongTasks(page));

  test('a 5,000-node link asks first; declining keeps the work, accepting never stalls the page for 2 s', async ({ designer }) => {
    test.setTimeout(120_000);
    const link = encodeLink(benchTopology(5_000), new URL('/', designer.url()).href);
    // Work of one's own first.
    await designer.locator('.react-flow__node[data-id="gw-2"]').click();
    await typeInto(designer.getByRole('form', { name: 'Gateway gw-2' }).getByLabel('Port offset'), '3');

    const asked: string[] = [];
    designer.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.dismiss();
    });
    await designer.goto(link);
    await expect(designer.getByRole('status').filter({ hasText: 'Did not open' })).toContainText('your topology is unchanged');
    expect(asked[0]).toMatch(/has 5,000 nodes/);
    await expect(designer.locator('.react-flow__node[data-id="gw-2"]')).toContainText(':3');

    const since = await now(designer);
    designer.once('dialog', (dialog) => void dialog.accept());
    await designer.goto(link); // the same link again (declining cleared it from the address)
    // Drawn in batches, with the count on screen, until every node is there.
    await expect(designer.getByRole('status').filter({ hasText: /^Drawing [\d,]+ of 5,000 nodes/ })).toBeVisible();
    await expect(designer.getByRole('status').filter({ hasText: 'now laid out in rows by kind' })).toContainText(
      '4,999 nodes were on top of others',
    );
    await expect(designer.getByRole('heading', { name: /Generated files/ })).toContainText('(5,005)', { timeout: 30_000 });
    await expect(designer.getByRole('status').filter({ hasText: /^Drawing/ })).toHaveCount(0, { timeout: 90_000 });
    // A long list is cut, with the way to the rest.
    await expect(designer.getByText(/more files: type in the filter to find them/)).toBeVisible();
    const longest = await longestSince(designer, since);
    expect(longest, 'the longest task while opening and drawing (ms)').toBeLessThan(STALL_MS);
    // And the page answers: a file is found by the filter and shown.
    await typeInto(designer.getByRole('searchbox', { name: 'Filter files' }), 'gw-42-7/', { enter: false });
    await designer.getByRole('tab', { name: 'nodes/gw-42-7/repository/conf/deployment.toml' }).click();
    await expect(designer.getByRole('tabpanel')).toContainText('[apim.throttling]');
  });

  test('a zip that lies about its size is refused with a message, and the page never stalls for 2 s', async ({ designer }) => {
    // topology.json of 200 MB of spaces, deflated to about 200 KB, its headers saying it is 100 bytes.
    const lying = lyingZip(200_000_000);
    expect(lying.length).toBeLessThan(400_000);
    const since = await now(designer);
    await designer
      .getByLabel('Open a topology file')
      .setInputFiles({ name: 'bomb.zip', mimeType: 'application/zip', buffer: Buffer.from(lying) });
    await expect(designer.getByRole('alert').filter({ hasText: 'Could not open bomb.zip' })).toContainText('unpacks to more than');
    await expect(designer.locator('.react-flow__node[data-id="gw-1"]')).toBeVisible();
    expect(await longestSince(designer, since), 'the longest task while reading the zip (ms)').toBeLessThan(STALL_MS);
  });
});

/** A zip of one deflated topology.json of `size` spaces whose headers say it holds 100 bytes. */
function lyingZip(size: number): Uint8Array {
  const name = Buffer.from('topology.json');
  const data = deflateRawSync(Buffer.alloc(size, 0x20), { level: 9 });
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(0, 14); // crc (never reached: the read stops at the cap)
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(100, 22); // the lie
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(100, 24); // the lie again
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42); // local header offset
  const centralAt = local.length + name.length + data.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(centralAt, 16);
  return new Uint8Array(Buffer.concat([local, name, data, central, name, end]));
}
