/**
 * Redis distributed throttling (4.6+; APIM docs 4.6.0 'Configuring Distributed Rate Limiting for an API Gateway
 * Cluster'; helm-apim 4.6.x / 4.7.x distributedThrottling): the control planes and traffic managers linked to Redis
 * write `[apim.distributed_throttling]`, and their gateways publish to every traffic manager through one
 * `loadbalance` group instead of one group per node.
 */
import parseToml from '@iarna/toml/parse-string.js';
import { describe, expect, it } from 'vitest';
import type { ProductVersion, Topology } from '../../src/model/index.ts';
import { generateBundle } from '../../src/generate/index.ts';
import { withoutSecrets } from '../../src/share/index.ts';
import { loadExample, withRedis } from '../factories.ts';

interface Parsed {
  apim: {
    distributed_throttling?: { enable: boolean; type: string; keyvalue_store: Record<string, unknown> };
    throttling: { url_group?: { traffic_manager_urls: string[]; traffic_manager_auth_urls: string[]; type?: string }[] };
  };
  secrets?: Record<string, string>;
}

/** The separate-TM HA example (two CPs, two TMs and two gateways, each pair behind a load balancer) on `product`. */
function separateTm(product: ProductVersion): Topology {
  const example = loadExample('separate-tm-ha');
  return { ...example, product, settings: { ...example.settings, encryptionKey: '$env{WSO2_ENCRYPTION_KEY}' } };
}

function files(t: Topology): Map<string, Parsed> {
  return new Map(
    generateBundle(t)
      .files.filter((f) => f.kind === 'deployment.toml')
      .map((f) => [f.nodeId!, parseToml(f.content) as unknown as Parsed]),
  );
}

describe('Redis distributed throttling', () => {
  it.each(['4.6.0', '4.7.0'] as const)('on %s: every control plane and traffic manager names the one Redis', (product) => {
    const out = files(withRedis(separateTm(product), { port: 6380, user: 'apim', ssl: true }));
    for (const id of ['cp-1', 'cp-2', 'tm-1', 'tm-2']) {
      expect(out.get(id)?.apim.distributed_throttling, id).toEqual({
        enable: true,
        type: 'redis',
        sync_interval: 1,
        core_pool_size: 5,
        keyvalue_store: {
          host: 'redis.example.com',
          port: 6380,
          user: 'apim',
          password: '$env{REDIS_PASSWORD}',
          ssl: true,
          max_total: 20,
          max_idle: 20,
          min_idle: 4,
          block_when_exhausted: true,
          test_while_idle: true,
          min_evictable_idle_time_millis: 3000,
          time_between_eviction_runs_millis: 1200,
        },
      });
    }
    for (const id of ['gw-1', 'gw-2']) expect(out.get(id)?.apim.distributed_throttling, id).toBeUndefined();
  });

  it.each(['4.6.0', '4.7.0'] as const)('on %s: a gateway publishes to both traffic managers through one loadbalance group', (product) => {
    const groups = files(withRedis(separateTm(product))).get('gw-1')?.apim.throttling.url_group;
    expect(groups).toEqual([
      {
        traffic_manager_urls: ['tcp://tm1.example.com:9611', 'tcp://tm2.example.com:9611'],
        traffic_manager_auth_urls: ['ssl://tm1.example.com:9711', 'ssl://tm2.example.com:9711'],
        type: 'loadbalance',
      },
    ]);
  });

  it('without Redis, a gateway keeps one group per traffic manager', () => {
    const groups = files(separateTm('4.7.0')).get('gw-1')?.apim.throttling.url_group;
    expect(groups?.map((g) => g.traffic_manager_urls)).toEqual([['tcp://tm1.example.com:9611'], ['tcp://tm2.example.com:9611']]);
    expect(groups?.map((g) => g.type)).toEqual([undefined, undefined]);
  });

  it('on 4.5, which reads none of it, the files stay as without Redis (and APIM043 says why)', () => {
    const plain = generateBundle(separateTm('4.5.0'));
    const redis = generateBundle(withRedis(separateTm('4.5.0')));
    const tomls = (b: typeof plain) => b.files.filter((f) => f.kind === 'deployment.toml').map((f) => f.content);
    expect(tomls(redis)).toEqual(tomls(plain));
    expect(redis.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual(['APIM043']);
  });

  it('a member of a cluster uses the Redis its cluster links to', () => {
    const t = withRedis(separateTm('4.7.0'));
    // Only tm-1 and cp-1 link to Redis; tm-2 and cp-2 are their load balancers' other members.
    const oneEach = { ...t, links: t.links.filter((l) => !(l.to === 'redis-1' && (l.from === 'tm-2' || l.from === 'cp-2'))) };
    const out = files(oneEach);
    expect(out.get('tm-2')?.apim.distributed_throttling?.keyvalue_store.host).toBe('redis.example.com');
    expect(out.get('cp-2')?.apim.distributed_throttling?.keyvalue_store.host).toBe('redis.example.com');
    expect(out.get('gw-2')?.apim.throttling.url_group).toHaveLength(1);
  });

  it('writes no user, password or ssl that is not set', () => {
    const store = files(withRedis(separateTm('4.7.0'), { password: '' })).get('tm-1')?.apim.distributed_throttling?.keyvalue_store;
    expect(store).not.toHaveProperty('user');
    expect(store).not.toHaveProperty('password');
    expect(store).not.toHaveProperty('ssl');
  });

  it('with the secure vault on, the Redis password is a $secret{} with its [secrets] entry', () => {
    const t = withRedis(separateTm('4.7.0'), { password: 'counter-pass' });
    const tm = files({ ...t, settings: { ...t.settings, secureVault: true } }).get('tm-1');
    expect(tm?.apim.distributed_throttling?.keyvalue_store.password).toBe('$secret{redis_password}');
    expect(tm?.secrets?.redis_password).toBe('[counter-pass]');
  });

  it('a share link without secrets leaves the Redis password out', () => {
    const t = withoutSecrets(withRedis(separateTm('4.7.0'), { password: 'counter-pass' }));
    const redis = t.nodes.find((n) => n.kind === 'redis');
    expect(redis && 'password' in redis && redis.password).toBe('<secret not in link>');
  });

  it('the runbook starts Redis after the databases and checks it from each node', () => {
    const readme = generateBundle(withRedis(separateTm('4.7.0'), { user: 'apim', ssl: true })).files.find((f) => f.path === 'README.md')!;
    expect(readme.content).toContain('Start in this order: databases, Redis, load balancers,');
    expect(readme.content).toMatch(/### 2\. Redis\n/);
    expect(readme.content).toContain('redis-cli -h redis.example.com -p 6379 --tls --user apim --askpass PING');
    expect(readme.content).toContain('the throttle counters of `cp-1`, `cp-2`, `tm-1`, `tm-2`');
  });
});
