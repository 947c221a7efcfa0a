/** The nginx writer: the only place that knows nginx syntax. User text stays one token or one comment. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { block, directive, entry, expression, noted, writeNginx } from '../../src/generate/nginx/index.ts';
import { arg, comment, literal } from '../../src/generate/nginx/index.ts';
import { hostileText } from '../factories.ts';

/** nginx's tokenizer, enough of it: words, double-quoted strings with backslash escapes, `;`, `{`, `}`, comments. */
function tokens(text: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) i++;
    else if (ch === '#') while (i < text.length && text[i] !== '\n') i++;
    else if (ch === ';' || ch === '{' || ch === '}') out.push(text[i++]!);
    else if (ch === '"') {
      let value = '';
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\') i++;
        value += text[i++];
      }
      i++;
      out.push(value);
    } else {
      let value = '';
      while (i < text.length && !/[\s;{}"]/.test(text[i]!)) value += text[i++];
      out.push(value);
    }
  }
  return out;
}

describe('literal arguments', () => {
  it.each([
    ['cp1.example.com:9443', 'cp1.example.com:9443'],
    ['ssl/cp.example.com.crt', 'ssl/cp.example.com.crt'],
    ['', '""'],
    ['a b', '"a b"'],
    ['evil; include /etc/passwd', '"evil; include /etc/passwd"'],
    ['x"y\\z', '"x\\"y\\\\z"'],
    ['$host', '"_host"'],
    ['{', '"{"'],
    ['#not-a-comment', '"#not-a-comment"'],
    ['line\nbreak', '"line break"'],
  ])('%j is written %s', (text, written) => {
    expect(literal(text)).toBe(written);
  });

  it('any text is one token that reads back as itself (control characters as spaces, $ as _)', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const written = writeNginx({ header: [], children: [directive('server_name', [text])] });
        expect(written.split('\n').filter(Boolean)).toHaveLength(1);
        // eslint-disable-next-line no-control-regex -- control characters are what it looks for
        const expected = text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\$/g, '_');
        expect(tokens(written)).toEqual(['server_name', expected, ';']);
      }),
      { numRuns: 300 },
    );
  });

  it('writes numbers plainly and refuses what nginx would not read as one', () => {
    expect(arg(9443)).toBe('9443');
    expect(() => arg(1.5)).toThrow();
  });

  it('writes expressions as they are, and refuses one that would end the directive', () => {
    expect(arg(expression('https://$host$request_uri'))).toBe('https://$host$request_uri');
    expect(() => arg(expression('$host; evil'))).toThrow();
  });
});

describe('comments', () => {
  it('stay on one line whatever the text', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const written = writeNginx({ header: [text], children: [noted('listen', [80], text), directive('ip_hash', [], [text])] });
        expect(tokens(written)).toEqual(['listen', '80', ';', 'ip_hash', ';']);
        expect(written.split('\n').filter(Boolean)).toHaveLength(4);
      }),
      { numRuns: 300 },
    );
    expect(comment('')).toBe('#');
  });
});

describe('documents', () => {
  it('are indented blocks, a blank line before each block and each commented directive', () => {
    const text = writeNginx({
      header: ['Header.'],
      children: [
        directive('worker_processes', ['auto'], 'Workers.'),
        block(
          'http',
          [],
          [
            directive('proxy_read_timeout', ['5m']),
            block(
              'map',
              [expression('$http_upgrade'), expression('$connection_upgrade')],
              [entry('default', 'upgrade'), entry('', 'close', 'other')],
              'Map.',
            ),
            block('upstream', ['u'], [directive('ip_hash'), noted('server', ['a:1', 'backup'], 'a')]),
          ],
        ),
      ],
    });
    expect(text).toBe(
      [
        '# Header.',
        '',
        '# Workers.',
        'worker_processes auto;',
        '',
        'http {',
        '    proxy_read_timeout 5m;',
        '',
        '    # Map.',
        '    map $http_upgrade $connection_upgrade {',
        '        default upgrade;',
        '        "" close;  # other',
        '    }',
        '',
        '    upstream u {',
        '        ip_hash;',
        '        server a:1 backup;  # a',
        '    }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('refuses a directive name that is not one', () => {
    expect(() => writeNginx({ header: [], children: [directive('evil; x', [])] })).toThrow();
  });
});
