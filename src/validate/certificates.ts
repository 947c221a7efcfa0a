/**
 * APIM072: a node whose existing certificate's names (`certificateNames`) do not cover a name a peer calls it by over
 * TLS. The peer's hostname check fails there: Java's HTTPS client and the binary SSL publisher refuse the handshake.
 * Matching follows RFC 6125 §6.4: the same name (case aside), or a `*.` wildcard standing for exactly one leftmost
 * label of a host name; a wildcard never matches an IP address, nor the bare domain, nor two labels.
 * Read with the connection matrix (generate/network.ts), which knows the names each file calls.
 */
import type { Diagnostic } from '../model/index.ts';
import { report } from './rules.ts';

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
/** The caller of what browsers and API clients reach (generate/network.ts CLIENTS). */
const CLIENTS = 'clients';

/** Whether a certificate name covers the host a peer calls (RFC 6125 §6.4). */
export function nameCovers(name: string, host: string): boolean {
  const n = name.toLowerCase();
  const h = host.toLowerCase();
  if (n === h) return true;
  if (!n.startsWith('*.') || IPV4.test(h)) return false;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === n.slice(2);
}

/** One call over TLS to a node: who calls, the name it calls, and for what. */
export interface TlsCall {
  fromNode: string;
  host: string;
  port: number;
  purpose: string;
}

/** APIM072 for one node: each name its peers call that its stated names miss, once, with the callers. */
export function certificateNameDiagnostics(nodeId: string, declared: readonly string[], calls: readonly TlsCall[]): Diagnostic[] {
  const missing = new Map<string, TlsCall[]>();
  for (const call of calls) {
    if (declared.some((name) => nameCovers(name, call.host))) continue;
    const key = call.host.toLowerCase();
    const list = missing.get(key) ?? [];
    list.push(call);
    missing.set(key, list);
  }
  return [...missing.values()].map((list) => {
    const [first] = list as [TlsCall, ...TlsCall[]];
    const callers = [...new Set(list.map((c) => c.fromNode))];
    const named = callers.map((c) => (c === CLIENTS ? 'clients (browsers, API clients)' : c));
    const shown = named.slice(0, 3).join(', ') + (named.length > 3 ? ` and ${named.length - 3} more` : '');
    const ip = IPV4.test(first.host);
    const wildcard =
      !ip && declared.some((name) => name.startsWith('*.') && first.host.toLowerCase().endsWith(name.slice(1).toLowerCase()));
    const why = ip
      ? ' (an IP address must be named as an IP entry: a wildcard or host name never matches it)'
      : wildcard
        ? ' (a wildcard stands for one label only)'
        : '';
    return report('APIM072', {
      message: `node ${nodeId}: its certificate names (${declared.join(', ')}) do not cover ${first.host}, which ${shown} call${callers.length === 1 ? 's' : ''} on port ${first.port} (${first.purpose})${why}; the TLS hostname check fails`,
      nodeIds: [nodeId, ...callers.filter((c) => c !== nodeId && c !== CLIENTS)].slice(0, 10),
      fix: `Add ${first.host} to the certificate of ${nodeId} (keytool -ext SAN=${ip ? 'ip' : 'dns'}:${first.host}) and to its certificate names, or clear the names to let the runbook make a certificate that carries them.`,
    });
  });
}
