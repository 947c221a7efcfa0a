/**
 * What the inspector says about the Kubernetes platform: the ingress modes a version's chart branch renders, and how
 * the settings' Kubernetes table is patched.
 */
import type { HelmBranch, IngressMode, KubernetesSettings, Settings } from '../../model/index.ts';
import { hasGatewayApi } from '../../model/index.ts';

/** Under a password or key on the Kubernetes platform: the files take it from the credentials Secret, never from here. */
export const FROM_SECRET_HINT = 'On Kubernetes no file holds it: the runbook asks for it and keeps it in the Secret apim-credentials.';

export const PLATFORM_LABELS = { vm: 'Virtual machines', kubernetes: 'Kubernetes (WSO2 Helm charts)' } as const;

export const INGRESS_LABELS: Record<IngressMode, string> = {
  'gateway-api': 'Gateway API',
  nginx: 'NGINX ingress',
};

/** The modes a chart branch renders: NGINX ingress on all, the Gateway API on helm-apim 4.3.x and 4.5.x onwards. */
export function ingressModesOf(branch: HelmBranch): readonly IngressMode[] {
  return hasGatewayApi(branch) ? ['gateway-api', 'nginx'] : ['nginx'];
}

/** The settings' Kubernetes table with `patch` applied; absent when nothing is left in it. */
export function patchKubernetes(settings: Settings, patch: Partial<KubernetesSettings>): KubernetesSettings | undefined {
  const entries = Object.entries({ ...settings.kubernetes, ...patch }).filter(([, value]) => value !== undefined);
  return entries.length > 0 ? (Object.fromEntries(entries) as KubernetesSettings) : undefined;
}
