import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { eagerCommonJsChunk } from '../../vite/eagerCommonJs.ts';

// The bundler's runtime helper, as it writes it, and CommonJS modules wrapped the way it wraps them.
const RUNTIME =
  'var __commonJSMin = (cb, mod) => () => (mod || (cb((mod = { exports: {} }).exports, mod, mod.exports), cb = null), mod.exports);';
const CHUNK = `${RUNTIME}
var require_a = /* @__PURE__ */ __commonJSMin(((exports) => {
	exports.kind = typeof this;
	exports.twice = (n) => n * 2;
}));
var require_b = /* @__PURE__ */ __commonJSMin(((exports, module) => {
	const a = require_a();
	module.exports = { fromA: a.twice(21), kind: a.kind, arrow: [1, 2].map((x) => x + 1) };
}));
globalThis.result = require_b();
`;

/** The chunk run as a module runs: strict, with `this` undefined at its top level. */
function run(code: string): unknown {
  const sandbox: { result?: unknown } = {};
  runInNewContext(`(function () {\n"use strict";\n${code}\n}).call(undefined);`, sandbox);
  return JSON.parse(JSON.stringify(sandbox.result));
}

describe('eagerCommonJsChunk', () => {
  it('writes each CommonJS wrapper as a function expression, its parameters kept, other arrows left alone', () => {
    const out = eagerCommonJsChunk(CHUNK);
    expect(out?.code).toContain('__commonJSMin((function(exports) {');
    expect(out?.code).toContain('__commonJSMin((function(exports, module) {');
    expect(out?.code).not.toContain('__commonJSMin(((');
    expect(out?.code).toContain('exports.twice = (n) => n * 2;');
    expect(out?.code).toContain('[1, 2].map((x) => x + 1)');
    expect(out?.code.split('\n').length).toBe(CHUNK.split('\n').length);
  });

  it('runs the same: the exports, and `this` undefined in the wrapper as in the arrow', () => {
    const out = eagerCommonJsChunk(CHUNK);
    expect(out).not.toBeNull();
    expect(run(out!.code)).toEqual(run(CHUNK));
    expect(run(out!.code)).toEqual({ fromA: 42, kind: 'undefined', arrow: [2, 3] });
  });

  it('leaves a chunk with no CommonJS wrapper alone, and gives a source map only when asked', () => {
    expect(eagerCommonJsChunk('export const f = () => 1;\n')).toBeNull();
    expect(eagerCommonJsChunk(CHUNK)?.map).toBeUndefined();
    expect(eagerCommonJsChunk(CHUNK, true)?.map?.mappings).toMatch(/[A-Za-z]/);
  });

  it("applies to the page's build: React's and React DOM's wrappers in the entry chunk are function expressions", async () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const outDir = mkdtempSync(join(tmpdir(), 'eager-cjs-'));
    try {
      await build({
        configFile: join(root, 'vite.config.ts'),
        root,
        logLevel: 'silent',
        build: { outDir, emptyOutDir: true, manifest: true, minify: false },
      });
      const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<string, { file: string }>;
      const entry = readFileSync(join(outDir, manifest['index.html']!.file), 'utf8');
      expect(entry).not.toContain('__commonJSMin(((');
      // react, react/jsx-runtime, scheduler, react-dom, react-dom/client, use-sync-external-store's shim, at least.
      expect(entry.match(/__commonJSMin\(\(function\(/g)?.length ?? 0).toBeGreaterThanOrEqual(6);
      // (The development builds under the test runner, the production ones in `vite build`: the same wrappers.)
      expect(entry).toMatch(/require_react_dom_client_(production|development) = \/\* @__PURE__ \*\/ __commonJSMin\(\(function\(/);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
