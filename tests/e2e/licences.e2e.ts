/**
 * The built page ships the licence of every package bundled into it (Vite's build.license), at
 * THIRD-PARTY-LICENSES.md beside index.html.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { dependencies: Record<string, string> };
/** Runtime dependencies that never reach the page: the CLI's TypeScript runner. */
const NOT_BUNDLED = new Set(['tsx']);

test('THIRD-PARTY-LICENSES.md names every bundled package with its version and licence text', async ({ request }) => {
  const response = await request.get('/THIRD-PARTY-LICENSES.md');
  expect(response.ok()).toBe(true);
  const text = await response.text();
  for (const [name, version] of Object.entries(pkg.dependencies)) {
    if (NOT_BUNDLED.has(name)) continue;
    expect(text, name).toContain(`## ${name} - ${version} (`);
  }
  // The licences themselves, not only the names.
  expect(text).toMatch(/Permission is hereby granted, free of charge/);
  expect(text).toMatch(/ISC License|Permission to use, copy, modify, and\/or distribute/);
});
