/**
 * apim-topology generate <topology> (--out DIR | --zip FILE) [--allow-placeholders]
 * apim-topology validate <topology> [--json]
 * apim-topology link <topology> [--base URL]
 * apim-topology diff <a> <b>   (diff.ts; exit 0 the same, 1 different, 2 bad input)
 * apim-topology import <folder|zip|files…> [--out topology.json]
 *
 * Exit codes: 0 done; 1 the topology has errors (diagnostics printed, nothing written); 2 the input
 * could not be read, or the command line is wrong (one line per problem on stderr, no stack trace).
 */
import type { Diagnostic, Topology } from '../model/index.ts';
import { hasErrors, placeholders, platformOf } from '../model/index.ts';
import { generateBundle } from '../generate/index.ts';
import { zipBundle } from '../generate/zip.ts';
import {
  SECRET_PLACEHOLDER,
  decodeLink,
  encodeLink,
  formatReadError,
  hasPlaceholders,
  hasPrivateSecrets,
  isLink,
  isMarkup,
  readPngTopology,
  readSvgTopology,
  readTopology,
} from '../share/index.ts';
import type { CliIo } from './io.ts';
import { FolderError, nodeIo } from './io.ts';
import { diffCommand } from './diff.ts';
import { ImportError, formatReport, importFiles } from '../import/index.ts';
import { serializeTopology } from '../model/index.ts';

export const EXIT = { ok: 0, topologyErrors: 1, inputError: 2 } as const;

/** Where the designer runs when started with `npm run dev`; pass --base with the address you host it at. */
export const DEFAULT_BASE = 'http://localhost:5173/';

const USAGE = `Usage:
  apim-topology generate <topology> (--out DIR [--force] | --zip FILE) [--base URL] [--allow-placeholders]
                         [--platform vm|kubernetes]            write the bundle
  apim-topology validate <topology> [--json] [--platform vm|kubernetes]
                                                               check the topology
  apim-topology link <topology> [--base URL] [--include-secrets]  print a share link
  apim-topology diff <a> <b>                                   unified diff per file of two bundles
  apim-topology import <folder|zip|files…> [--out topology.json]
                                                               existing deployment.toml / nginx.conf files → a topology
                                                               and a report (stdout, or the report on stderr without --out)

<topology> is a topology JSON file, - for standard input, or a share link (quote it).
--out replaces DIR whole (no stale files), and refuses a non-empty DIR that holds no bundle
unless --force. --base is the designer's address (default ${DEFAULT_BASE}). Links carry no passwords
unless --include-secrets: a link can never be revoked. generate refuses a topology whose passwords
were left out of its link (files saying <secret not in link> cannot deploy) unless --allow-placeholders.
--platform overrides the topology's platform: vm (deployment.toml per node, nginx.conf per load balancer)
or kubernetes (values files for WSO2's Helm charts, helm/releases.json); default: the topology's, else vm.
diff: each side is a <topology> (its bundle is generated) or a folder: a bundle, or a deployment's live
files (paths relative to it; then only deployment.toml, nginx.conf and values.yaml files are compared).
Exit codes: 0 done, 1 the topology has errors, 2 the input could not be read.
diff exits 0 when the files are the same, 1 when they differ, 2 on bad input.
`;

class InputError extends Error {}

interface Parsed {
  command: string;
  input: string | undefined;
  /** Every path given to import. */
  inputs: string[];
  options: Map<string, string | true>;
}

const OPTIONS: Record<string, { takesValue: boolean; commands: string[] }> = {
  '--out': { takesValue: true, commands: ['generate', 'import'] },
  '--force': { takesValue: false, commands: ['generate'] },
  '--zip': { takesValue: true, commands: ['generate'] },
  '--json': { takesValue: false, commands: ['validate'] },
  '--base': { takesValue: true, commands: ['link', 'generate'] },
  '--include-secrets': { takesValue: false, commands: ['link'] },
  '--allow-placeholders': { takesValue: false, commands: ['generate'] },
  '--platform': { takesValue: true, commands: ['generate', 'validate'] },
};

/** The topology on the platform `--platform` names, if it names one; `vm` leaves the field out, as the page does. */
function onPlatform(topology: Topology, parsed: Parsed): Topology {
  const platform = parsed.options.get('--platform');
  if (platform === undefined) return topology;
  if (platform !== 'vm' && platform !== 'kubernetes')
    throw new InputError(`--platform must be vm or kubernetes, not "${String(platform)}"`);
  const { platform: _platform, ...settings } = topology.settings;
  return { ...topology, settings: platform === 'kubernetes' ? { ...settings, platform } : settings };
}

