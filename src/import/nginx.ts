/**
 * A load balancer's nginx.conf, read for what the topology needs: its host (`server_name`, or the designer's header),
 * the members of its upstreams (host and port, and the node id the designer's comment names), and whether the portals'
 * upstream is sticky (`ip_hash` or NGINX Plus `sticky`).
 */
export interface NginxFile {
  id: string;
  path: string;
  label?: string;
  host?: string;
  members: { host: string; port: number; id?: string }[];
  sticky: boolean;
  /** Whether the designer wrote the file. */
  designer: boolean;
}

const HEADER = /^# nginx\.conf of (.*) \(([a-z0-9-]+)\) on (\S+): /;

function stripComment(line: string): string {
  return line.replace(/#.*$/, '').trim();
}

export function readNginx(id: string, path: string, text: string): NginxFile {
  const lines = text.split(/\r?\n/);
  const header = HEADER.exec(lines[0] ?? '');
  const file: NginxFile = { id: header?.[2] ?? id, path, members: [], sticky: false, designer: header !== null };
  if (header) [file.label, file.host] = [header[1] ?? '', header[3] ?? ''];
  const seen = new Set<string>();
  let depth = 0;
  let inUpstream = -1;
  for (const raw of lines) {
    const line = stripComment(raw);
    if (/^upstream\s+\S+\s*\{/.test(line)) inUpstream = depth;
    if (inUpstream >= 0 && depth === inUpstream + 1) {
      const server = /^server\s+([^\s:;]+)(?::(\d+))?[^;]*;/.exec(line);
      if (server) {
        const host = server[1] ?? '';
        const named = /#\s*([a-z0-9-]+)\s*\(/.exec(raw);
        if (!seen.has(host)) {
          seen.add(host);
          file.members.push({ host, port: Number(server[2] ?? 80), ...(named ? { id: named[1] } : {}) });
        }
      }
      if (/^(ip_hash|sticky)\b/.test(line)) file.sticky = true;
    }
    const name = /^server_name\s+([^\s;]+)/.exec(line);
    if (name?.[1] && file.host === undefined && name[1] !== '_' && name[1] !== 'localhost') file.host = name[1];
    for (const ch of line) {
      if (ch === '{') depth++;
      else if (ch === '}') {
        depth--;
        if (depth === inUpstream) inUpstream = -1;
      }
    }
  }
  return file;
}
