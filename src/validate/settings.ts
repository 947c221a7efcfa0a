/**
 * Settings rules: APIM038, CORS headers WSO2's consoles need (audit B4; product-apim default deployment.toml
 * `[apim.cors]` allow_headers incl. apikey, Internal-Key); APIM039, a credential the files and the runbook would
 * read differently; APIM040, a reference ($env{…}, ${…}) where only the node's config-mapper would resolve it.
 */
import type { Diagnostic, Topology } from '../model/index.ts';
import type { CORS_CONSOLE_HEADERS } from '../model/index.ts';
import { credentialFields, credentialProblem, referencesInPlainText, withCorsConsoleHeaders } from '../model/index.ts';
import { report } from './rules.ts';
import { names } from './text.ts';

/** What each console header is for. */
const CONSOLE_USE: Record<(typeof CORS_CONSOLE_HEADERS)[number], string> = {
  apikey: 'trying an API with an API key in the Developer Portal',
  'Internal-Key': "the Publisher's test console",
};

export function validateSettings(topology: Topology): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { cors } = topology.settings;
  if (cors.enabled) {
    const missing = withCorsConsoleHeaders(cors.allowHeaders).slice(cors.allowHeaders.length) as (typeof CORS_CONSOLE_HEADERS)[number][];
    if (missing.length > 0) {
      out.push(
        report('APIM038', {
          message: `CORS allow_headers lacks ${names(missing)}, so ${names(missing.map((h) => CONSOLE_USE[h]))} ${missing.length > 1 ? 'fail' : 'fails'} the browser's CORS check`,
          fix: `Add ${names(missing)} to the CORS allowed headers in the topology settings (WSO2's default list has both).`,
        }),
      );
    }
  }
  for (const field of credentialFields(topology)) {
    const problem = credentialProblem(field.value);
    if (!problem) continue;
    out.push(
      report('APIM039', {
        message: `The ${field.what} ${problem}: the runbook's commands and the deployment.toml files would not read it alike`,
        nodeIds: field.nodeId ? [field.nodeId] : [],
        fix: `Retype the ${field.what} without spaces at its ends, tabs or line breaks.`,
      }),
    );
  }
  for (const field of referencesInPlainText(topology)) {
    out.push(
      report('APIM040', {
        message: `The ${field.what} holds a reference (${quoteReference(field.value)}): the deployment.toml files carry it as text for the node to resolve when it starts, but nginx, the runbook's commands and the other nodes read it as written`,
        nodeIds: field.nodeId ? [field.nodeId] : [],
        fix: `Type the ${field.what} itself. References belong in the password and token fields, where they keep the secret out of the files.`,
      }),
    );
  }
  return out;
}

/** The first reference in `value`, for a message: `$env{DB_USER}`. */
function quoteReference(value: string): string {
  const found = /\$(?:env|sys|secret|ref)?\{[^}]{0,40}\}?/.exec(value)?.[0] ?? value.slice(0, 40);
  return found;
}