function parseArgs(argv: string[]): Parsed {
  const [command, ...rest] = argv;
  if (command === undefined) throw new InputError('no command given');
  const options = new Map<string, string | true>();
  let input: string | undefined;
  const inputs: string[] = [];
  const args = rest.values();
  for (const arg of args) {
    const [name, inline] = arg.startsWith('--') ? (arg.split(/=(.*)/s, 2) as [string, string | undefined]) : [arg, undefined];
    if (arg.startsWith('--')) {
      const spec = OPTIONS[name];
      if (!spec || !spec.commands.includes(command)) throw new InputError(`unknown option ${name} for "${command}"`);
      if (spec.takesValue) {
        const value = inline ?? args.next().value;
        if (value === undefined || value === '') throw new InputError(`${name} needs a value`);
        options.set(name, value);
      } else options.set(name, true);
    } else if (command === 'import') inputs.push(arg);
    else if (input === undefined) input = arg;
    else throw new InputError(`unexpected argument "${arg}": give one topology`);
  }
  return { command, input, inputs, options };
}

export async function main(argv: string[], io: CliIo = nodeIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    (argv.length === 0 ? io.stderr : io.stdout)(USAGE);
    return argv.length === 0 ? EXIT.inputError : EXIT.ok;
  }
  try {
    if (argv[0] === 'diff') return await diffCommand(argv.slice(1), io, (input) => loadTopology(input, io), DEFAULT_BASE);
    const parsed = parseArgs(argv);
    switch (parsed.command) {
      case 'generate':
        return await generate(parsed, io);
      case 'validate':
        return await validateCommand(parsed, io);
      case 'link':
        return await link(parsed, io);
      case 'import':
        return await importCommand(parsed, io);
      default:
        throw new InputError(`unknown command "${parsed.command}": use generate, validate, link, import or diff (--help for usage)`);
    }
  } catch (error) {
    if (error instanceof InputError) {
      io.stderr(`apim-topology: ${error.message}\n`);
      return EXIT.inputError;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`apim-topology: ${message.split('\n')[0]}\n`);
    return EXIT.inputError;
  }
}

/** Reads and restores the topology, or throws one InputError whose lines each name the file and the field. */
async function loadTopology(input: string | undefined, io: CliIo): Promise<Topology> {
  if (input === undefined) throw new InputError('no topology given: pass a topology JSON file, or - for standard input');
  const name = input === '-' ? 'standard input' : input;
  if (isLink(input)) {
    const result = decodeLink(input);
    if (!result.ok) throw new InputError(result.errors.map((e) => `the share link: ${formatReadError(e)}`).join('\napim-topology: '));
    if (result.secretsOmitted)
      io.stderr('apim-topology: the share link carries no secrets: each password in it is <secret not in link> (APIM034)\n');
    return result.topology;
  }
  let text = '';
  let png: Uint8Array | undefined;
  try {
    // A PNG picture by its name; an SVG picture by its text (markup, where a topology is JSON).
    if (/\.png$/i.test(input) && io.readBytes) png = await io.readBytes(input);
    else text = input === '-' ? await io.readStdin() : await io.readFile(input);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    throw new InputError(`cannot read ${name}: ${why}`);
  }
  const picture = png !== undefined || isMarkup(text);
  const result = png ? readPngTopology(png) : picture ? readSvgTopology(text) : readTopology(text);
  if (!result.ok) {
    throw new InputError(result.errors.map((e) => `${name}: ${formatReadError(e)}`).join('\napim-topology: '));
  }
  if (picture && hasPlaceholders(result.topology))
    io.stderr(`apim-topology: ${name} carries no secrets, as a share link: each password in it is ${SECRET_PLACEHOLDER} (APIM034)\n`);
  return result.topology;
}

function formatDiagnostic(d: Diagnostic): string {
  const where = d.nodeIds.length ? ` [${d.nodeIds.join(', ')}]` : '';
  return `${d.severity} ${d.code}${where}: ${d.message}${d.fix ? `\n  fix: ${d.fix}` : ''}`;
}

function summary(diagnostics: Diagnostic[]): string {
  const count = (severity: Diagnostic['severity'], word: string) => {
    const n = diagnostics.filter((d) => d.severity === severity).length;
    return `${n} ${word}${n === 1 ? '' : 's'}`;
  };
  return `${count('error', 'error')}, ${count('warning', 'warning')}, ${count('info', 'note')}`;
}

