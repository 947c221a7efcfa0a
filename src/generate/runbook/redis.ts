/**
 * The runbook's Redis step (API-M 4.6+): the server that keeps the throttle counters the control planes and traffic
 * managers share (APIM docs 4.6.0 'Configuring Distributed Rate Limiting for an API Gateway Cluster', step 1, "set up
 * and start the Redis server"), reachable with the user, password and TLS the files name, checked from each node.
 */
import type { RedisNode } from '../../model/index.ts';
import { isReference } from '../../model/index.ts';
import type { GenerationContext } from '../context.ts';
import { inlineCode, shellWord } from '../text.ts';

/** The Redis servers the files use, in node order: none before 4.6, where nothing reads them (APIM043). */
export function redisInUse(context: GenerationContext): RedisNode[] {
  return context.facts.distributedThrottling ? context.graph.nodesOfKind('redis') : [];
}

/** How Redis lets the nodes in: a password for the default user (`requirepass`), or an ACL user's, or none yet. */
function passwordStep(redis: RedisNode): string {
  if (redis.password === '')
    return 'Set a password: the files connect without one (APIM047), and anyone who reaches Redis can reset every rate limit.';
  const where = isReference(redis.password)
    ? `the password the files read from ${inlineCode(redis.password)} on each node`
    : 'the password the files carry';
  return redis.user
    ? `Create the ACL user ${inlineCode(redis.user)} (\`ACL SETUSER\`) with ${where}.`
    : `Require ${where} (\`requirepass\`).`;
}

export function redisSteps(context: GenerationContext): string[] {
  const out: string[] = [];
  for (const redis of redisInUse(context)) {
    const users = [...context.graph.nodesOfKind('control-plane'), ...context.graph.nodesOfKind('traffic-manager')]
      .filter((node) => context.graph.counterStoreFor(node)?.id === redis.id)
      .map((node) => node.id);
    out.push(
      `**${inlineCode(redis.id)}**: Redis at ${inlineCode(`${redis.host}:${redis.port}`)}${redis.ssl ? ' over TLS' : ''}, the throttle counters of ${users.length ? users.map(inlineCode).join(', ') : 'no node yet'}.`,
      '',
      `1. Install and start Redis on ${inlineCode(redis.host)}, listening on port ${redis.port}${redis.ssl ? ' with TLS (`tls-port`), its certificate signed by a CA in the API-M truststore' : ''}.`,
      `2. ${passwordStep(redis)} Let only the API-M hosts reach the port.`,
      `3. From each of those nodes, check that it answers (\`PONG\`):`,
      '',
      '```sh',
      `redis-cli -h ${redis.host} -p ${redis.port}${redis.ssl ? ' --tls' : ''}${redis.user ? ` --user ${shellWord(redis.user)}` : ''}${redis.password === '' ? '' : ' --askpass'} PING`,
      '```',
      '',
    );
  }
  return out;
}
