declare module '@iarna/toml/parse-string.js' {
  /** Parses TOML 0.5 text; throws an Error with `line` and `col` on a syntax error. */
  export default function parseString(text: string): Record<string, unknown>;
}
