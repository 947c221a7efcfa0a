/**
 * What the inspector says about the Kubernetes platform: the ingress modes a version's chart branch offers, and
 * how the settings' Kubernetes table is patched.
 */
import type { IngressMode, KubernetesSettings, ProductVersion, Settings } from '../../model/index.ts';

export const PLATFORM_LABELS = { vm: 'Virtual machines', kubernetes: 'Kubernetes (WSO2 Helm charts)' } as const;

export const INGRESS_LABELS: Record<IngressMode, string> = {
  'gateway-api': 'Gateway API',
  nginx: 'NGINX ingress',
};

/** The wso2/helm-apim branch of a version (`4.7.x`), or undefined before 4.2, where WSO2 ships no charts. */
export function chartBranchOf(product: ProductVersion): string | undefined {
  const [major, minor] = product.split('.').map(Number) as [number, number];
  return major > 4 || (major === 4 && minor >= 2) ? `${major}.${minor}.x` : undefined;
}

/** The modes a version's chart branch renders: the Gateway API on helm-apim 4.3.x and 4.5.x+, NGINX ingress on all. */
export function ingressModesOf(product: ProductVersion): readonly IngressMode[] {
  const branch = chartBranchOf(product);
  if (!branch) return [];
  return branch === '4.2.x' || branch === '4.4.x' ? ['nginx'] : ['gateway-api', 'nginx'];
}

/** The mode a topology that names none gets: the Gateway API on 4.7 (the chart's default), NGINX ingress before. */
export function defaultIngressMode(product: ProductVersion): IngressMode {
  const [major, minor] = product.split('.').map(Number) as [number, number];
  return major > 4 || (major === 4 && minor >= 7) ? 'gateway-api' : 'nginx';
}

/** The settings' Kubernetes table with `patch` applied; absent when nothing is left in it. */
export function patchKubernetes(settings: Settings, patch: Partial<KubernetesSettings>): KubernetesSettings | undefined {
  const entries = Object.entries({ ...settings.kubernetes, ...patch }).filter(([, value]) => value !== undefined);
  return entries.length > 0 ? (Object.fromEntries(entries) as KubernetesSettings) : undefined;
}
