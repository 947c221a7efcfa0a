/**
 * The only place that knows nginx syntax. Literal arguments are written bare when nginx reads them back
 * as the same single token, and double-quoted otherwise; user text (a label, a host) can never end a
 * directive, open a block, start a comment or name a variable. Comments stay on their line.
 */
import type { NginxArg, NginxDocument, NginxNode } from './document.ts';

const INDENT = '    ';

export function writeNginx(document: NginxDocument): string {
  const out: string[] = document.header.map(comment);
  writeNodes(out, document.children, '');
  return `${out.join('\n')}\n`;
}

function writeNodes(out: string[], nodes: NginxNode[], indent: string): void {
  nodes.forEach((node, index) => {
    // A blank line before every block and every commented directive, so each reads as a paragraph.
    const paragraph = node.type === 'block' || node.comment !== undefined;
    const first = index === 0 && indent !== '';
    if (paragraph && !first && out.length > 0) out.push('');
    for (const line of node.comment ?? []) out.push(indent + comment(line));
    const note = node.type !== 'block' && node.note !== undefined ? `  ${comment(node.note)}` : '';
    if (node.type === 'entry') {
      out.push(`${indent}${literal(node.key)} ${arg(node.value)};${note}`);
      return;
    }
    let head = name(node.name);
    for (const value of node.args) head += ` ${arg(value)}`;
    if (node.type === 'directive') {
      out.push(`${indent}${head};${note}`);
      return;
    }
    out.push(`${indent}${head} {`);
    writeNodes(out, node.children, indent + INDENT);
    out.push(`${indent}}`);
  });
}

const NAME = /^[a-z_][a-z0-9_]*$/;
/** The names checked already: a conf has a few dozen, each on many lines (a server line per upstream member). */
const NAMES = new Set<string>();

function name(text: string): string {
  if (NAMES.has(text)) return text;
  if (!NAME.test(text)) throw new Error(`nginx writer: "${text}" is not a directive name`);
  if (NAMES.size < 256) NAMES.add(text);
  return text;
}

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL_ALL = /[\u0000-\u001f\u007f\u2028\u2029]+/g;

/** A comment line: control characters (a newline above all) become spaces, so text stays a comment. */
export function comment(text: string): string {
  const clean = (CONTROL.test(text) ? text.replace(CONTROL_ALL, ' ') : text).trimEnd();
  return clean === '' ? '#' : `# ${clean}`;
}

/** Tokens nginx reads back as themselves: no quote, space, `;`, `{`, `}`, `#`, `$`, `\` or control character. */
const BARE = /^[A-Za-z0-9._:/@%+,=*-]+$/;
/** What the generator's expressions may hold: variables and URL characters, never a token boundary. */
const EXPRESSION = /^[A-Za-z0-9._:/@%+,=$-]+$/;

export function arg(value: NginxArg): string {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`nginx writer: ${value} is not an integer the generator may emit`);
    return String(value);
  }
  if (typeof value === 'object') {
    if (!EXPRESSION.test(value.expression))
      throw new Error(`nginx writer: "${value.expression}" is not an expression the generator may emit`);
    return value.expression;
  }
  return literal(value);
}

/**
 * Literal text as one token. nginx has no escape for `$` (a `$` always starts a variable where a
 * directive takes variables), so it becomes `_`: a literal stays a literal.
 */
export function literal(text: string): string {
  if (BARE.test(text)) return text;
  const clean = text
    .replace(CONTROL_ALL, ' ')
    .replace(/\$/g, '_')
    .replace(/["\\]/g, (ch) => `\\${ch}`);
  return `"${clean}"`;
}
