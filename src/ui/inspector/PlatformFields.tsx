/** The topology's platform: virtual machines, or Kubernetes through WSO2's Helm charts (its namespace and ingress). */
import type { KubernetesSettings, Topology } from '../../model/index.ts';
import { KUBERNETES_DEFAULTS, NAMESPACE_PATTERN, PLATFORMS, helmBranchOf, ingressModeOf, platformOf } from '../../model/index.ts';
import { useDesigner } from '../store.tsx';
import { Fieldset, SelectField, TextField, pattern } from './fields.tsx';
import type { Parse } from './fields.tsx';
import { INGRESS_LABELS, PLATFORM_LABELS, ingressModesOf, patchKubernetes } from './kubernetes.ts';

/** A DNS-1123 label, or empty for the default. */
function dnsLabel(what: string, example: string): Parse<string> {
  const label = pattern(
    NAMESPACE_PATTERN,
    `${what}: use lower-case letters, digits and hyphens, starting and ending with a letter or digit (at most 63), such as ${example}`,
  );
  return (text) => (text === '' ? { ok: true, value: '' } : label(text));
}

const namespaceField = dnsLabel('A namespace', KUBERNETES_DEFAULTS.namespace);
const gatewayNameField = dnsLabel('A Gateway name', KUBERNETES_DEFAULTS.gatewayName);

export function PlatformFields({ topology }: { topology: Topology }) {
  const updateSettings = useDesigner((s) => s.updateSettings);
  const { settings, product } = topology;
  const platform = platformOf(settings);
  const kubernetes = settings.kubernetes ?? {};
  const set = (patch: Partial<KubernetesSettings>) => updateSettings({ kubernetes: patchKubernetes(settings, patch) });
  const branch = helmBranchOf(product);
  const modes = branch ? ingressModesOf(branch) : [];
  const ingress = ingressModeOf(topology);
  return (
    <Fieldset legend="Platform">
      <SelectField
        label="Platform"
        value={platform}
        options={PLATFORMS.map((value) => ({ value, label: PLATFORM_LABELS[value] }))}
        // Absent means virtual machines; the Kubernetes settings stay, for a switch back.
        onChange={(to) => updateSettings({ platform: to === 'vm' ? undefined : to })}
      />
      {platform === 'vm' && <p className="hint">A deployment.toml per API-M node and an nginx.conf per load balancer.</p>}
      {platform === 'kubernetes' && (
        <>
          <p className="hint">
            {branch
              ? `A values.yaml per Helm release (wso2/helm-apim ${branch.branch}): each cluster is one release, each load balancer its hostname. Name the releases on the load balancers.`
              : `WSO2 ships no Helm charts for API-M ${product} (wso2/helm-apim starts at 4.2): choose 4.2.0 or later, or virtual machines.`}
          </p>
          <TextField
            label="Namespace"
            value={kubernetes.namespace ?? ''}
            parse={namespaceField}
            maxLength={63}
            placeholder={KUBERNETES_DEFAULTS.namespace}
            onChange={(namespace) => set({ namespace: namespace === '' ? undefined : namespace })}
            hint={`Where the releases are installed, but for those that name their own. Empty: ${KUBERNETES_DEFAULTS.namespace}.`}
          />
          {branch && (
            <SelectField
              label="Ingress"
              value={ingress}
              options={[...new Set([...modes, ingress])].map((value) => ({
                value,
                label: `${INGRESS_LABELS[value]}${modes.includes(value) ? '' : ` (not in helm-apim ${branch.branch})`}`,
              }))}
              onChange={(mode) => set({ ingress: mode })}
            />
          )}
          {branch && ingress === 'gateway-api' && (
            <TextField
              label="Gateway name"
              value={kubernetes.gatewayName ?? ''}
              parse={gatewayNameField}
              maxLength={63}
              placeholder={KUBERNETES_DEFAULTS.gatewayName}
              onChange={(gatewayName) => set({ gatewayName: gatewayName === '' ? undefined : gatewayName })}
              hint={`The Gateway API Gateway the releases' routes attach to, installed beforehand. Empty: ${KUBERNETES_DEFAULTS.gatewayName}.`}
            />
          )}
        </>
      )}
    </Fieldset>
  );
}
