/** Helpers for the plain-text files of the bundle (runbook, hosts): user text stays on its line. */

/** One line of text: control characters and line breaks become single spaces. */
export function oneLine(text: string): string {
  // Test first: most text has no line break, and replace would copy it anyway.
  return (LINE_BREAK.test(text) ? text.replace(LINE_BREAKS, ' ') : text).trim();
}

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const LINE_BREAK = /[\u0000-\u001f\u007f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const LINE_BREAKS = /[\u0000-\u001f\u007f\u2028\u2029]+/g;

/** User text inside Markdown: on one line, with Markdown and HTML syntax escaped. */
export function markdownText(text: string): string {
  return oneLine(text).replace(/[\\`*_{}[\]<>|~]/g, (ch) => `\\${ch}`);
}

/** One shell word: bare when it is plainly safe, single-quoted otherwise (user text stays one argument). */
export function shellWord(text: string): string {
  const line = oneLine(text);
  if (/^[A-Za-z0-9_.,/:=@%+-]+$/.test(line)) return line;
  return `'${line.replace(/'/g, `'\\''`)}'`;
}

/** User text as a Markdown code span: on one line, with no backtick to end the span early. */
export function inlineCode(text: string): string {
  return `\`${oneLine(text).replace(/`/g, "'")}\``;
}
