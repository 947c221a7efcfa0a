/** What the steps of an import share: the node being built, the API-M nodes read, ids taken, host names checked. */
import type { ApimKind, NodeKind } from '../model/index.ts';
import { HOST_PATTERN } from '../model/index.ts';
import type { NodeFile } from './nodeFile.ts';
import type { NginxFile } from './nginx.ts';
import type { ImportReport } from './report.ts';

/** A node of the topology document being built, before the share layer restores it. */
export type Raw = Record<string, unknown> & { id: string; kind: NodeKind };

/** An API-M node read from its file: its kind, own host, the `[server] hostname` (a cluster's), offset. */
export interface ApimEntry {
  file: NodeFile;
  kind: ApimKind;
  host: string;
  clusterHost: string | undefined;
  nodeIp: string | undefined;
  offset: number;
}

export interface LoadBalancerEntry {
  id: string;
  host: string;
  members: Set<string>;
  nginx?: NginxFile;
}

/** `base`, or `base-2`, `base-3`… : the first id not taken, now taken. */
export function uniqueId(base: string, taken: Set<string>): string {
  let id = base;
  for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
  taken.add(id);
  return id;
}

/** A host the topology format accepts: `$env{…}` and other placeholders become `<id>.example.com`, a guess. */
export function usableHost(host: string | undefined, id: string, report: ImportReport, what: string): string {
  if (host !== undefined && HOST_PATTERN.test(host)) return host;
  const guess = `${id}.example.com`;
  report.guessed.push({ subject: id, message: `${what} "${host ?? '(none)'}" is not a host name; ${guess} stands for it` });
  return guess;
}
