/**
 * Settings rules: APIM038, CORS headers WSO2's consoles need (audit B4; product-apim default deployment.toml
 * `[apim.cors]` allow_headers incl. apikey, Internal-Key); APIM039, a credential the files and the runbook would
 * read differently.
 */
import type { Diagnostic, Topology } from '../model/index.ts';
import type { CORS_CONSOLE_HEADERS } from '../model/index.ts';
import { credentialFields, credentialProblem, withCorsConsoleHeaders } from '../model/index.ts';
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
  return out;
}
