/** Database and Redis nodes, one per server the files name (engine, host, port), and the links of the nodes using them. */
import type { Link } from '../model/index.ts';
import type { DatabaseUse } from './databases.ts';
import { databaseUses, redisUse } from './databases.ts';
import type { ImportReport } from './report.ts';
import type { ApimEntry, Raw } from './shared.ts';
import { uniqueId, usableHost } from './shared.ts';

export function dataStores(
  apim: readonly ApimEntry[],
  taken: Set<string>,
  report: ImportReport,
): { nodes: Raw[]; redis: Raw[]; links: Link[] } {
  const nodes: Raw[] = [];
  const links: Link[] = [];
  const byServer = new Map<string, Raw>();
  const serverOf = (u: DatabaseUse) => `${u.engine}|${u.host}|${u.port}`;
  for (const n of apim) {
    for (const use of databaseUses(n.file)) {
      let node = byServer.get(serverOf(use));
      if (!node) {
        const id = uniqueId(use.id ?? (byServer.size === 0 ? 'db' : `db-${byServer.size + 1}`), taken);
        node = {
          id,
          kind: 'database',
          host: usableHost(use.host, id, report, 'database host'),
          engine: use.engine,
          port: use.port,
          databases: [],
          username: use.username,
          password: use.password,
          ...(use.mysqlVersion ? { mysqlVersion: use.mysqlVersion } : {}),
        };
        byServer.set(serverOf(use), node);
        nodes.push(node);
        report.recognized.push({ subject: id, message: `${use.engine} database on ${use.host}:${use.port}` });
      }
      const dbs = node.databases as string[];
      if (!dbs.includes(use.db)) dbs.push(use.db);
      node[use.db === 'apim_db' ? 'apimDbName' : 'sharedDbName'] = use.name;
      if (node.username !== use.username || node.password !== use.password)
        report.conflicts.push({
          subject: n.file.id,
          message: `${use.db} on ${node.id}: user ${use.username} differs from ${String(node.username)} (the first file's is kept)`,
        });
      const id = node.id;
      if (!links.some((l) => l.from === n.file.id && l.to === id)) links.push({ from: n.file.id, to: id });
    }
  }
  for (const db of nodes) (db.databases as string[]).sort();
  const redis = new Map<string, Raw>();
  for (const n of apim) {
    const use = redisUse(n.file);
    if (!use) continue;
    let node = redis.get(`${use.host}:${use.port}`);
    if (!node) {
      node = {
        id: uniqueId(use.id ?? 'redis', taken),
        kind: 'redis',
        host: use.host,
        port: use.port,
        user: use.user,
        password: use.password,
        ...(use.ssl ? { ssl: true } : {}),
      };
      redis.set(`${use.host}:${use.port}`, node);
    }
    links.push({ from: n.file.id, to: node.id });
  }
  return { nodes, redis: [...redis.values()], links };
}
