/**
 * A node's kind and the product version, when the designer's header does not say: from `server_role` (the profiles of
 * 4.0–4.4), then from the tables only one kind writes, then from the node's name. Every such choice is a guess and
 * says why.
 */
import type { ApimKind, ProductVersion } from '../model/index.ts';
import { own } from '../model/index.ts';
import type { NodeFile } from './nodeFile.ts';
import { at, str, tables } from './nodeFile.ts';

const ROLES: Record<string, ApimKind> = {
  'gateway-worker': 'gateway',
  'control-plane': 'control-plane',
  'traffic-manager': 'traffic-manager',
  'api-key-manager-deprecated': 'key-manager',
  'key-manager': 'key-manager',
};

const NAME_HINTS: [RegExp, ApimKind][] = [
  [/(^|-)(gw|gateway|ugw)(-|\d|$)/, 'gateway'],
  [/(^|-)(tm|traffic)/, 'traffic-manager'],
  [/(^|-)(km|key)/, 'key-manager'],
  [/(^|-)(aio|all-in-one|allinone|am)(-|\d|$)/, 'all-in-one'],
  [/(^|-)(cp|acp|control)/, 'control-plane'],
];

export function kindOf(file: NodeFile): { kind: ApimKind; why?: string } {
  if (file.designer) return { kind: file.designer.kind };
  const role = str(file.data, 'server.server_role');
  const byRole = role ? own(ROLES, role) : undefined;
  if (byRole) return { kind: byRole };
  const has = (path: string) => at(file.data, path) !== undefined;
  const environments = tables(file.data, 'apim.gateway.environment').length > 0;
  const labels = has('apim.sync_runtime_artifacts.gateway');
  const byName = NAME_HINTS.find(([re]) => re.test(file.id))?.[1];
  const because = role ? `server_role "${role}" names no one kind; ` : 'no server_role; ';
  if (environments && labels) return { kind: 'all-in-one', why: `${because}it lists gateway environments and serves some itself` };
  if (environments) return { kind: 'control-plane', why: `${because}it lists gateway environments ([[apim.gateway.environment]])` };
  if (labels || has('apim.throttling.throttle_decision_endpoints'))
    return { kind: 'gateway', why: `${because}it syncs gateway artifacts or hears throttle decisions` };
  if (byName) return { kind: byName, why: `${because}its tables fit several kinds, and its name "${file.id}" says ${byName}` };
  if (has('apim.throttling.skip_redeploying_policies') || (has('apim.event_hub') && !has('apim.devportal')))
    return { kind: 'traffic-manager', why: `${because}it has an event hub connection and no portals` };
  return { kind: 'all-in-one', why: `${because}nothing marks one component, so the whole server` };
}

/** The version a set of files is for, and why; `stated` when the designer's header says it. */
export function versionOf(files: readonly NodeFile[]): { product: ProductVersion; stated: boolean; why: string } {
  const stated = files.find((f) => f.designer)?.designer?.product;
  if (stated) return { product: stated, stated: true, why: 'the designer header of the files names it' };
  const anyHas = (path: string) => files.some((f) => at(f.data, path) !== undefined);
  const roles = new Set(files.map((f) => str(f.data, 'server.server_role')));
  const profiles = [...roles].some((r) => r !== undefined && r !== 'default');
  if (anyHas('encryption.key')) return { product: '4.7.0', stated: false, why: '[encryption] key is read from 4.7' };
  if (anyHas('apim.gateway_notification') || anyHas('apim.distributed_throttling'))
    return { product: '4.6.0', stated: false, why: '[apim.gateway_notification] / distributed throttling are 4.6+ keys' };
  if (!profiles && files.length > 1 && files.some((f) => f.data.server !== undefined))
    return { product: '4.5.0', stated: false, why: 'no node names a profile server_role: the component distributions of 4.5+' };
  if (roles.has('api-key-manager-deprecated') || anyHas('apim.throttling.event_duplicate_url'))
    return { product: '4.0.0', stated: false, why: 'event_duplicate_url / api-key-manager-deprecated: 4.0 shapes' };
  const gatewayType = files.some((f) => tables(f.data, 'apim.gateway.environment').some((e) => e.gateway_type !== undefined));
  if (gatewayType)
    return { product: '4.2.0', stated: false, why: 'environments name a gateway_type (4.2+), and nodes use profiles (before 4.5)' };
  return { product: '4.0.0', stated: false, why: 'profiles (server_role) and no key newer than 4.0' };
}
