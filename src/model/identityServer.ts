/**
 * WSO2 Identity Server releases as API-M's Key Manager: which way each can serve (the IS side of the API-M version
 * facts, versions.ts `identityServer`).
 *
 * - `resident`: the Key Manager of API-M "globally", written in API-M's deployment.toml (`[apim.key_manager] type =
 *   "WSO2-IS"`) with the WSO2-IS connector installed in IS and the databases shared (APIM docs 4.0.0 'Set up WSO2
 *   Identity Server as a Key Manager'; APIM docs 4.4.0+ 'Configure WSO2 IS 6.x as a Key Manager'; helm-apim
 *   4.2.x–4.7.x `iskm.enabled`).
 * - `third-party`: a Key Manager added in the Admin portal, nothing in API-M's deployment.toml. IS 7 is only this:
 *   APIM docs 4.3.0 / 4.4.0 'Configure WSO2 IS 7.x as a Key Manager', "Limitations"; APIM docs 4.6.0 'Pattern 6:
 *   All-in-One with WSO2 IS as Key Manager': "cannot be configured as the Resident Key Manager".
 */
import type { IsVersion } from './types.ts';

export type IsMode = 'resident' | 'third-party';

export interface IsVersionFacts {
  readonly version: IsVersion;
  /** How it serves API-M as a Key Manager. */
  readonly mode: IsMode;
  /** WSO2's name of the release, as its downloads write it. */
  readonly release: string;
  /** The Key Manager type the Admin portal offers for it ("WSO2 Identity Server 7" from API-M 4.3). */
  readonly adminPortalType: string;
}

/**
 * One row per IS version of the topology format. IS 5.10 is listed for API-M 3.1 only (the prepackaged IS-KM 5.10.0
 * page of the 3.x docs); no 4.x source names it, so versions.ts lists it for no 4.x version (APIM056).
 */
export const IS_VERSION_FACTS: { readonly [V in IsVersion]: IsVersionFacts & { readonly version: V } } = {
  '5.10': { version: '5.10', mode: 'resident', release: '5.10.0', adminPortalType: 'WSO2 Identity Server' },
  '5.11': { version: '5.11', mode: 'resident', release: '5.11.0', adminPortalType: 'WSO2 Identity Server' },
  '6.0': { version: '6.0', mode: 'resident', release: '6.0.0', adminPortalType: 'WSO2 Identity Server' },
  '6.1': { version: '6.1', mode: 'resident', release: '6.1.0', adminPortalType: 'WSO2 Identity Server' },
  '7.0': { version: '7.0', mode: 'third-party', release: '7.0.0', adminPortalType: 'WSO2 Identity Server 7' },
  '7.1': { version: '7.1', mode: 'third-party', release: '7.1.0', adminPortalType: 'WSO2 Identity Server 7' },
};

export function isVersionFacts(version: IsVersion): IsVersionFacts {
  return IS_VERSION_FACTS[version];
}

/** A new Identity Server node: the newest release, offset 1 (APIM docs 4.0.0 'Set up WSO2 Identity Server as a Key Manager', Step 2). */
export const IDENTITY_SERVER_DEFAULTS = { version: '7.1', offset: 1 } as const satisfies { version: IsVersion; offset: number };

/** IS's HTTPS management port with its offset (IS's default 9443; APIM docs: IS at offset 1 answers on 9444). */
export function identityServerHttpsPort(node: { offset: number }): number {
  return 9443 + node.offset;
}

/** `https://<host>:<port>`: the base of every IS endpoint the files and the Admin portal name. */
export function identityServerBase(node: { host: string; offset: number }): string {
  return `https://${node.host}:${identityServerHttpsPort(node)}`;
}
