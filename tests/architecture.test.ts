/**
 * The layers of the README's "Project layout", checked: the pure folders import nothing of React, the canvas, zustand,
 * the store or the UI, and touch no browser global; each imports only what its row allows.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

const ALLOWED: Record<string, { folders: string[]; packages: string[] }> = {
  model: { folders: [], packages: [] },
  validate: { folders: ['model'], packages: [] },
  generate: { folders: ['model', 'validate'], packages: ['@iarna/toml', 'fflate', 'diff'] },
  share: { folders: ['model'], packages: ['valibot', 'fflate'] },
  import: { folders: ['model', 'validate', 'generate', 'share'], packages: ['@iarna/toml', 'fflate'] },
  // esbuild: build.mjs, which bundles the command (bin.mjs runs it in a checkout only, when the bundle is stale).
  cli: { folders: ['model', 'validate', 'generate', 'share', 'import'], packages: ['node:', 'fflate', 'esbuild'] },
  store: { folders: ['model', 'validate', 'share'], packages: ['zustand', 'zundo'] },
  ui: {
    folders: ['model', 'validate', 'generate', 'share', 'store', 'import'],
    packages: ['react', 'react-dom', '@xyflow/react', 'zustand', 'prismjs', 'elkjs'],
  },
};

/** The folders whose output must not depend on the clock or chance (the store may time its autosave). */
const PURE = new Set(['model', 'validate', 'generate', 'share', 'import']);

/**
 * The page reaches the other folders through their index.ts, except the parts it loads lazily, by
 * dynamic import only: the zip writer on download, the link codec and the zip reader on first use, the custom TOML
 * parser with its field, Auto-layout's tiers on the first layout, the restore path of a topology's text and of the
 * autosave where there is no worker (importing them through the index would put fflate, the TOML parser, the layout
 * code and the schema in the first load).
 */
const UI_DEEP_IMPORTS = new Set([
  'model/autoLayout.ts',
  'model/serialize.ts',
  'generate/zip.ts',
  'generate/customToml.ts',
  'generate/svg.ts',
  'share/image.ts',
  'share/link.ts',
  'share/zip.ts',
  'share/read.ts',
  'share/secrets.ts',
  'store/restore.ts',
]);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|tsx|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function imports(code: string): string[] {
  return [
    ...code.matchAll(
      /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm,
    ),
  ].map((m) => m[1] ?? m[2] ?? m[3]!);
}

describe.each(Object.entries(ALLOWED))('src/%s', (folder, allowed) => {
  const files = sources(join(SRC, folder));

  it('has sources', () => expect(files.length).toBeGreaterThan(0));

  it.each(files.map((f) => [relative(SRC, f), f]))('%s imports only what its layer allows', (_name, file) => {
    const code = readFileSync(file, 'utf8');
    for (const specifier of imports(code)) {
      if (specifier.startsWith('.')) {
        const path = relative(SRC, join(file, '..', specifier)).split(/[\\/]/);
        const target = path[0];
        if (target === folder) continue;
        expect(allowed.folders, `${specifier} from ${folder}`).toContain(target);
        if (folder === 'ui' || folder === 'store') {
          const through = path.slice(1).join('/');
          expect(
            through === 'index.ts' || UI_DEEP_IMPORTS.has(path.join('/')),
            `${specifier} from src/${folder}: import through ${target}/index.ts`,
          ).toBe(true);
          if (through !== 'index.ts') {
            const staticImport = new RegExp(
              `^\\s*(?:import|export)\\s[^;]*?from\\s+['"]${specifier.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"]`,
              'm',
            );
            expect(code, `${specifier} from src/${folder}: load it with import(), not statically`).not.toMatch(staticImport);
          }
        }
      } else {
        expect(
          allowed.packages.some((p) => specifier === p || specifier.startsWith(p.endsWith(':') ? p : `${p}/`)),
          `${specifier} is not allowed in src/${folder}`,
        ).toBe(true);
      }
    }
    if (folder === 'ui') return; // the page is where the DOM and the clock belong
    if (folder !== 'cli') {
      const stripped = code.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      // Browser globals. (`document` is also a common local name, so only the DOM's own members count.)
      expect(stripped).not.toMatch(/(?<![\w.])(window|localStorage|sessionStorage|navigator)\s*[.[]/);
      expect(stripped).not.toMatch(
        /(?<![\w.])document\.(?:(?:body|head|title|cookie|location|documentElement|createElement|addEventListener)\b|getElement|querySelector)/,
      );
      expect(stripped).not.toMatch(/\bprocess\./);
      if (PURE.has(folder)) expect(stripped).not.toMatch(/\bDate\.now\(|\bMath\.random\(/);
    }
  });
});

it('the checker sees a forbidden import', () => {
  expect(imports("import { create } from 'zustand';\nimport x from '../ui/App.tsx';")).toEqual(['zustand', '../ui/App.tsx']);
});

it('the page loads elkjs (Auto-layout) only with import(), so it stays out of the first load', () => {
  const statics = sources(join(SRC, 'ui')).filter((file) =>
    /^\s*(?:import|export)\s[^;]*?from\s+['"]elkjs[^'"]*['"]/m.test(readFileSync(file, 'utf8').replace(/^\s*import type\s[^;]*;/gm, '')),
  );
  expect(statics).toEqual([]);
  const lazy = readFileSync(join(SRC, 'ui', 'lazy.ts'), 'utf8');
  expect(lazy).toMatch(/import\('elkjs\/lib\/elk-api\.js'\)/);
});
