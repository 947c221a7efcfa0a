/**
 * `npm run readme:update`: rewrites the generated parts of README.md (the rules table) from their
 * sources. tests/validate/rules.test.ts fails when the README is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { rulesTableMarkdown } from '../../src/validate/rules.ts';

const README = new URL('../../README.md', import.meta.url);
const START = '<!-- rules table: rendered by rulesTableMarkdown() in src/validate/rules.ts -->\n';
const END = '<!-- end of rules table -->';

const text = readFileSync(README, 'utf8');
const a = text.indexOf(START);
const b = text.indexOf(END);
if (a < 0 || b < a) throw new Error('README.md has no rules table markers');
writeFileSync(README, text.slice(0, a + START.length) + rulesTableMarkdown() + text.slice(b));
console.log('README.md: rules table updated');
