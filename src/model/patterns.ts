/**
 * WSO2's numbered deployment patterns, as presets: which API-M versions document each one, what each version calls
 * it, and the example topology (public/examples/) it opens. WSO2 numbers the patterns from 4.5 (APIM docs 4.5.0
 * 'Deployment Overview'; helm-apim 4.5.x docs/README.md; APIM docs 4.6.0 / 4.7.0 Kubernetes overview, "Pattern 0 -
 * All-in-One Setup" … "Pattern 6 - All-in-One with WSO2 IS as Key Manager"); before, the docs name deployments by page
 * ('Configuring a Distributed API-M Deployment with Key Manager Separated', 4.3 and 4.4), and the designer's other
 * examples cover them. A preset opens on the version chosen in the settings (`presetOn`).
 */
import type { ProductVersion, Topology } from './types.ts';
import { DEFAULT_ANALYTICS_TYPE } from './defaults.ts';
import { versionFacts } from './versions.ts';

export interface DeploymentPattern {
  /** WSO2's number. */
  readonly number: number;
  /** The example it opens, in public/examples/. */
  readonly file: string;
  /** WSO2's name of the pattern on each version that documents it. */
  readonly names: Readonly<Partial<Record<ProductVersion, string>>>;
}

/** The same name on 4.6 and 4.7 (the Kubernetes overview of both), and 4.5's own. */
const named = (v45: string | undefined, v46: string, earlier: Partial<Record<ProductVersion, string>> = {}) => ({
  ...earlier,
  ...(v45 ? { '4.5.0': v45 } : {}),
  '4.6.0': v46,
  '4.7.0': v46,
});

export const DEPLOYMENT_PATTERNS: readonly DeploymentPattern[] = [
  { number: 0, file: 'pattern-0-aio.json', names: named('Single Node Deployment', 'All-in-One Setup') },
  { number: 1, file: 'pattern-1-aio-ha.json', names: named('Active-Active Deployment', 'All-in-One HA Setup') },
  { number: 2, file: 'pattern-2-aio-gw.json', names: named('Simple Scalable Setup', 'Simple Scalable Setup') },
  {
    number: 3,
    file: 'pattern-3-distributed.json',
    names: named('Distributed Deployment with Gateway and Traffic Manager Separated', 'Distributed Setup'),
  },
  {
    number: 4,
    file: 'pattern-4-km.json',
    // 4.3 and 4.4 document the same deployment on a page of its own, unnumbered.
    names: named('Fully Distributed Setup', 'Fully Distributed Setup', {
      '4.3.0': 'Distributed Deployment with Key Manager Separated',
      '4.4.0': 'Distributed Deployment with Key Manager Separated',
    }),
  },
  {
    number: 5,
    file: 'pattern-5-aio-gw-km.json',
    names: named('Simple Scalable Setup with Key Manager Separated', 'Simple Scalable with Dedicated Key Manager'),
  },
  {
    number: 6,
    file: 'pattern-6-aio-is.json',
    // APIM docs 4.5.0 Kubernetes guide 'Pattern 6: API-M Deployment with IS as Key Manager'; 4.6.0 / 4.7.0 'Pattern 6:
    // All-in-One with WSO2 IS as Key Manager' (WSO2 Identity Server 7 as a third-party Key Manager).
    names: named('API-M Deployment with IS as Key Manager', 'All-in-One with WSO2 IS as Key Manager'),
  },
];

/** The patterns a version documents, with the name it gives each: "Pattern 3: Distributed Setup". */
export function patternsOf(version: ProductVersion): { pattern: DeploymentPattern; title: string }[] {
  return DEPLOYMENT_PATTERNS.flatMap((pattern) => {
    const name = pattern.names[version];
    if (!name) return [];
    const numbered = pattern.names['4.5.0'] !== undefined && Number(version.split('.')[1]) >= 5;
    return [{ pattern, title: numbered ? `Pattern ${pattern.number}: ${name}` : name }];
  });
}

/**
 * A preset's topology on `version`: the version, WSO2's name for it there, the internal encryption key only where the
 * version has one (from 4.7), and the version's default analytics type (Moesif from 4.6, Choreo before).
 */
export function presetOn(topology: Topology, version: ProductVersion, title: string): Topology {
  const facts = versionFacts(version);
  const { encryptionKey, ...settings } = topology.settings;
  const type = facts.defaultAnalyticsType;
  const analytics = { ...settings.analytics, type: type === DEFAULT_ANALYTICS_TYPE ? undefined : type };
  return {
    ...topology,
    name: title,
    product: version,
    settings: {
      ...settings,
      analytics,
      ...(facts.internalEncryptionKey ? { encryptionKey: encryptionKey ?? '$env{WSO2_ENCRYPTION_KEY}' } : {}),
    },
  };
}
