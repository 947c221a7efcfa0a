/**
 * The runbook's internal encryption key step (API-M 4.7+): one key for the whole deployment, made once, given to
 * every node before its first start (api-manager#4891; docs-apim PR #10936, "use the same encryption key across all
 * API-M instances"; APIM docs 'Symmetric encryption': make it with a cryptographically secure generator). The files
 * carry it as the topology says: the key itself, `$env{NAME}` or `$secret{alias}`.
 */
import { isApimNode } from '../../model/index.ts';
import type { GenerationContext } from '../context.ts';
import { inlineCode } from '../text.ts';

const MAKE_KEY = 'openssl rand -hex 32   # 32 random bytes (AES-256), as 64 hex digits';

export function encryptionKeySteps(context: GenerationContext): string[] {
  const { facts, settings, topology } = context;
  if (!facts.internalEncryptionKey || !topology.nodes.some(isApimNode)) return [];
  const key = settings.encryptionKey ?? '';
  const env = /^\$env\{([^}]*)\}$/.exec(key)?.[1];
  const secret = /^\$secret\{([^}]*)\}$/.exec(key)?.[1];
  const out = [
    '### Internal encryption key',
    '',
    `API-M ${topology.product} encrypts the secrets it stores (endpoint and Key Manager credentials, tokens, user store`,
    'passwords) with one AES key, `[encryption] key`, instead of the primary keystore. Every node must have the same key',
    'before its first start: a node without one makes its own and cannot read what the others encrypted. Make it once,',
    'on one machine, and keep it like a password:',
    '',
    '```sh',
    MAKE_KEY,
    '```',
    '',
  ];
  if (!key) {
    out.push(
      'No key is set yet (APIM042): put it in the topology settings ("Internal encryption key") and generate again, or',
      'write `$env{WSO2_ENCRYPTION_KEY}` there and set that variable to the key on every node.',
    );
  } else if (env !== undefined) {
    out.push(
      `The files read it from the environment variable ${inlineCode(env)}: set it to that same key in the environment every`,
      'API-M node starts with (its service unit, or the shell that runs the start command below), on every node.',
    );
  } else if (secret !== undefined) {
    out.push(
      `The files read it from the secure vault alias ${inlineCode(secret)}: on every node, add it to the \`[secrets]\` table`,
      'of deployment.toml with that same key and run `ciphertool.sh -Dconfigure` before the first start.',
    );
  } else if (settings.secureVault) {
    out.push(
      'The files carry it as `$secret{encryption_key}`, the key itself in their `[secrets]` table until',
      '`ciphertool.sh -Dconfigure` encrypts it on each node (see "Secure vault" below).',
    );
  } else {
    out.push(
      'Every deployment.toml of this bundle carries the same key, in plain text: keep the files private, or write',
      '`$env{WSO2_ENCRYPTION_KEY}` in the topology settings instead and set that variable on every node.',
    );
  }
  out.push(
    '',
    'Never change the key once a node has started: what it encrypted would become unreadable (changing it means',
    "re-encrypting that data with WSO2's key rotation tool).",
    '',
  );
  return out;
}
