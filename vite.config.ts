/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  // @iarna/toml reads `global.Buffer`; in the browser that global is `globalThis`.
  define: { global: 'globalThis' },
  // The licence of every package in the page and its worker, shipped beside them.
  build: { license: { fileName: 'THIRD-PARTY-LICENSES.md' } },
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    // Component tests opt into jsdom with a `// @vitest-environment jsdom` comment.
    testTimeout: 30_000,
  },
});
