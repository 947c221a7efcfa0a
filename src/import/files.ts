/**
 * Which input file is what: a node's deployment.toml (and the node id its path gives), a load balancer's nginx.conf,
 * the bundle's topology.json, or something the importer does not read.
 */
export interface InputFile {
  path: string;
  content: string;
}

export type ClassifiedFile =
  | { kind: 'node'; id: string; path: string; content: string }
  | { kind: 'nginx'; id: string; path: string; content: string }
  | { kind: 'topology'; path: string; content: string }
  | { kind: 'other'; path: string; content: string };

/** A node id from a folder or file name: lower case, `[a-z0-9-]`, as the topology format needs. */
export function idFrom(name: string): string {
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
  return id === '' ? 'node' : id;
}

function stem(file: string): string {
  return file.replace(/\.(toml|conf)$/i, '');
}

export function classify(file: InputFile): ClassifiedFile {
  const path = file.path.replace(/\\/g, '/');
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  const name = parts.at(-1) ?? '';
  const at = (i: number) => parts.at(i) ?? '';
  if (name === 'topology.json') return { kind: 'topology', path, content: file.content };
  if (/\.toml$/i.test(name)) {
    // <id>/repository/conf/deployment.toml (a bundle's nodes/<id>/… too), <id>/deployment.toml, or <id>.toml.
    if (name === 'deployment.toml') {
      const confAt = parts.length >= 4 && at(-2) === 'conf' && at(-3) === 'repository' ? -4 : -2;
      const folder = at(confAt);
      return { kind: 'node', id: idFrom(folder === '' ? 'node' : folder), path, content: file.content };
    }
    const id = stem(name)
      .replace(/([-_.]?deployment)$/i, '')
      .replace(/^(deployment[-_.]?)/i, '');
    return { kind: 'node', id: idFrom(id), path, content: file.content };
  }
  if (/\.conf$/i.test(name) && /^[ \t\ufeff]*(?:http|upstream|server)/m.test(file.content)) {
    const id =
      name === 'nginx.conf'
        ? at(-2) || 'lb'
        : stem(name)
            .replace(/([-_.]?nginx)$/i, '')
            .replace(/^(nginx[-_.]?)/i, '');
    return { kind: 'nginx', id: idFrom(id || 'lb'), path, content: file.content };
  }
  return { kind: 'other', path, content: file.content };
}
