/**
 * Database and Redis servers, from the `[database.apim_db]` / `[database.shared_db]` tables (explicit JDBC URL or
 * WSO2's inferred style: type, hostname, port, name or sid) and `[apim.distributed_throttling.keyvalue_store]`.
 * Embedded H2 is each node's own, never a server.
 */
import type { DbEngine, LogicalDatabase, MysqlVersion } from '../model/index.ts';
import { DB_ENGINES, DB_ENGINE_PORTS } from '../model/index.ts';
import type { NodeFile, Table } from './nodeFile.ts';
import { at, bool, num, str } from './nodeFile.ts';

export interface DatabaseUse {
  db: LogicalDatabase;
  engine: DbEngine;
  host: string;
  port: number;
  name: string;
  username: string;
  password: string;
  mysqlVersion?: MysqlVersion;
  /** The server's id, from the designer's comment "(db)". */
  id?: string;
}

const URL_ENGINE: Record<string, DbEngine> = { mysql: 'mysql', postgresql: 'postgre', sqlserver: 'mssql', oracle: 'oracle', db2: 'db2' };

/** host, port and database name of a JDBC URL, for the engines WSO2 documents. */
function parseJdbc(url: string): { engine: DbEngine; host: string; port?: number; name: string } | undefined {
  const m = /^jdbc:(mysql|postgresql|db2):\/\/([^:/?;]+)(?::(\d+))?\/([^?;]+)/.exec(url);
  if (m) return { engine: URL_ENGINE[m[1] ?? ''] ?? 'mysql', host: m[2] ?? '', ...(m[3] ? { port: Number(m[3]) } : {}), name: m[4] ?? '' };
  const ms = /^jdbc:sqlserver:\/\/([^:;]+)(?::(\d+))?;.*?databaseName=([^;]+)/i.exec(url);
  if (ms) return { engine: 'mssql', host: ms[1] ?? '', ...(ms[2] ? { port: Number(ms[2]) } : {}), name: ms[3] ?? '' };
  const mo = /^jdbc:oracle:thin:@(?:\/\/)?([^:/]+)(?::(\d+))?[:/]([^?]+)/.exec(url);
  if (mo) return { engine: 'oracle', host: mo[1] ?? '', ...(mo[2] ? { port: Number(mo[2]) } : {}), name: mo[3] ?? '' };
  return undefined;
}

export function databaseUses(file: NodeFile): DatabaseUse[] {
  const uses: DatabaseUse[] = [];
  for (const db of ['apim_db', 'shared_db'] as const) {
    const t = at(file.data, `database.${db}`) as Table | undefined;
    if (!t || typeof t !== 'object') continue;
    const type = str(t, 'type')?.toLowerCase();
    if (type === 'h2') continue;
    const url = str(t, 'url');
    const parsed = url ? parseJdbc(url) : undefined;
    const engine = parsed?.engine ?? DB_ENGINES.find((e) => e === type);
    const host = parsed?.host ?? str(t, 'hostname');
    if (!engine || !host) continue;
    const port = parsed?.port ?? Number(at(t, 'port') ?? DB_ENGINE_PORTS[engine]);
    const name = parsed?.name ?? str(t, 'name') ?? str(t, 'sid') ?? db;
    const comment = file.comments.get(`database.${db}`)?.[0] ?? '';
    const id = /\(([a-z0-9-]+)\)\.$/.exec(comment)?.[1];
    uses.push({
      db,
      engine,
      host,
      port: Number.isFinite(port) ? port : DB_ENGINE_PORTS[engine],
      name,
      username: str(t, 'username') ?? 'wso2carbon',
      password: str(t, 'password') ?? 'wso2carbon',
      ...(engine === 'mysql' && !url ? { mysqlVersion: '5.7' as const } : {}),
      ...(id ? { id } : {}),
    });
  }
  return uses;
}

export interface RedisUse {
  host: string;
  port: number;
  user: string;
  password: string;
  ssl: boolean;
  id?: string;
}

export function redisUse(file: NodeFile): RedisUse | undefined {
  const t = at(file.data, 'apim.distributed_throttling.keyvalue_store') as Table | undefined;
  const host = t && str(t, 'host');
  if (!t || !host) return undefined;
  const comment = (file.comments.get('apim.distributed_throttling') ?? []).join(' ');
  const id = /in Redis ([a-z0-9-]+),/.exec(comment)?.[1];
  return {
    host,
    port: num(t, 'port') ?? 6379,
    user: str(t, 'user') ?? '',
    password: str(t, 'password') ?? '',
    ssl: bool(t, 'ssl') ?? false,
    ...(id ? { id } : {}),
  };
}
