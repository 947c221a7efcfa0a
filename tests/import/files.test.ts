/** Which input file is what (files.ts), what an nginx.conf gives (nginx.ts), and the version guess (kinds.ts). */
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/import/files.ts';
import { readNginx } from '../../src/import/nginx.ts';
import { versionOf } from '../../src/import/kinds.ts';
import { readNodeFile } from '../../src/import/nodeFile.ts';
import type { NodeFile } from '../../src/import/nodeFile.ts';

describe('classify', () => {
  it.each([
    ['nodes/gw-1/repository/conf/deployment.toml', 'node', 'gw-1'],
    ['live/CP_1/repository/conf/deployment.toml', 'node', 'cp-1'],
    ['tm-2/deployment.toml', 'node', 'tm-2'],
    ['gw-1.toml', 'node', 'gw-1'],
    ['cp1-deployment.toml', 'node', 'cp1'],
    ['deployment-km.toml', 'node', 'km'],
    ['deployment.toml', 'node', 'node'],
    ['load-balancers/cp-lb/nginx.conf', 'nginx', 'cp-lb'],
    ['gw-lb.conf', 'nginx', 'gw-lb'],
    ['topology.json', 'topology', undefined],
    ['README.md', 'other', undefined],
  ])('%s is a %s file (id %s)', (path, kind, id) => {
    const content = kind === 'nginx' ? 'http {\n  upstream a { server h:9443; }\n}\n' : '';
    const file = classify({ path, content });
    expect(file.kind).toBe(kind);
    if (id !== undefined) expect('id' in file && file.id).toBe(id);
  });
});

describe('readNginx', () => {
  it('reads server_name, the upstream servers once each, and ip_hash as sticky', () => {
    const conf = readNginx(
      'lb',
      'lb.conf',
      [
        'http {',
        '  upstream portals { ip_hash;',
        '    server cp1.example.com:9443;',
        '    server cp2.example.com:9443; # a comment',
        '  }',
        '  upstream services {',
        '    server cp1.example.com:9443;',
        '  }',
        '  server { listen 443 ssl; server_name cp.example.com; }',
        '}',
      ].join('\n'),
    );
    expect(conf).toMatchObject({
      host: 'cp.example.com',
      sticky: true,
      designer: false,
      members: [
        { host: 'cp1.example.com', port: 9443 },
        { host: 'cp2.example.com', port: 9443 },
      ],
    });
  });
});

const file = (id: string, text: string) => readNodeFile(id, `${id}.toml`, text) as NodeFile;

describe('versionOf', () => {
  it.each([
    ['4.7.0', ['[server]\nhostname = "a"\n\n[encryption]\nkey = "$env{K}"\n']],
    ['4.6.0', ['[server]\nhostname = "a"\n\n[apim.gateway_notification]\ngateway_id = "g"\n']],
    ['4.5.0', ['[server]\nhostname = "a"\n', '[server]\nhostname = "b"\n']],
    ['4.2.0', ['[server]\nserver_role = "control-plane"\n\n[[apim.gateway.environment]]\nname = "x"\ngateway_type = "Regular"\n']],
    ['4.0.0', ['[server]\nserver_role = "gateway-worker"\n']],
  ])('guesses %s, saying it is a guess', (product, texts) => {
    const guess = versionOf(texts.map((t, i) => file(`n${i}`, t)));
    expect(guess).toMatchObject({ product, stated: false });
    expect(guess.why).not.toBe('');
  });
});
