/** The rules table is the single source: every code the rules emit is in it once, and every row has a test. */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RuleEntry } from '../../src/validate/index.ts';
import { RULES, rulesTableMarkdown } from '../../src/validate/index.ts';
import { CASES } from './cases.ts';

const VALIDATE = fileURLToPath(new URL('../../src/validate/', import.meta.url));
const rules = RULES as readonly RuleEntry[];
const tableCodes = rules.flatMap((r) => (r.applies === 'yes' ? [r.code] : []));

/** Every APIMnnn a rule module writes, read from the sources (rules.ts is the table itself). */
function emittedCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of readdirSync(VALIDATE).filter((f) => f.endsWith('.ts') && f !== 'rules.ts')) {
    for (const match of readFileSync(VALIDATE + file, 'utf8').matchAll(/'(APIM\d{3})'/g)) codes.add(match[1]!);
  }
  return codes;
}

describe('the rules table', () => {
  it('lists no code twice', () => {
    expect(new Set(tableCodes).size).toBe(tableCodes.length);
  });

  it('lists every code the rules emit, and only those', () => {
    expect([...emittedCodes()].sort()).toEqual([...tableCodes].sort());
  });

  it('numbers the codes APIM001, APIM002, … with no gap', () => {
    expect(tableCodes).toEqual(tableCodes.map((_, i) => `APIM${String(i + 1).padStart(3, '0')}`));
  });

  it('has a triggering and a passing topology for every implemented rule that reads the topology', () => {
    const tested = new Set(Object.values(CASES).flatMap((rows) => rows.map(([code]) => code)));
    // A rule that reads deployment.toml files (APIM035) has its own test: tests/validate/keys.test.ts.
    const ofTopology = rules.flatMap((r) => (r.applies === 'yes' && !r.reads ? [r.code] : []));
    expect([...tested].sort()).toEqual([...ofTopology].sort());
  });

  it('names a public source for every rule and every condition it cannot check, and says why for the latter', () => {
    for (const rule of rules) {
      expect(rule.source, rule.title).toMatch(/APIM docs|product-apim|carbon-|helm-apim|docs-apim|config-mapper|README/);
      // The project stands on its own: no section numbers or rule ids of documents it does not carry.
      expect(rule.source, rule.title).not.toMatch(/REFERENCE|DESIGN|§|\bV\d+\b/);
    }
    for (const rule of rules) if (rule.applies !== 'yes') expect(rule.applies.notApplicable.length).toBeGreaterThan(20);
  });

  it('the README carries the table as rendered now', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(
      `<!-- rules table: rendered by rulesTableMarkdown() in src/validate/rules.ts -->\n${rulesTableMarkdown()}<!-- end of rules table -->`,
    );
  });

  it('renders the README table with every rule', () => {
    const markdown = rulesTableMarkdown();
    for (const code of tableCodes) expect(markdown).toContain(`| ${code} |`);
    for (const rule of rules)
      if (rule.applies !== 'yes') expect(markdown).toContain(`| ${rule.title.replace(/\|/g, '\\|')} | ${rule.severity} |`);
  });
});
