/**
 * The secrets in a node's custom TOML: string values of password-, secret- and token-like keys, and every value of a
 * `[secrets]` table. Found by a scan of the text (this layer parses no TOML): strings and comments are read as whole
 * tokens, so an `=` inside them is never taken for a key's; outside them, TOML has `=` only between a key and its
 * value. Text that does not parse may hide a secret from the scan; APIM068 reports such text.
 */

export interface CustomTomlSecret {
  /** The key as written (`password`, `'trustStorePassword'`), after the table it is in: `keystore.tls.password`. */
  key: string;
  value: string;
  /** Where the string token (quotes included) starts and ends in the text. */
  start: number;
  end: number;
}

const SECRET_KEY = /pass(word|wd)|secret|token|credential|private_?key|api_?key/i;

export function customTomlSecrets(text: string): CustomTomlSecret[] {
  const found: CustomTomlSecret[] = [];
  let table = '';
  let key: string | undefined; // the last key token
  let wantsValue = false; // just after `=`
  let lineStart = true;
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === '\n') {
      lineStart = true;
      i++;
      continue;
    }
    if (ch === ' ' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (lineStart && ch === '[') {
      const close = headerEnd(text, i);
      table = text
        .slice(i, close)
        .replace(/^\[+|\]+$/g, '')
        .trim();
      i = close;
      lineStart = false;
      continue;
    }
    lineStart = false;
    if (ch === '"' || ch === "'") {
      const end = stringEnd(text, i);
      if (wantsValue) {
        const value = stringValue(text.slice(i, end));
        const name = unquote(key ?? '');
        if (table === 'secrets' || SECRET_KEY.test(name)) {
          found.push({ key: table ? `${table}.${name}` : name, value, start: i, end });
        }
        wantsValue = false;
      } else key = text.slice(i, end);
      i = end;
      continue;
    }
    if (ch === '=') {
      wantsValue = true;
      i++;
      continue;
    }
    const word = /^[A-Za-z0-9_-]+/.exec(text.slice(i, i + 200))?.[0];
    if (word) {
      if (!wantsValue) key = word;
      wantsValue = false;
      i += word.length;
      continue;
    }
    wantsValue = false;
    i++;
  }
  return found;
}

/** The text with the `index`th secret of `customTomlSecrets` set to `value`. */
export function withCustomTomlSecret(text: string, index: number, value: string): string {
  const secret = customTomlSecrets(text)[index];
  if (!secret) return text;
  return `${text.slice(0, secret.start)}${basicString(value)}${text.slice(secret.end)}`;
}

/** Past the `]` (or `]]`) that closes a table header opened at `start`, quoted keys read whole. */
function headerEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && text[i] !== '\n') {
    const ch = text.charAt(i);
    if (ch === '"' || ch === "'") {
      i = stringEnd(text, i);
      continue;
    }
    i++;
    if (ch === ']') {
      if (text[i] === ']') i++;
      return i;
    }
  }
  return i;
}

/** Past the string token that opens at `start`: basic or literal, on one line or multi-line. */
function stringEnd(text: string, start: number): number {
  const quote = text.charAt(start);
  const triple = text.startsWith(quote.repeat(3), start);
  let i = start + (triple ? 3 : 1);
  while (i < text.length) {
    const ch = text.charAt(i);
    if (quote === '"' && ch === '\\') {
      i += 2;
      continue;
    }
    if (!triple && ch === '\n') return i;
    if (ch === quote && (!triple || text.startsWith(quote.repeat(3), i))) {
      i += triple ? 3 : 1;
      // A multi-line string may end in up to two more quotes of its own.
      while (triple && text[i] === quote) i++;
      return i;
    }
    i++;
  }
  return i;
}

/** The value of a string token, near enough to tell a reference or a placeholder (escapes other than \" and \\ stay). */
function stringValue(token: string): string {
  const triple = token.startsWith('"""') || token.startsWith("'''");
  const inner = triple ? token.slice(3, -3) : token.slice(1, -1);
  return token.startsWith("'") ? inner : inner.replace(/\\(["\\])/g, '$1');
}

function unquote(key: string): string {
  return key.replace(/^["']|["']$/g, '');
}

function basicString(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it escapes
  return `"${text.replace(/["\\\u0000-\u001f\u007f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}
