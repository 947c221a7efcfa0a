import { describe, expect, it } from 'vitest';
import { nameCovers } from '../../src/validate/index.ts';
import { generateBundle } from '../../src/generate/index.ts';
import { loadExample, node, topology } from '../factories.ts';
import { CASES, ruleCases } from './cases.ts';

describe('certificate rules', () => ruleCases(CASES.certificates));

describe('nameCovers (RFC 6125 §6.4)', () => {
  it.each([
    ['cp.example.com', 'cp.example.com', true],
    ['CP.Example.com', 'cp.example.COM', true],
    ['*.example.com', 'cp.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'a.cp.example.com', false],
    ['*.0.0.5', '10.0.0.5', false],
    ['10.0.0.5', '10.0.0.5', true],
    ['cp.example.com', 'cp.example.org', false],
  ])('%s covers %s: %s', (name, host, covers) => {
    expect(nameCovers(name, host)).toBe(covers);
  });
});

describe('APIM072', () => {
  it('names the node, the name the peer calls, who calls it and the keytool fix', () => {
    const t = topology(
      [
        node('control-plane', 'cp-1', { host: 'cp1.example.com', certificateNames: ['cp.example.com'] }),
        node('gateway', 'gw-1', { host: 'gw1.example.com' }),
      ],
      [['gw-1', 'cp-1']],
    );
    const found = generateBundle(t).diagnostics.filter((d) => d.code === 'APIM072');
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toMatch(
      /^node cp-1: its certificate names \(cp\.example\.com\) do not cover cp1\.example\.com, which gw-1, clients \(browsers, API clients\) call on port 9443 /,
    );
    expect(found[0]?.fix).toContain('keytool -ext SAN=dns:cp1.example.com');
    expect(found[0]?.nodeIds).toEqual(['cp-1', 'gw-1']);
  });

  it('is silent when the node states no names: the runbook makes its certificate', () => {
    const t = topology([node('control-plane', 'cp-1'), node('gateway', 'gw-1')], [['gw-1', 'cp-1']]);
    expect(generateBundle(t).diagnostics.filter((d) => d.code === 'APIM072')).toEqual([]);
  });
});

describe('APIM072 on Kubernetes', () => {
  it('checks the stated names against the Services the other releases call', () => {
    const t = loadExample('pattern-3-distributed');
    const k8s = { ...t, settings: { ...t.settings, platform: 'kubernetes' as const } };
    const withNames = (names: string[]) => ({
      ...k8s,
      nodes: k8s.nodes.map((n) => (n.id === 'tm-1' ? { ...n, certificateNames: names } : n)),
    });
    const found = generateBundle(withNames(['tm1.example.com'])).diagnostics.filter((d) => d.code === 'APIM072');
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]?.message).toMatch(/^node tm-1: .* do not cover apim-tm-wso2am-tm-[12]?-?service\.apim, which apim-gw call/);
    expect(found.every((d) => d.nodeIds.every((id) => k8s.nodes.some((n) => n.id === id)))).toBe(true);
    const covered = generateBundle(withNames(['*.apim', 'localhost'])).diagnostics.filter((d) => d.code === 'APIM072');
    expect(covered).toEqual([]);
  });
});
