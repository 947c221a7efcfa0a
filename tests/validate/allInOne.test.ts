import { describe, expect, it } from 'vitest';
import { validate } from '../../src/validate/index.ts';
import { loadExample, simpleScalable, singleAllInOne } from '../factories.ts';
import { CASES, ruleCases } from './cases.ts';

describe('All-in-One rules', () => ruleCases(CASES.allInOne));

describe('All-in-One topologies', () => {
  it.each(['4.0.0', '4.4.0', '4.5.0', '4.7.0'] as const)('a single All-in-One on %s has no error', (product) => {
    expect(validate(singleAllInOne(product)).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it.each(['4.4.0', '4.5.0', '4.6.0', '4.7.0'] as const)('Pattern 2 (All-in-One HA + gateway HA) on %s has no error', (product) => {
    expect(validate(simpleScalable(product)).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('APIM026 on a 4.5 control plane and gateways offers All-in-One nodes instead', () => {
    const found = validate({ ...loadExample('ha-cp-gw'), product: '4.5.0' }).find((d) => d.code === 'APIM026');
    expect(found?.fix).toContain('use All-in-One nodes instead of the control planes (Pattern 2, Simple Scalable Setup)');
  });
});
