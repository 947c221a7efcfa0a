// @vitest-environment jsdom
/**
 * The Kubernetes platform in the inspector (issue 18): the platform, namespace, ingress and Gateway name in the
 * settings, each edit one undo step, an invalid name kept in its field with the fix.
 */
import { memoryStorage } from './dom.ts';
import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { App } from '../../src/ui/App.tsx';
import { createDesignerStore } from '../../src/store/index.ts';

function renderPage() {
  const store = createDesignerStore(memoryStorage());
  const user = userEvent.setup();
  render(<App store={store} />);
  const settings = screen.getByRole('form', { name: 'Topology settings' });
  return { store, user, settings: within(settings) };
}

const options = (select: HTMLElement) =>
  within(select)
    .getAllByRole('option')
    .map((o) => o.textContent);

describe('the platform setting', () => {
  it('is virtual machines until Kubernetes is chosen, which shows the namespace, the ingress and the Gateway name', async () => {
    const { store, user, settings } = renderPage();
    const platform = settings.getByLabelText('Platform');
    expect(platform).toHaveProperty('value', 'vm');
    expect(options(platform)).toEqual(['Virtual machines', 'Kubernetes (WSO2 Helm charts)']);
    expect(settings.queryByLabelText('Namespace')).toBeNull();
    const steps = () => store.temporal.getState().pastStates.length;
    const before = steps();

    await user.selectOptions(platform, 'kubernetes');
    expect(store.getState().topology.settings.platform).toBe('kubernetes');
    expect(steps()).toBe(before + 1);
    expect(settings.getByLabelText('Namespace')).toHaveProperty('placeholder', 'apim');
    // The sample is on 4.7: both modes, the Gateway API by default.
    expect(options(settings.getByLabelText('Ingress'))).toEqual(['Gateway API', 'NGINX ingress']);
    expect(settings.getByLabelText('Ingress')).toHaveProperty('value', 'gateway-api');
    expect(settings.getByLabelText('Gateway name')).toHaveProperty('placeholder', 'wso2-apim-gateway');

    await user.selectOptions(settings.getByLabelText('Ingress'), 'nginx');
    expect(store.getState().topology.settings.kubernetes).toEqual({ ingress: 'nginx' });
    expect(settings.queryByLabelText('Gateway name')).toBeNull();

    // Back to virtual machines: the platform is absent again, and the Kubernetes settings wait for a switch back.
    await user.selectOptions(settings.getByLabelText('Platform'), 'vm');
    expect(store.getState().topology.settings).not.toHaveProperty('platform', expect.anything());
    expect(store.getState().topology.settings.kubernetes).toEqual({ ingress: 'nginx' });
    expect(settings.queryByLabelText('Ingress')).toBeNull();
    act(() => store.getState().undo());
    expect(store.getState().topology.settings.platform).toBe('kubernetes');
  });

  it('takes a namespace that is a DNS label; anything else stays in the field with the fix; empty is the default', async () => {
    const { store, user, settings } = renderPage();
    await user.selectOptions(settings.getByLabelText('Platform'), 'kubernetes');
    const namespace = settings.getByLabelText('Namespace');
    await user.type(namespace, 'WSO2_apim{Enter}');
    expect(settings.getByRole('alert').textContent).toBe(
      'A namespace: use lower-case letters, digits and hyphens, starting and ending with a letter or digit (at most 63), such as apim',
    );
    expect(store.getState().topology.settings.kubernetes).toBeUndefined();
    await user.clear(namespace);
    await user.type(namespace, 'wso2-apim{Enter}');
    expect(settings.queryByRole('alert')).toBeNull();
    expect(store.getState().topology.settings.kubernetes).toEqual({ namespace: 'wso2-apim' });
    await user.clear(namespace);
    await user.keyboard('{Enter}');
    expect(store.getState().topology.settings.kubernetes).toBeUndefined();
  });

  it('offers only the ingress modes of the version’s chart branch, and says when a version has no charts', async () => {
    const { store, user, settings } = renderPage();
    await user.selectOptions(settings.getByLabelText('Platform'), 'kubernetes');
    await user.type(settings.getByLabelText('Gateway name'), 'edge{Enter}');
    expect(store.getState().topology.settings.kubernetes).toEqual({ gatewayName: 'edge' });

    act(() => store.getState().setProduct('4.6.0'));
    // Before 4.7 the chart's default is NGINX ingress; the Gateway API is still there to choose.
    expect(settings.getByLabelText('Ingress')).toHaveProperty('value', 'nginx');
    expect(options(settings.getByLabelText('Ingress'))).toEqual(['Gateway API', 'NGINX ingress']);
    await user.selectOptions(settings.getByLabelText('Ingress'), 'gateway-api');
    expect(store.getState().topology.settings.kubernetes).toEqual({ gatewayName: 'edge', ingress: 'gateway-api' });

    // helm-apim 4.4.x renders no Gateway API routes: the mode chosen is shown as not there, and NGINX is offered.
    act(() => store.getState().setProduct('4.4.0'));
    expect(options(settings.getByLabelText('Ingress'))).toEqual(['NGINX ingress', 'Gateway API (not in helm-apim 4.4.x)']);
    act(() => store.getState().setProduct('4.2.0'));
    await user.selectOptions(settings.getByLabelText('Ingress'), 'nginx');
    expect(options(settings.getByLabelText('Ingress'))).toEqual(['NGINX ingress']);

    act(() => store.getState().setProduct('4.1.0'));
    expect(settings.queryByLabelText('Ingress')).toBeNull();
    expect(settings.getByText(/WSO2 ships no Helm charts for API-M 4\.1\.0/)).toBeTruthy();
  });
});
