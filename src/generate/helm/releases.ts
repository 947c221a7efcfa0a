/**
 * The Kubernetes plan of a generation (model/helm.ts): which of WSO2's Helm charts each cluster becomes, under which
 * release name, with how many instances.
 */
import type { HelmProblem, HelmRelease } from '../../model/index.ts';
import { helmReleases } from '../../model/index.ts';
import type { GenerationContext } from '../context.ts';

export type { HelmBranch, HelmChart, HelmProblem, HelmRelease, ReleaseServices } from '../../model/index.ts';
export { DEFAULT_RELEASE_NAMES, HELM_BRANCHES, chartFullname, helmBranchOf, ownerOf, servicesOf } from '../../model/index.ts';

/** The releases a topology becomes on Kubernetes, in install order, and what the charts cannot express. */
export function planReleases(context: GenerationContext): { releases: HelmRelease[]; problems: HelmProblem[] } {
  return helmReleases(context.topology, context.graph);
}
