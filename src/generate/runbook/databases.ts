/**
 * The runbook's database step: create the databases, load WSO2's scripts, add the JDBC driver (APIM docs 'Changing
 * to MySQL' and its sibling engine pages).
 */
import type { ApimNode, DatabaseNode, DbEngine, LogicalDatabase } from '../../model/index.ts';
import { LOGICAL_DATABASES, mysqlVersionOf } from '../../model/index.ts';
import type { GenerationContext } from '../context.ts';
import { inlineCode, markdownText, shellWord } from '../text.ts';
import { homeOf, portalKind } from './home.ts';

interface Engine {
  name: string;
  /** The script's file name under `dbscripts/` (shared_db) and `dbscripts/apimgt/` (apim_db). */
  script: string;
  /** The JDBC driver the nodes need for this server. */
  driver: (db: DatabaseNode) => string;
  /**
   * The commands that create the nodes' user, run as the database administrator with its password in the shell
   * variable DB_PASSWORD (read first, so it is in no file and no shell history); undefined: the DBA creates it.
   */
  createUser?: (db: DatabaseNode) => string[];
  /** The command that creates a database, run as the database administrator; undefined: see the engine's docs. */
  create?: (db: DatabaseNode, name: string, logical: LogicalDatabase) => string;
  /** The administrator the create commands run as. */
  admin?: string;
  /** The command that lets the user own what it creates in the database, where creating it does not already. */
  grant?: (db: DatabaseNode, name: string) => string;
  /** The command that loads a script into a database as the node's user. */
  load: (db: DatabaseNode, name: string, script: string) => string;
}

const w = shellWord;

/** Schema scripts, JDBC drivers and client commands per engine. */
export const ENGINES: Record<DbEngine, Engine> = {
  mysql: {
    name: 'MySQL',
    script: 'mysql.sql',
    driver: (db) =>
      mysqlVersionOf(db) === '8'
        ? 'MySQL Connector/J 8.0 or later (mysql-connector-j, driver class com.mysql.cj.jdbc.Driver)'
        : 'MySQL Connector/J 5.1 (mysql-connector-java, driver class com.mysql.jdbc.Driver)',
    // apim_db in latin1 on MySQL 8: in its default utf8mb4 some of WSO2's indexes exceed the key length
    // (ERROR 1071), as WSO2's product compatibility page warns.
    admin: 'root',
    // APIM docs 'Changing to MySQL': the user the nodes connect as, with every privilege on its databases.
    createUser: (db) => [
      `mysql -h ${w(db.host)} -P ${db.port} -u root -p -e "CREATE USER IF NOT EXISTS '${db.username}'@'%' IDENTIFIED BY '$DB_PASSWORD';"`,
    ],
    create: (db, name, logical) =>
      `mysql -h ${w(db.host)} -P ${db.port} -u root -p -e ${w(`CREATE DATABASE ${name}${logical === 'apim_db' && mysqlVersionOf(db) === '8' ? ' CHARACTER SET latin1' : ''};`)}`,
    grant: (db, name) => `mysql -h ${w(db.host)} -P ${db.port} -u root -p -e "GRANT ALL PRIVILEGES ON ${name}.* TO '${db.username}'@'%';"`,
    load: (db, name, script) => `mysql -h ${w(db.host)} -P ${db.port} -u ${w(db.username)} -p ${w(name)} < ${script}`,
  },
  postgre: {
    name: 'PostgreSQL',
    script: 'postgresql.sql',
    driver: () => 'PostgreSQL JDBC (postgresql)',
    admin: 'postgres',
    // APIM docs 'Changing to PostgreSQL': a login role that owns the databases (createdb -O).
    createUser: (db) => [
      `psql -h ${w(db.host)} -p ${db.port} -U postgres -c "CREATE ROLE \\"${db.username}\\" LOGIN PASSWORD '$DB_PASSWORD';"`,
    ],
    create: (db, name) => `createdb -h ${w(db.host)} -p ${db.port} -U postgres -O ${w(db.username)} ${w(name)}`,
    load: (db, name, script) => `psql -h ${w(db.host)} -p ${db.port} -U ${w(db.username)} -d ${w(name)} -f ${script}`,
  },
  mssql: {
    name: 'SQL Server',
    script: 'mssql.sql',
    driver: () => 'Microsoft JDBC Driver for SQL Server (mssql-jdbc)',
    admin: 'sa',
    // APIM docs 'Changing to MSSQL': a login, and in each database a user for it that owns the database.
    createUser: (db) => [
      `sqlcmd -S ${w(`${db.host},${db.port}`)} -U sa -Q "CREATE LOGIN [${db.username}] WITH PASSWORD = N'$DB_PASSWORD'"`,
    ],
    create: (db, name) => `sqlcmd -S ${w(`${db.host},${db.port}`)} -U sa -Q ${w(`CREATE DATABASE ${name}`)}`,
    grant: (db, name) =>
      `sqlcmd -S ${w(`${db.host},${db.port}`)} -U sa -d ${name} -Q "CREATE USER [${db.username}] FOR LOGIN [${db.username}]; ALTER ROLE db_owner ADD MEMBER [${db.username}]"`,
    load: (db, name, script) => `sqlcmd -S ${w(`${db.host},${db.port}`)} -U ${w(db.username)} -d ${w(name)} -i ${script}`,
  },
  oracle: {
    name: 'Oracle',
    script: 'oracle.sql',
    driver: () => 'Oracle JDBC (ojdbc)',
    // An Oracle "database" here is a schema in the instance the sid names: the DBA creates the user.
    load: (db, name, script) => `sqlplus ${w(`${db.username}@//${db.host}:${db.port}/${name}`)} @${script}`,
  },
  db2: {
    name: 'DB2',
    script: 'db2.sql',
    driver: () => 'IBM Data Server JDBC (db2jcc)',
    // The database is reached through the DB2 client's catalog (CATALOG TCPIP NODE … REMOTE host SERVER port).
    load: (db, name, script) =>
      `db2 CONNECT TO ${w(name)} USER ${w(db.username)}   # then run ${script} with the DB2 command line processor`,
  },
};

