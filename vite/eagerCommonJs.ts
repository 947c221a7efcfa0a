/**
 * The bundler wraps each CommonJS module (React, React DOM, the scheduler) in an arrow function that runs it on
 * first use: `__commonJSMin(((exports, module) => { … }))`. V8 compiles an arrow function lazily, when it is first
 * called: on the main thread, inside the task that runs the page's modules, where React DOM's wrapper (some 200 kB
 * of source) is parsed a second time. A parenthesized `function` expression is what V8 takes for a function called at
 * once (its "PIFE" heuristic, v8.dev/blog/preparser): it is compiled eagerly while the script streams in on a
 * background thread. So the wrappers are written as `function` expressions, before the chunk is minified.
 *
 * The same code otherwise: the wrapper is called as a plain function, so `this` is undefined in both forms (modules
 * are strict), and a module's top level that read `arguments` would have thrown in the arrow form.
 *
 * Measured on the page's start (README "UI benchmark"): the task that runs the page's modules.
 */
import MagicString from 'magic-string';
import type { SourceMap } from 'magic-string';
import type { Plugin } from 'vite';

const WRAPPER = /__commonJSMin\(\(\(([\w$, ]*)\) => \{/g;

/** The chunk with every CommonJS wrapper written as a `function` expression (and its source map when asked for), or null. */
export function eagerCommonJsChunk(code: string, sourcemap = false): { code: string; map?: SourceMap } | null {
  if (!code.includes('__commonJSMin(((')) return null;
  const out = new MagicString(code);
  for (const match of code.matchAll(WRAPPER)) {
    out.overwrite(match.index, match.index + match[0].length, `__commonJSMin((function(${match[1] ?? ''}) {`);
  }
  if (!out.hasChanged()) return null;
  return sourcemap ? { code: out.toString(), map: out.generateMap({ hires: 'boundary' }) } : { code: out.toString() };
}

export function eagerCommonJs(): Plugin {
  return {
    name: 'eager-commonjs',
    apply: 'build',
    renderChunk: (code, _chunk, options) => eagerCommonJsChunk(code, Boolean(options.sourcemap)),
  };
}
