#!/usr/bin/env node
/**
 * The system programs a test command needs, found, or installed with apt-get when this is a Debian
 * machine run as root, or else one line saying what to install. `npm test` needs nginx, openssl and
 * unshare (the real `nginx -t` on every generated nginx.conf); `npm run test:e2e` needs Debian's Chromium.
 *
 *   node tests/tools/system-packages.mjs nginx openssl unshare
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const TOOLS = {
  nginx: { packageName: 'nginx', places: ['/usr/sbin/nginx'] },
  openssl: { packageName: 'openssl', places: ['/usr/bin/openssl'] },
  unshare: { packageName: 'util-linux', places: ['/usr/bin/unshare'] },
  chromium: { packageName: 'chromium', places: [process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'] },
};

const found = (tool) => TOOLS[tool].places.some((place) => existsSync(place)) || spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;

const wanted = process.argv.slice(2);
const unknown = wanted.filter((tool) => !(tool in TOOLS));
if (unknown.length > 0) {
  console.error(`system-packages: unknown tool ${unknown.join(', ')}; known: ${Object.keys(TOOLS).join(', ')}`);
  process.exit(2);
}
let missing = wanted.filter((tool) => !found(tool));
const packages = () => [...new Set(missing.map((tool) => TOOLS[tool].packageName))];

const root = typeof process.getuid === 'function' && process.getuid() === 0;
const apt = spawnSync('sh', ['-c', 'command -v apt-get']).status === 0;
if (missing.length > 0 && root && apt) {
  console.log(`Installing ${packages().join(', ')} with apt-get: the tests use the real programs.`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages()], { stdio: 'inherit', env });
  missing = missing.filter((tool) => !found(tool));
}
if (missing.length > 0) {
  console.error(`These tests need ${missing.join(', ')}: install with  sudo apt-get install -y ${packages().join(' ')}`);
  process.exit(1);
}
