/**
 * Runs the real `nginx -t` on generated nginx.conf files, unmodified.
 *
 * Two things a config test needs that a test machine does not have:
 * - Certificates. The generated file names `ssl/<lb-host>.crt` and `.key`, relative to its own folder,
 *   so each config is written to a folder of its own with a self-signed certificate (made once with
 *   openssl) copied under those names.
 * - Host names. nginx resolves every upstream `server` name when it loads the file, and fails with
 *   "host not found in upstream" otherwise. The topologies use names like gw1.example.com, so each batch
 *   runs in a private mount namespace (`unshare --mount`, or `--user --map-root-user --mount` when not
 *   root) where a temporary hosts file, made from the bundle's own `hosts` file with 127.0.0.1 filled
 *   in, is bind-mounted over /etc/hosts. That also checks that `hosts` names every upstream host. The
 *   real /etc/hosts is never touched; the namespace ends with the batch. /var/log/nginx is covered the
 *   same way, so `nginx -t` opening the package's default log files writes nothing outside the temp folder.
 *
 * Nothing is skipped: without nginx, openssl or unshare the tests fail and say how to install them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface NginxCase {
  /** A name for messages: "ha-cp-gw cp-lb". */
  name: string;
  /** The nginx.conf text, as generated. */
  config: string;
}

export interface NginxResult {
  name: string;
  ok: boolean;
  /** What nginx said, for failures. */
  output: string;
}

const INSTALL = 'install them with `apt-get install -y nginx openssl` (.ci/run does this)';

function findTool(name: string, places: string[]): string | undefined {
  const fromPath = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (fromPath.status === 0 && fromPath.stdout.trim()) return fromPath.stdout.trim();
  return places.find((place) => existsSync(place));
}

/** The tools, or an error saying how to get them. */
export function nginxTools(): { nginx: string; openssl: string; unshare: [string, ...string[]] } {
  const nginx = findTool('nginx', ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx']);
  const openssl = findTool('openssl', ['/usr/bin/openssl']);
  const unshare = findTool('unshare', ['/usr/bin/unshare']);
  if (!nginx) throw new Error(`nginx is not installed, and the nginx.conf tests run the real nginx -t: ${INSTALL}.`);
  if (!openssl) throw new Error(`openssl is not installed; the nginx.conf tests make their certificates with it: ${INSTALL}.`);
  if (!unshare)
    throw new Error('unshare (util-linux) is not installed; the nginx.conf tests resolve host names in a private mount namespace.');
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const command: [string, ...string[]] = root ? [unshare, '--mount'] : [unshare, '--user', '--map-root-user', '--mount'];
  return { nginx, openssl, unshare: command };
}

/** The bundle's hosts file with every `# <IP of host> host` line made `127.0.0.1 host`. */
export function loopbackHosts(hostsFile: string): string {
  const lines = hostsFile.split('\n').flatMap((line) => {
    const placeholder = /^# <IP of [^>]*> (\S+)/.exec(line);
    if (placeholder) return [`127.0.0.1 ${placeholder[1]}`];
    return /^\d/.test(line) ? [line.replace(/^\S+/, '127.0.0.1')] : [];
  });
  return `127.0.0.1 localhost\n${lines.join('\n')}\n`;
}

/** Quote for sh. */
const sh = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * `nginx -t` on every case, in one namespace: `hosts` is the /etc/hosts text to resolve with.
 * Returns one result per case, in order.
 */
export function nginxTest(cases: NginxCase[], hosts: string): NginxResult[] {
  const tools = nginxTools();
  const root = mkdtempSync(join(tmpdir(), 'nginx-t-'));
  try {
    const certificate = join(root, 'cert.pem');
    const key = join(root, 'key.pem');
    execFileSync(
      tools.openssl,
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '2',
        '-subj',
        '/CN=nginx-test',
        '-keyout',
        key,
        '-out',
        certificate,
      ],
      { stdio: 'pipe' },
    );
    writeFileSync(join(root, 'hosts'), hosts);
    mkdirSync(join(root, 'log'));

    const script = [
      'set -u',
      `mount --bind ${sh(join(root, 'hosts'))} /etc/hosts || exit 90`,
      `if [ -d /var/log/nginx ]; then mount --bind ${sh(join(root, 'log'))} /var/log/nginx || exit 91; fi`,
    ];
    cases.forEach((c, index) => {
      const dir = join(root, String(index));
      mkdirSync(join(dir, 'ssl'), { recursive: true });
      writeFileSync(join(dir, 'nginx.conf'), c.config);
      for (const match of c.config.matchAll(/\bssl_certificate(_key)?\s+([^\s;]+);/g)) {
        const path = match[2]!;
        if (path.startsWith('/') || path.includes('..'))
          throw new Error(`${c.name}: certificate path ${path} is not relative to the config`);
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        copyFileSync(match[1] ? key : certificate, join(dir, path));
      }
      script.push(
        `${sh(tools.nginx)} -t -q -p ${sh(`${dir}/`)} -e ${sh(join(dir, 'error.log'))} -c ${sh(join(dir, 'nginx.conf'))} > ${sh(join(dir, 'out'))} 2>&1; echo $? > ${sh(join(dir, 'rc'))}`,
      );
    });
    writeFileSync(join(root, 'run.sh'), `${script.join('\n')}\n`);
    const run = spawnSync(tools.unshare[0], [...tools.unshare.slice(1), 'sh', join(root, 'run.sh')], { encoding: 'utf8' });
    if (run.status !== 0) {
      throw new Error(
        `could not run nginx -t in a private mount namespace (${tools.unshare.join(' ')}; exit ${run.status}): ${run.stderr.trim()}. ` +
          'The test needs root or unprivileged user namespaces to map the topology host names without editing /etc/hosts.',
      );
    }
    return cases.map((c, index) => {
      const dir = join(root, String(index));
      const rc = existsSync(join(dir, 'rc')) ? readFileSync(join(dir, 'rc'), 'utf8').trim() : 'none';
      const output = existsSync(join(dir, 'out')) ? readFileSync(join(dir, 'out'), 'utf8').trim() : '';
      return { name: c.name, ok: rc === '0', output: `exit ${rc}: ${output}` };
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
