/**
 * Secure vault (APIM docs 'Encrypting Passwords in Configuration Files'): with the setting on, every password
 * and token a file holds is written as `$secret{alias}`, and the file ends with a `[secrets]` table,
 * `alias = "[plain text]"`, which `ciphertool.sh -Dconfigure` encrypts in place on each node. WSO2 requires
 * `[secrets]` to be the last table of the file. Values that are already references (`$ref{…}`, `${…}`,
 * `$env{…}`, `$secret{…}`) and empty values are left as they are.
 */
import type { TomlDocument, TomlTable } from './toml/index.ts';
import { table } from './toml/index.ts';
import { isReference, own } from '../model/index.ts';

/** Which keys hold secrets, by table, and the alias each gets. */
const SECRET_KEYS: Record<string, Record<string, string>> = {
  super_admin: { password: 'admin_password' },
  'database.apim_db': { password: 'apim_db_password' },
  'database.shared_db': { password: 'shared_db_password' },
  'keystore.tls': { password: 'keystore_tls_password', key_password: 'keystore_tls_key_password' },
  'keystore.primary': { password: 'keystore_primary_password', key_password: 'keystore_primary_key_password' },
  truststore: { password: 'truststore_password' },
  'apim.analytics': { auth_token: 'analytics_auth_token' },
  'apim.analytics.properties': { moesifKey: 'analytics_moesif_key' },
  'apim.distributed_throttling.keyvalue_store': { password: 'redis_password' },
  // helm-apim 4.7.x writes key = "$secret{encryption_key}" with the secure vault on.
  encryption: { key: 'encryption_key' },
};

/** A password key of custom TOML (generate/customToml.ts): `password`, `key_password`, `trustStorePassword`. */
const CUSTOM_PASSWORD = /password$/i;

/** The alias of a password custom TOML sets: its dotted path, `custom_transport_https_keystore_password`. */
function customAlias(path: readonly string[], key: string): string {
  return `custom_${[...path, key].join('_').replace(/[^A-Za-z0-9_]/g, '_')}`;
}

export function withSecureVault(document: TomlDocument): TomlDocument {
  const secrets: Record<string, string> = {};
  let written: TomlTable | undefined; // a [secrets] table custom TOML wrote: the aliases join it
  const tables: TomlTable[] = [];
  for (const t of document.tables) {
    if (!t.array && t.path.length === 1 && t.path[0] === 'secrets') {
      written = t;
      continue;
    }
    const keys = own(SECRET_KEYS, t.path.join('.'));
    const custom = !t.array && t.entries.some((e) => e.origin !== undefined && CUSTOM_PASSWORD.test(e.key));
    if ((!keys || t.array) && !custom) {
      tables.push(t);
      continue;
    }
    tables.push({
      ...t,
      entries: t.entries.map((entry) => {
        const alias =
          (keys && own(keys, entry.key)) ??
          (entry.origin !== undefined && CUSTOM_PASSWORD.test(entry.key) ? customAlias(t.path, entry.key) : undefined);
        if (!alias || typeof entry.value !== 'string' || entry.value === '' || isReference(entry.value)) return entry;
        secrets[alias] = `[${entry.value}]`;
        return { ...entry, value: `$secret{${alias}}` };
      }),
    });
  }
  if (Object.keys(secrets).length === 0) return document;
  if (written) {
    // Custom TOML's own aliases stay; the vault's are added after them, and the table moves to the end.
    const mine = written.entries.filter((e) => !Object.hasOwn(secrets, e.key));
    tables.push({ ...written, entries: [...mine, ...table('secrets', secrets).entries] });
    return { ...document, tables };
  }
  tables.push(
    table('secrets', secrets, [
      'Secure vault: the passwords above, in plain text until you run',
      'sh bin/ciphertool.sh -Dconfigure on this node, which encrypts them here in place.',
      'WSO2 reads [secrets] only as the last table of the file: keep it last.',
    ]),
  );
  return { ...document, tables };
}
