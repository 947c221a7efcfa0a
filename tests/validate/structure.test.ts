import { describe, expect, it } from 'vitest';
import { validate } from '../../src/validate/index.ts';
import { hasErrors } from '../../src/model/index.ts';
import { sampleTopology } from '../../src/store/sample.ts';
import { EXAMPLE_FILES, loadExample, node, topology } from '../factories.ts';
import { CASES, ruleCases } from './cases.ts';

describe('structure rules', () => ruleCases(CASES.structure));

describe('the examples and the first-open sample', () => {
  it.each(EXAMPLE_FILES)('%s has no error', (name) => {
    expect(validate(loadExample(name)).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('the first-open sample has no error', () => {
    expect(hasErrors(validate(sampleTopology()))).toBe(false);
  });

  it.each(EXAMPLE_FILES)('%s has only the hardening warnings of its default credentials', (name) => {
    const codes = new Set(validate(loadExample(name)).map((d) => d.code));
    for (const code of codes) expect(['APIM029', 'APIM030', 'APIM031']).toContain(code);
  });
});

it('lists errors before warnings, in a stable order', () => {
  const t = topology([node('control-plane', 'cp-1'), node('gateway', 'gw-1'), node('load-balancer', 'lb')]);
  const diagnostics = validate(t);
  const severities = diagnostics.map((d) => d.severity);
  expect(severities).toEqual(
    [...severities].sort((a, b) => (a === b ? 0 : a === 'error' ? -1 : b === 'error' ? 1 : a === 'warning' ? -1 : 1)),
  );
  expect(severities[0]).toBe('error');
  expect(severities).toContain('warning');
  expect(validate(t)).toEqual(diagnostics);
});
