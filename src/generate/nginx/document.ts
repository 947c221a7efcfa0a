/**
 * An nginx configuration as the generators build it: directives and blocks in output order, each with
 * the comment lines that say why it is there. Only the writer turns it into text.
 */

/**
 * An argument. A plain string is literal text (a host, a path, a number): the writer quotes it when
 * nginx would otherwise read it as syntax, and it can never become a variable. An `NginxExpression` is
 * text the generator wrote on purpose with nginx variables in it (`$host`, `https://$host$request_uri`).
 */
export type NginxArg = string | number | NginxExpression;

export interface NginxExpression {
  expression: string;
}

export interface NginxDirective {
  type: 'directive';
  name: string;
  args: NginxArg[];
  /** Comment lines written above the directive. */
  comment?: string[] | undefined;
  /** A short comment at the end of the directive's line. */
  note?: string | undefined;
}

export interface NginxBlock {
  type: 'block';
  name: string;
  args: NginxArg[];
  comment?: string[] | undefined;
  children: NginxNode[];
}

/** A line of a `map` block: a source value (any text, even empty) and its result. */
export interface NginxMapEntry {
  type: 'entry';
  key: string;
  value: NginxArg;
  comment?: string[] | undefined;
  note?: string | undefined;
}

export type NginxNode = NginxDirective | NginxBlock | NginxMapEntry;

export interface NginxDocument {
  /** Comment lines at the top of the file. */
  header: string[];
  children: NginxNode[];
}

const comments = (comment?: string | string[]) => (comment === undefined ? undefined : Array.isArray(comment) ? comment : [comment]);

/** `directive('proxy_read_timeout', ['5m'], 'why')`. */
export function directive(name: string, args: NginxArg[] = [], comment?: string | string[]): NginxDirective {
  return { type: 'directive', name, args, comment: comments(comment) };
}

/** `entry('', 'close', 'any other request')` inside a `map` block. */
export function entry(key: string, value: NginxArg, note?: string): NginxMapEntry {
  return { type: 'entry', key, value, note };
}

/** A directive with a comment at the end of its line: `server cp1.example.com:9443;  # cp-1, offset 0`. */
export function noted(name: string, args: NginxArg[], note: string): NginxDirective {
  return { type: 'directive', name, args, note };
}

/** `block('upstream', ['control_planes_https'], [...], 'why')`. */
export function block(name: string, args: NginxArg[], children: NginxNode[], comment?: string | string[]): NginxBlock {
  return { type: 'block', name, args, children, comment: comments(comment) };
}

/** Text with nginx variables in it, written as it is: for the generator's own text, never user text. */
export function expression(text: string): NginxExpression {
  return { expression: text };
}
