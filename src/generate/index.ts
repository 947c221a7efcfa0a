export { generateBundle, nodeDocument } from './bundle.ts';
export type { Bundle, BundleFile, BundleFileKind } from './bundle.ts';
export { zipBundle } from './zip.ts';
export { generationContext } from './context.ts';
export { deploymentTomlPath, startCommand } from './runbook.ts';
export * from './toml/index.ts';
