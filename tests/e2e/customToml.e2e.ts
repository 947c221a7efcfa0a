/**
 * Custom TOML in the inspector, typed key by key: nothing reaches the files while the text is a draft; text that
 * does not parse stays in the field with its line and column and is listed in Problems; leaving the field applies
 * valid text as one undo step; on a load balancer it reaches every member, and a conflict's fix lets custom win.
 */
import type { Page } from '@playwright/test';
import { expect, fileText, test } from './fixtures.ts';

const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);
const GW1 = 'nodes/gw-1/repository/conf/deployment.toml';
const GW2 = 'nodes/gw-2/repository/conf/deployment.toml';
const pane = (page: Page) => page.locator('.react-flow__pane');

test('custom TOML on a gateway: a draft until left, a parse error kept in the field, one undo step', async ({ designer }) => {
  await node(designer, 'gw-1').click();
  const form = designer.getByRole('form', { name: 'Gateway gw-1' });
  const field = form.getByLabel('Custom TOML');
  await field.click();
  // A table header left open: the field says where, and nothing reaches the file.
  await field.pressSequentially('[apim.cache.resource\nenable = true');
  await pane(designer).click({ position: { x: 10, y: 10 } });
  await expect(
    designer.getByRole('list', { name: 'Problems' }).getByRole('button', { name: /gw-1: Custom TOML is not applied: Line 1, column/ }),
  ).toBeVisible();
  expect(await fileText(designer, GW1)).not.toContain('[apim.cache.resource]');

  // Back to the field (from Problems), close the header, and leave: applied.
  await designer
    .getByRole('list', { name: 'Problems' })
    .getByRole('button', { name: /gw-1: Custom TOML is not applied/ })
    .click();
  const again = designer.getByRole('form', { name: 'Gateway gw-1' }).getByLabel('Custom TOML');
  await expect(again).toBeFocused();
  await again.press('ControlOrMeta+Home');
  await again.press('End');
  await again.pressSequentially(']');
  await expect(again).toHaveValue('[apim.cache.resource]\nenable = true');
  await again.press('ControlOrMeta+Enter');
  expect(await fileText(designer, GW1)).toContain('[apim.cache.resource]');

  await designer.getByRole('button', { name: 'Undo' }).click();
  expect(await fileText(designer, GW1)).not.toContain('[apim.cache.resource]');
});

test('custom TOML on a load balancer reaches every member; "Let custom win" applies a conflicting key', async ({ designer }) => {
  await node(designer, 'gw-lb').click();
  const field = designer.getByRole('form', { name: 'Load Balancer gw-lb' }).getByLabel('Custom TOML');
  await field.click();
  await field.pressSequentially('[server]\nenable_shutdown_from_api = true\nhostname = "gw.example.com"');
  await pane(designer).click({ position: { x: 10, y: 10 } });
  expect(await fileText(designer, GW2)).toContain('enable_shutdown_from_api = true');
  expect(await fileText(designer, GW1)).toContain('hostname = "gw-lb.example.com"');
  await designer.getByRole('list', { name: 'Problems' }).getByRole('button', { name: 'Let custom win for server.hostname' }).click();
  expect(await fileText(designer, GW1)).toContain('hostname = "gw.example.com"');
  expect(await fileText(designer, GW2)).toContain('hostname = "gw.example.com"');
});

test('custom TOML naming a member every JavaScript object has is refused by name; the page keeps working', async ({ designer }) => {
  // The TOML parser took such a table for the object's own member and wrote the keys below onto it: typing this
  // broke Object.prototype.hasOwnProperty.call for the whole page, which stopped working.
  await node(designer, 'gw-1').click();
  const field = designer.getByRole('form', { name: 'Gateway gw-1' }).getByLabel('Custom TOML');
  await field.click();
  await field.pressSequentially('[apim.cache.gateway_token]\nenable = true\n[hasOwnProperty]\ncall = 1');
  await pane(designer).click({ position: { x: 10, y: 10 } });
  await expect(
    designer.getByRole('list', { name: 'Problems' }).getByRole('button', {
      name: /gw-1: Custom TOML is not applied: Line 3, column 2: "hasOwnProperty" cannot be a key here/,
    }),
  ).toBeVisible();
  expect(await fileText(designer, GW1)).not.toContain('[apim.cache.gateway_token]');

  // The page still answers: another node's form opens, and the realm's built-ins are whole.
  await node(designer, 'gw-2').click();
  await expect(designer.getByRole('form', { name: 'Gateway gw-2' })).toBeVisible();
  expect(await designer.evaluate(() => Object.prototype.hasOwnProperty.call({ a: 1 }, 'a'))).toBe(true);

  // Taking the table out applies the rest.
  await node(designer, 'gw-1').click();
  const again = designer.getByRole('form', { name: 'Gateway gw-1' }).getByLabel('Custom TOML');
  await again.click();
  await again.press('ControlOrMeta+End');
  for (let i = 0; i < '\n[hasOwnProperty]\ncall = 1'.length; i++) await again.press('Backspace');
  await expect(again).toHaveValue('[apim.cache.gateway_token]\nenable = true');
  await again.press('ControlOrMeta+Enter');
  expect(await fileText(designer, GW1)).toContain('[apim.cache.gateway_token]\nenable = true');
});
