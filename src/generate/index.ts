// The zip writer is imported from './zip.ts' directly, so the page can load it only when it downloads.
export { generateBundle, nodeDocument } from './bundle.ts';
export { IncrementalGenerator } from './incremental.ts';
export type { Bundle, BundleFile, BundleFileKind, BundleOptions } from './bundle.ts';
export { generationContext } from './context.ts';
export { deploymentTomlPath, startCommand } from './runbook.ts';
export * from './toml/index.ts';
export { bundleKeyDiff, flatKeys } from './keyDiff.ts';
export type { FileKeyChanges, KeyChange } from './keyDiff.ts';
export { DIFF_CONTEXT, filesDiff, isDeployedFile, unifiedDiff } from './bundleDiff.ts';
export type { DiffHunk, DiffSource, FileDiff } from './bundleDiff.ts';
export { parseCustomToml } from './customToml.ts';
export type { CustomParse } from './customToml.ts';
export { PICTURE_PALETTES, topologySvg } from './svg.ts';
export type { PictureOptions, PictureTheme } from './svg.ts';
