/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import type { BuildOptions } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * @iarna/toml's parser reaches Node's `util.inspect` through `eval("require('util').inspect")`, only to
 * print a value in one error message; in a browser the call is never reached. The bundler's warning
 * about it is expected, so it is not shown.
 */
const withoutTomlEval: NonNullable<NonNullable<BuildOptions['rolldownOptions']>['onLog']> = (level, log, handler) => {
  if (log.code === 'EVAL' && log.id?.includes('@iarna/toml')) return;
  handler(level, log);
};

export default defineConfig({
  plugins: [react()],
  // @iarna/toml reads `global.Buffer`; in the browser that global is `globalThis`.
  define: { global: 'globalThis' },
  build: {
    // The licence of every package in the page and its worker, shipped beside them.
    license: { fileName: 'THIRD-PARTY-LICENSES.md' },
    // The entry is React, React Flow and the page (about 500 kB, 158 kB gzip; README "UI benchmark"):
    // one chunk on purpose, since all of it draws the first screen. The parts of the page that wait for the
    // generation worker or for a person (the settings form, the files panel, the Problems list, a node's form,
    // dialogs; src/ui/deferred.tsx) load after it, as do the autosave's restore path (valibot, the schema), the
    // code that opens links and files, the generation core, the link codec, the zip code, the highlighter and
    // Auto-layout.
    chunkSizeWarningLimit: 600,
    // Every browser the build targets but Firefox < 115 and Safari < 17 preloads modules itself; those two
    // then fetch each chunk when it is imported, which is all the polyfill's fetch would have done early.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      onLog: withoutTomlEval,
      // Everything the first screen loads in one chunk: the parts loaded later (dialogs, a node's form)
      // share modules with it, which the bundler would otherwise split into small chunks of their own,
      // each compressed apart and fetched before the page runs.
      output: { codeSplitting: { groups: [{ name: 'page', tags: ['$initial'] }] } },
    },
  },
  worker: { rolldownOptions: { onLog: withoutTomlEval } },
  test: {
    include: ['tests/**/*.test.ts', 'tests/**/*.test.tsx'],
    environment: 'node',
    // Component tests opt into jsdom with a `// @vitest-environment jsdom` comment.
    testTimeout: 30_000,
    // One module graph per worker instead of per test file: the suite's time was mostly re-importing
    // the same modules (about 100 s → 40 s). Tests share no module state that matters: stores and
    // storage are made per test.
    isolate: false,
    // Object.prototype refuses new keys in every worker: tests/setup.ts says why.
    setupFiles: ['tests/setup.ts'],
  },
});