/** A database name the create command may carry inside SQL: a plain identifier. */
const SQL_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A user name the user commands may carry inside SQL and inside a double-quoted shell word: a plain identifier, which
 * every engine takes quoted or bare, and in which the shell expands nothing.
 */
const SQL_USER = SQL_IDENTIFIER;

/** The database servers a node uses, each once. */
export function databasesOf(context: GenerationContext, node: ApimNode): DatabaseNode[] {
  const found: DatabaseNode[] = [];
  for (const logical of LOGICAL_DATABASES) {
    const server = context.graph.databaseFor(node, logical);
    if (server && !found.includes(server)) found.push(server);
  }
  return found;
}

/** `where`: where the reader finds the user's password and puts the JDBC driver (the Kubernetes runbook's differ). */
export function databaseSteps(
  context: GenerationContext,
  where: { passwordIn: string; driverIn: string } = {
    passwordIn: "nodes' deployment.toml",
    driverIn: 'its `repository/components/lib`: its step below says so',
  },
): string[] {
  const { passwordIn, driverIn } = where;
  const databases = context.graph.nodesOfKind('database');
  if (databases.length === 0) {
    return ['No database node: each API-M node uses its embedded H2 database, which cannot be shared between nodes.', ''];
  }
  // The schema scripts ship with the control plane's distribution (or the All-in-One's).
  const home = homeOf(context, portalKind(context));
  const out: string[] = [];
  for (const db of databases) {
    const engine = ENGINES[db.engine];
    const names = db.databases.map((logical) => (logical === 'apim_db' ? db.apimDbName : db.sharedDbName));
    // The user commands only where the name is plain and every database is created here too.
    const asAdmin = db.username === engine.admin;
    const userCommands =
      engine.createUser && !asAdmin && SQL_USER.test(db.username) && names.every((name) => SQL_IDENTIFIER.test(name))
        ? engine.createUser(db)
        : [];
    out.push(
      `#### ${markdownText(db.label)} (\`${db.id}\`): ${engine.name} on ${inlineCode(`${db.host}:${db.port}`)}`,
      '',
      asAdmin
        ? `Create ${db.databases.length === 1 ? 'the database' : 'the databases'} (the nodes connect as ${inlineCode(db.username)}, whose password is in the`
        : `Create a user ${inlineCode(db.username)} and ${db.databases.length === 1 ? 'the database' : 'the databases'} it owns (its password is in the`,
      `${passwordIn}), then load the scripts shipped in \`${home}/dbscripts\`:`,
      '',
    );
    for (const logical of db.databases) {
      const name = logical === 'apim_db' ? db.apimDbName : db.sharedDbName;
      const script = logical === 'apim_db' ? `dbscripts/apimgt/${engine.script}` : `dbscripts/${engine.script}`;
      out.push(`- ${inlineCode(name)}${name === logical ? '' : ` (${logical})`}: \`${script}\``);
    }
    out.push('', '```sh');
    if (userCommands.length > 0) {
      out.push(`read -rs DB_PASSWORD   # type the password of ${db.username}, as in the ${passwordIn}`, ...userCommands);
    }
    for (const logical of db.databases) {
      const name = logical === 'apim_db' ? db.apimDbName : db.sharedDbName;
      if (engine.create && SQL_IDENTIFIER.test(name)) out.push(engine.create(db, name, logical));
    }
    if (userCommands.length > 0) for (const name of names) if (engine.grant) out.push(engine.grant(db, name));
    for (const logical of db.databases) {
      const name = logical === 'apim_db' ? db.apimDbName : db.sharedDbName;
      const script = logical === 'apim_db' ? `${home}/dbscripts/apimgt/${engine.script}` : `${home}/dbscripts/${engine.script}`;
      out.push(engine.load(db, name, script));
    }
    out.push('```', '');
    if (userCommands.length > 0) {
      out.push(
        "`read -rs` keeps the password out of the shell history and the screen. It goes into SQL as typed: type each `'` in it",
        `twice${db.engine === 'mysql' ? ', and each `\\` twice' : ''}.`,
        '',
      );
    } else if (asAdmin) {
      out.push(
        `The nodes connect as the administrator, ${inlineCode(db.username)}, so there is no user to create. A user of their own, with`,
        'rights on these databases only, is safer in production.',
        '',
      );
    } else if (engine.createUser) {
      out.push(
        `The user's name or a database's is not a plain SQL identifier (letters, digits and \`_\`): create the user, and any`,
        `database not created above, with ${engine.name}'s own tools, then give the user every right on its databases.`,
        '',
      );
    }
    out.push(`Every node that uses it needs the ${engine.driver(db)} jar in ${driverIn}.`, '');
    if (db.engine === 'mysql' && mysqlVersionOf(db) === '8') {
      out.push(
        'The nodes connect with `useSSL=true`, so the server must accept TLS: MySQL 8 does out of the box, with the',
        'certificate it generates at its first start. (With `useSSL=false` the nodes would also need',
        "`allowPublicKeyRetrieval=true` in the URL for MySQL 8's default caching_sha2_password users.)",
        '',
      );
    }
  }
  return out;
}
