import { describe, expect, it } from 'vitest';

describe('the test setup', () => {
  it('refuses a key written onto Object.prototype through __proto__, where it is written', () => {
    const inherited = ({} as Record<string, unknown>)['__proto__'] as Record<string, unknown>;
    expect(inherited).toBe(Object.prototype);
    try {
      expect(() => {
        inherited['hostname'] = 'polluted';
      }).toThrow(TypeError);
      expect('hostname' in {}).toBe(false);
    } finally {
      delete inherited['hostname']; // without the setup, the write went through: the tests after this one must not inherit it
    }
  });
});
