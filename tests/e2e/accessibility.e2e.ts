/**
 * axe-core (from npm, injected into the page) finds no serious or critical violation in light or dark
 * mode: on first load, with a node selected, with a field showing an error, and with a dialog open.
 */
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** The serious and critical violations on the page as it is now, one line each. */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return found
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 4)
          .join(', ')})`,
    );
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} mode`, () => {
    test.beforeEach(async ({ designer }) => {
      await designer.emulateMedia({ colorScheme: scheme });
    });

    test('first load', async ({ designer }) => {
      expect(await violations(designer)).toEqual([]);
    });

    test('a node selected, with a field showing an error', async ({ designer }) => {
      await designer.locator('.react-flow__node[data-id="gw-2"]').click();
      const offset = designer.getByRole('form', { name: 'Gateway gw-2' }).getByLabel('Port offset');
      await offset.click();
      await offset.press('ControlOrMeta+a');
      await offset.pressSequentially('70000');
      await expect(designer.getByRole('form', { name: 'Gateway gw-2' }).getByRole('alert')).toBeVisible();
      expect(await violations(designer)).toEqual([]);
    });

    test('the share dialog open', async ({ designer }) => {
      await designer.getByRole('button', { name: /Share/ }).click();
      await expect(designer.getByRole('dialog', { name: 'Share this topology' })).toBeVisible();
      expect(await violations(designer)).toEqual([]);
    });
  });
}
