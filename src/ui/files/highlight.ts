/**
 * Syntax highlighting with Prism's grammars, loaded on first use so the page's first load stays small.
 * Each line is highlighted on its own (the generated files have no token that spans lines), so lines can
 * be marked one by one. Prism escapes the text it wraps.
 */
export type Highlighter = (line: string, language: Language) => string;
export type Language = 'toml' | 'nginx' | 'markdown' | 'json' | 'yaml' | 'plain';

let loading: Promise<Highlighter> | undefined;

export function loadHighlighter(): Promise<Highlighter> {
  loading ??= (async () => {
    // `manual`: Prism must not scan the page and highlight on its own.
    (globalThis as { Prism?: unknown }).Prism ??= { manual: true };
    const { default: Prism } = await import('prismjs/components/prism-core.js');
    // The grammars register themselves on the global Prism.
    (globalThis as { Prism?: unknown }).Prism = Prism;
    await import('prismjs/components/prism-markup.js');
    await import('prismjs/components/prism-toml.js');
    await import('prismjs/components/prism-nginx.js');
    await import('prismjs/components/prism-markdown.js');
    await import('prismjs/components/prism-json.js');
    await import('prismjs/components/prism-yaml.js');
    return (line: string, language: Language) => {
      const grammar = language === 'plain' ? undefined : Prism.languages[language];
      if (!grammar) return escapeHtml(line);
      // A YAML key is a key by the space or line end after its colon: `wso2:` alone needs its line end to be one.
      if (language === 'yaml') return Prism.highlight(`${line}\n`, grammar, language).replace(/\n$/, '');
      return Prism.highlight(line, grammar, language);
    };
  })();
  return loading;
}

export function languageOf(path: string): Language {
  if (path.endsWith('.toml')) return 'toml';
  if (path.endsWith('.conf')) return 'nginx';
  if (path.endsWith('.md')) return 'markdown';
  if (path.endsWith('.json')) return 'json';
  if (path.endsWith('.yaml') || path.endsWith('.yml')) return 'yaml';
  return 'plain';
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
