/**
 * The Kubernetes bundle as its readers see it (issue 18's contract): `helm/releases.json`, a list of
 * `{ release, chart, chartVersion, namespace, values }` in install order, and each release's `helm/<release>/values.yaml`.
 */
import { parse } from 'yaml';
import type { Bundle } from '../../../src/generate/index.ts';
import { generateBundle } from '../../../src/generate/index.ts';
import type { Diagnostic, ProductVersion, Topology } from '../../../src/model/index.ts';
import { presetOn } from '../../../src/model/patterns.ts';

/** One entry of `helm/releases.json`. */
export interface ReleaseEntry {
  readonly release: string;
  readonly chart: string;
  readonly chartVersion: string;
  readonly namespace: string;
  readonly values: string;
}

/** A release of the bundle: its entry, its chart's name (`wso2am-acp`) and its parsed values file. */
export interface BundleRelease {
  readonly entry: ReleaseEntry;
  readonly chartName: string;
  readonly values: Record<string, unknown>;
}

export interface HelmBundle {
  readonly bundle: Bundle;
  readonly releases: readonly BundleRelease[];
  readonly errors: readonly Diagnostic[];
}

/** The versions WSO2 ships Helm charts for (wso2/helm-apim 4.2.x–4.7.x). */
export const HELM_VERSIONS: readonly ProductVersion[] = ['4.2.0', '4.3.0', '4.4.0', '4.5.0', '4.6.0', '4.7.0'];

/** The topology on the Kubernetes platform (or another), on `version` as a preset opens it (encryption key, analytics type). */
export function onPlatform(t: Topology, platform: 'vm' | 'kubernetes', version: ProductVersion = t.product): Topology {
  const moved = version === t.product ? t : presetOn(t, version, t.name);
  return { ...moved, settings: { ...moved.settings, platform } };
}

/** Generates the topology and reads its Helm files; throws when releases.json names a file the bundle lacks. */
export function helmBundle(t: Topology): HelmBundle {
  const bundle = generateBundle(t);
  const errors = bundle.diagnostics.filter((d) => d.severity === 'error');
  const index = bundle.files.find((f) => f.path === 'helm/releases.json');
  if (!index) return { bundle, releases: [], errors };
  const entries = JSON.parse(index.content) as ReleaseEntry[];
  const releases = entries.map((entry) => {
    const file = bundle.files.find((f) => f.path === entry.values);
    if (!file) throw new Error(`helm/releases.json names ${entry.values}, which the bundle does not hold`);
    const values: unknown = parse(file.content);
    return { entry, chartName: entry.chart.replace(/^wso2\//, ''), values: (values ?? {}) as Record<string, unknown> };
  });
  return { bundle, releases, errors };
}
