/**
 * The built page ships the licence of every package bundled into it (Vite's build.license), at
 * THIRD-PARTY-LICENSES.md beside index.html.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { devDependencies: Record<string, string> };
/**
 * The packages the page bundles, named here since every package is a dev dependency: the page is bundled by Vite and
 * the CLI by esbuild, so nothing is needed at run time and the packed CLI installs nothing.
 */
const PAGE_PACKAGES = [
  '@iarna/toml',
  '@xyflow/react',
  'diff',
  'elkjs',
  'fflate',
  'prismjs',
  'react',
  'react-dom',
  'valibot',
  'zundo',
  'zustand',
];

test('THIRD-PARTY-LICENSES.md names every bundled package with its version and licence text', async ({ request }) => {
  const response = await request.get('/THIRD-PARTY-LICENSES.md');
  expect(response.ok()).toBe(true);
  const text = await response.text();
  for (const name of PAGE_PACKAGES) {
    const version = pkg.devDependencies[name];
    expect(version, name).toBeDefined();
    expect(text, name).toContain(`## ${name} - ${version} (`);
  }
  // The licences themselves, not only the names.
  expect(text).toMatch(/Permission is hereby granted, free of charge/);
  expect(text).toMatch(/ISC License|Permission to use, copy, modify, and\/or distribute/);
});
