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

/** Directives with the blocks they sit in: `{ block: ['http', 'upstream x'], words: ['server', 'h:9443'] }`. */
function directives(text: string): { blocks: string[]; words: string[] }[] {
  const code = text.replace(/#[^\n]*/g, '');
  const out: { blocks: string[]; words: string[] }[] = [];
  const blocks: string[] = [];
  let statement = '';
  for (const ch of code) {
    if (ch === '{') {
      blocks.push(statement.trim());
      statement = '';
    } else if (ch === '}') {
      blocks.pop();
      statement = '';
    } else if (ch === ';') {
      const words = statement.trim().split(/\s+/);
      if (words[0]) out.push({ blocks: [...blocks], words });
      statement = '';
    } else statement += ch;
  }
  return out;
}

export function readNginx(id: string, path: string, text: string): NginxFile {
  // What the pattern reads of the designer's header (label, id and host) is in its first few hundred characters; the
  // member list after it can be long. Only the first 1,000 are matched: the pattern's time grows with their square.
  const first = (text.split(/\r?\n/, 1)[0] ?? '').slice(0, 1000);
  const header = HEADER.exec(first);
  const file: NginxFile = { id: header?.[2] ?? id, path, members: [], sticky: false, designer: header !== null };
  if (header) [file.label, file.host] = [header[1] ?? '', header[3] ?? ''];
  // The designer names each upstream server's node in a comment after it: `server h:9443;  # cp-1 (Control Plane 1)`.
  const named = new Map<string, string>();
  for (const m of text.matchAll(/^[ \t]*server[ \t]+([^\s:;]+)(?:[: \t][^;\n]*)?;[ \t]*#[ \t]*([a-z0-9-]+)[ \t]*\(/gm))
    named.set(m[1] ?? '', m[2] ?? '');
  for (const { blocks, words } of directives(text)) {
    const inUpstream = blocks.at(-1)?.startsWith('upstream') === true;
    const [name, value] = words;
    if (inUpstream && name === 'server' && value !== undefined) {
      const [host = value, port] = value.split(':');
      if (!file.members.some((m) => m.host === host)) {
        const node = named.get(host);
        file.members.push({ host, port: Number(port ?? 80), ...(node ? { id: node } : {}) });
      }
    } else if (inUpstream && (name === 'ip_hash' || name === 'sticky')) file.sticky = true;
    else if (name === 'server_name' && value !== undefined && file.host === undefined && value !== '_' && value !== 'localhost')
      file.host = value;
  }
  return file;
}
