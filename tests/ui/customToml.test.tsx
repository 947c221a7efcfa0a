// @vitest-environment jsdom
/**
 * The Custom TOML editor in the inspector: a commit reaches the files as one undo step, text that does not parse stays
 * in the field with its line and column and never reaches the files, and a conflict's fix in Problems lets custom win.
 */
import { memoryStorage } from './dom.ts';
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.tsx';
import { createDesignerStore } from '../../src/store/index.ts';
import { customTomlProblem } from '../../src/ui/inspector/CustomTomlField.tsx';

afterEach(cleanup);

function renderPage() {
  const store = createDesignerStore(memoryStorage());
  const user = userEvent.setup();
  render(<App store={store} />);
  return { store, user };
}

async function fileText(path: string): Promise<string> {
  const tab = await screen.findByRole('tab', { name: path });
  await act(async () => tab.click());
  return within(screen.getByRole('tabpanel')).getByLabelText(`Contents of ${path}`).textContent ?? '';
}

const GW1 = 'nodes/gw-1/repository/conf/deployment.toml';
const GW2 = 'nodes/gw-2/repository/conf/deployment.toml';

describe('the Custom TOML editor', () => {
  it('applies the text when the field is left, as one undo step, and the file carries it', async () => {
    const { store, user } = renderPage();
    act(() => store.getState().select({ nodes: ['gw-1'] }));
    const form = screen.getByRole('form', { name: 'Gateway gw-1' });
    const field = within(form).getByLabelText('Custom TOML');
    await user.click(field);
    await user.paste('[apim.cache.resource]\nenable = true\n');
    // A draft until the field is left: nothing in the topology yet.
    expect(store.getState().topology.nodes.find((n) => n.id === 'gw-1')).not.toHaveProperty('customToml');
    await user.tab();
    expect(store.getState().topology.nodes.find((n) => n.id === 'gw-1')).toHaveProperty(
      'customToml',
      '[apim.cache.resource]\nenable = true\n',
    );
    expect(await fileText(GW1)).toContain('[apim.cache.resource]');
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    expect(store.getState().topology.nodes.find((n) => n.id === 'gw-1')).not.toHaveProperty('customToml', expect.any(String));
  });

  it('keeps text that does not parse in the field, with its line and column, out of the files', async () => {
    const { store, user } = renderPage();
    const before = await fileText(GW1);
    act(() => store.getState().select({ nodes: ['gw-1'] }));
    const form = screen.getByRole('form', { name: 'Gateway gw-1' });
    const field = within(form).getByLabelText('Custom TOML');
    await user.click(field);
    await user.paste('[server]\nfoo = = 1\n');
    await user.tab();
    expect(within(form).getByRole('alert').textContent).toMatch(/^Line 2, column 7: /);
    expect(field).toHaveProperty('value', '[server]\nfoo = = 1\n');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(store.getState().topology.nodes.find((n) => n.id === 'gw-1')).not.toHaveProperty('customToml', expect.any(String));
    expect(await fileText(GW1)).toBe(before);
    // Listed in Problems until fixed or dropped.
    expect(within(screen.getByRole('list', { name: 'Problems' })).getByText(/Custom TOML is not applied/)).toBeTruthy();
  });

  it('on a load balancer, reaches every member; a conflict’s fix in Problems lets custom win', async () => {
    const { store, user } = renderPage();
    act(() => store.getState().select({ nodes: ['gw-lb'] }));
    const form = screen.getByRole('form', { name: 'Load Balancer gw-lb' });
    await user.click(within(form).getByLabelText('Custom TOML'));
    await user.paste('[server]\nenable_shutdown_from_api = true\nhostname = "gw.example.com"\n');
    await user.tab();
    expect(await fileText(GW2)).toContain('enable_shutdown_from_api = true');
    // The cluster's hostname, as the designer writes it: a conflict, so the designer's value stays.
    expect(await fileText(GW1)).toContain('hostname = "gw-lb.example.com"');
    const problems = screen.getByRole('list', { name: 'Problems' });
    await user.click(await within(problems).findByRole('button', { name: 'Let custom win for server.hostname' }));
    expect(store.getState().topology.nodes.find((n) => n.id === 'gw-lb')).toHaveProperty('customTomlOverrides', ['server.hostname']);
    await waitFor(async () => expect(await fileText(GW1)).toContain('hostname = "gw.example.com"'));
    expect(within(screen.getByRole('list', { name: 'Problems' })).queryByRole('button', { name: /Let custom win/ })).toBeNull();
  });
});

describe('customTomlProblem', () => {
  it.each([
    ['', ''],
    ['[a]\nb = 1', ''],
    ['[a\nb = 1', /^Line 1, column \d+: /],
    ['top = 1', /outside any table/],
  ])('%j', (text, expected) => {
    if (typeof expected === 'string') expect(customTomlProblem(text)).toBe(expected);
    else expect(customTomlProblem(text)).toMatch(expected);
  });
});
