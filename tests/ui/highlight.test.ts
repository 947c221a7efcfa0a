/** The file view's highlighter: the language by the file's name, and YAML keys found line by line. */
import { describe, expect, it } from 'vitest';
import { languageOf, loadHighlighter } from '../../src/ui/files/highlight.ts';

describe('languageOf', () => {
  it.each([
    ['nodes/gw-1/repository/conf/deployment.toml', 'toml'],
    ['load-balancers/gw-lb/nginx.conf', 'nginx'],
    ['README.md', 'markdown'],
    ['helm/releases.json', 'json'],
    ['helm/apim-acp/values.yaml', 'yaml'],
    ['hosts', 'plain'],
  ] as const)('%s is %s', (path, language) => expect(languageOf(path)).toBe(language));
});

describe('the YAML highlighter', () => {
  it('marks a key whose value is on the next lines, and keeps the line as it is', async () => {
    const highlight = await loadHighlighter();
    const html = highlight('  deployment:', 'yaml');
    expect(html).toBe('  <span class="token key atrule">deployment</span><span class="token punctuation">:</span>');
    const line = '    hostname: "am.example.com" # the load balancer';
    expect(highlight(line, 'yaml').replace(/<[^>]+>/g, '')).toBe(line);
  });
});
