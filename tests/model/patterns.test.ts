/**
 * WSO2's deployment patterns as presets: each version offers the patterns its docs name, under that version's name,
 * and each opens on that version as a topology with no errors.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEPLOYMENT_PATTERNS, PRODUCT_VERSIONS, patternsOf, presetOn, versionFacts } from '../../src/model/index.ts';
import { readTopology } from '../../src/share/index.ts';
import { validate } from '../../src/validate/index.ts';

const EXAMPLES = fileURLToPath(new URL('../../public/examples/', import.meta.url));

describe('WSO2 deployment patterns', () => {
  it('names the patterns as each version does', () => {
    expect(patternsOf('4.7.0').map((p) => p.title)).toEqual([
      'Pattern 0: All-in-One Setup',
      'Pattern 1: All-in-One HA Setup',
      'Pattern 2: Simple Scalable Setup',
      'Pattern 3: Distributed Setup',
      'Pattern 4: Fully Distributed Setup',
      'Pattern 5: Simple Scalable with Dedicated Key Manager',
      'Pattern 6: All-in-One with WSO2 IS as Key Manager',
    ]);
    expect(patternsOf('4.5.0').map((p) => p.title)[3]).toBe('Pattern 3: Distributed Deployment with Gateway and Traffic Manager Separated');
    // Before 4.5 the docs number none; 4.3 and 4.4 document the Key Manager separation on a page of its own.
    expect(patternsOf('4.4.0').map((p) => p.title)).toEqual(['Distributed Deployment with Key Manager Separated']);
    expect(patternsOf('4.2.0')).toEqual([]);
  });

  it('agrees with the runbook: the distributed patterns carry the names the version facts give them', () => {
    for (const version of PRODUCT_VERSIONS) {
      const facts = versionFacts(version);
      const titles = patternsOf(version).map((p) => p.title);
      if (facts.distributedPattern) expect(titles).toContain(facts.distributedPattern);
      if (facts.keyManagerPattern) expect(titles).toContain(facts.keyManagerPattern);
    }
  });

  it('has a file for every pattern, and every pattern file in public/examples/ is in the table', () => {
    const files = readdirSync(EXAMPLES).filter((f) => f.startsWith('pattern-'));
    expect(DEPLOYMENT_PATTERNS.map((p) => p.file).sort()).toEqual(files.sort());
  });

  const offered = PRODUCT_VERSIONS.flatMap((version) =>
    patternsOf(version).map(({ pattern, title }) => [version, title, pattern.file] as const),
  );
  it.each(offered)('on %s, "%s" opens with no errors', (version, title, file) => {
    const read = readTopology(readFileSync(`${EXAMPLES}${file}`, 'utf8'));
    if (!read.ok) throw new Error(`${file} does not read`);
    const preset = presetOn(read.topology, version, title);
    expect(preset).toMatchObject({ product: version, name: title });
    expect(preset.settings.encryptionKey !== undefined).toBe(versionFacts(version).internalEncryptionKey);
    expect(validate(preset).filter((d) => d.severity === 'error')).toEqual([]);
  });
});