async function generate(parsed: Parsed, io: CliIo): Promise<number> {
  const out = parsed.options.get('--out');
  const zip = parsed.options.get('--zip');
  if ((out === undefined) === (zip === undefined)) throw new InputError('generate needs exactly one of --out DIR or --zip FILE');
  const topology = onPlatform(await loadTopology(parsed.input, io), parsed);
  // On Kubernetes no file holds a password (they go in a Secret): a placeholder is no reason to stop.
  const missing = platformOf(topology.settings) === 'kubernetes' ? [] : placeholders(topology);
  if (missing.length > 0 && !parsed.options.has('--allow-placeholders')) {
    // Files that say <secret not in link> where a password goes cannot deploy: nothing is written.
    io.stderr(
      `apim-topology: the ${missing.map((f) => f.what).join(', ')} ${missing.length === 1 ? 'is' : 'are'} still ${SECRET_PLACEHOLDER}, and files with it cannot deploy; nothing was written\n` +
        'apim-topology: set them in a topology file (a $env{NAME} reference keeps them out of it), or pass --allow-placeholders to write the files as they are\n',
    );
    return EXIT.topologyErrors;
  }
  const bundle = generateBundle(topology, { shareLink: encodeLink(topology, baseOf(parsed)) });
  for (const d of bundle.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
  if (hasErrors(bundle.diagnostics)) {
    io.stderr(`apim-topology: the topology has errors (${summary(bundle.diagnostics)}); nothing was written\n`);
    return EXIT.topologyErrors;
  }
  if (typeof zip === 'string') {
    await io.writeFile(zip, zipBundle(bundle.files));
    io.stdout(`Wrote ${zip}: ${bundle.files.length} files.\n`);
    return EXIT.ok;
  }
  try {
    await io.writeFolder(String(out), bundle.files, { force: parsed.options.has('--force') });
  } catch (error) {
    if (error instanceof FolderError) throw new InputError(error.message);
    throw error;
  }
  io.stdout(`Wrote ${bundle.files.length} files to ${String(out)}.\n`);
  return EXIT.ok;
}

async function validateCommand(parsed: Parsed, io: CliIo): Promise<number> {
  const topology = onPlatform(await loadTopology(parsed.input, io), parsed);
  // The generator's diagnostics: validation, and what only generating finds (custom TOML that does not parse, its
  // unread and conflicting keys, a file that would not read back).
  const { diagnostics } = generateBundle(topology);
  const failed = hasErrors(diagnostics);
  if (parsed.options.has('--json')) {
    // `valid` is what a pipeline tests; the counts save it from counting; each diagnostic is
    // { code, severity, message, nodeIds, linkIds, fix }, errors first.
    const count = (severity: Diagnostic['severity']) => diagnostics.filter((d) => d.severity === severity).length;
    const counts = { errors: count('error'), warnings: count('warning'), info: count('info') };
    io.stdout(`${JSON.stringify({ valid: !failed, counts, diagnostics }, null, 2)}\n`);
  } else {
    for (const d of diagnostics) io.stdout(`${formatDiagnostic(d)}\n`);
    io.stdout(`${failed ? 'Not valid' : 'Valid'}: ${summary(diagnostics)}.\n`);
  }
  return failed ? EXIT.topologyErrors : EXIT.ok;
}

function baseOf(parsed: Parsed): string {
  const base = String(parsed.options.get('--base') ?? DEFAULT_BASE);
  if (!/^https?:\/\/[^\s#<>]+$/.test(base))
    throw new InputError(`--base ${base}: expected the designer's http(s) address, e.g. https://designer.example.com/`);
  return base;
}

async function link(parsed: Parsed, io: CliIo): Promise<number> {
  const topology = await loadTopology(parsed.input, io);
  const base = baseOf(parsed);
  const includeSecrets = parsed.options.has('--include-secrets');
  io.stdout(`${encodeLink(topology, base, { includeSecrets })}\n`);
  if (!includeSecrets && hasPrivateSecrets(topology)) {
    io.stderr(
      'apim-topology: passwords were left out of the link (placeholders); --include-secrets keeps them, but a link can never be revoked\n',
    );
  }
  return EXIT.ok;
}

/** import: the files of every path given → a topology (to --out, else stdout) and the report. */
async function importCommand(parsed: Parsed, io: CliIo): Promise<number> {
  if (parsed.inputs.length === 0) throw new InputError('import needs a folder, a zip or deployment.toml / nginx.conf files');
  const files: { path: string; content: string }[] = [];
  for (const input of parsed.inputs) {
    try {
      files.push(...(io.readInputs ? await io.readInputs(input) : [{ path: input, content: await io.readFile(input) }]));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InputError(
        `cannot read ${input}: ${code === 'ENOENT' ? 'no such file or folder' : (error as Error).message.split('\n')[0]}`,
      );
    }
  }
  let result;
  try {
    result = importFiles(files);
  } catch (error) {
    if (error instanceof ImportError) throw new InputError(`${parsed.inputs.join(', ')}: ${error.message}`);
    throw error;
  }
  const out = parsed.options.get('--out');
  const { nodes, links } = result.topology;
  if (typeof out === 'string') {
    await io.writeFile(out, serializeTopology(result.topology));
    io.stdout(`${formatReport(result.report)}\nWrote ${out}: ${nodes.length} nodes, ${links.length} links.\n`);
  } else {
    io.stderr(formatReport(result.report));
    io.stdout(serializeTopology(result.topology));
  }
  return EXIT.ok;
}
