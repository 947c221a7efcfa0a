/**
 * `npm run bench:link`: share-link lengths (the fragment after `#`) for the reference topologies, beside
 * the plain JSON file and lz-string's URI encoding of it.
 * - 10 nodes: public/examples/separate-tm-ha.json (the reference; target ≤ 600 characters);
 * - 100 nodes: benchTopology(100) of ./topologies.ts (target ≤ 4,000).
 */
import { readFileSync } from 'node:fs';
import LZString from 'lz-string';
import { serializeTopology } from '../../src/model/index.ts';
import { encodeLink, readTopology } from '../../src/share/index.ts';
import { benchTopology } from './topologies.ts';

const example = readTopology(readFileSync(new URL('../../public/examples/separate-tm-ha.json', import.meta.url), 'utf8'));
if (!example.ok) throw new Error('the reference example does not read');

const rows = [
  { name: '10 nodes (separate-tm-ha example)', topology: example.topology, target: 600 },
  { name: '100 nodes (benchTopology(100))', topology: benchTopology(100), target: 4000 },
];

console.log('| topology | link fragment | target | plain JSON | lz-string (URI) |');
console.log('|---|---:|---:|---:|---:|');
for (const { name, topology, target } of rows) {
  const fragment = encodeLink(topology, 'https://x/').split('#')[1]!;
  const json = serializeTopology(topology);
  const lz = LZString.compressToEncodedURIComponent(JSON.stringify(topology));
  const mark = fragment.length <= target ? 'OK' : 'OVER';
  console.log(
    `| ${name} | ${fragment.length.toLocaleString('en')} ${mark} | ≤ ${target.toLocaleString('en')} | ${json.length.toLocaleString('en')} | ${lz.length.toLocaleString('en')} |`,
  );
}
