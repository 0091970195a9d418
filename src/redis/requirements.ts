/**
 * What a Redis must be for this service: `maxmemory-policy noeviction` on every master (BullMQ's job
 * locks and our company locks carry TTLs; a Redis that evicts them under memory pressure loses jobs
 * and lets two workers write one customer), and, on a cluster, a key prefix with a hash tag. A worker
 * refuses to start without them (exit 2) and `check` fails the same way.
 */
import type { Redis } from 'ioredis';
import { clusterPrefixProblem } from '../../config/redis';
import { isCluster, mastersOf, waitForReady, type RedisClient } from './client';

/** Redis cannot serve this service as configured: a setting of the server (or of ours) must change. */
export class RedisSetupError extends Error {
  constructor(readonly problems: string[]) {
    super(`Redis is not set up for crm-sequence-sync:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RedisSetupError';
  }
}

export type PolicySource = 'CONFIG GET' | 'INFO' | 'unreadable';

export interface NodePolicy {
  node: string;
  policy?: string;
  source: PolicySource;
}

const nodeName = (node: Redis) => `${node.options.host ?? '?'}:${node.options.port ?? '?'}`;

/**
 * A master's `maxmemory-policy`: from CONFIG GET, else (where CONFIG is forbidden, as on ElastiCache)
 * from INFO memory, else unreadable.
 */
export async function readEvictionPolicy(node: Redis): Promise<NodePolicy> {
  const name = nodeName(node);
  try {
    const answer = (await node.config('GET', 'maxmemory-policy')) as unknown;
    const value = Array.isArray(answer) ? answer[1] : undefined;
    if (typeof value === 'string' && value) return { node: name, policy: value, source: 'CONFIG GET' };
  } catch {
    // CONFIG is renamed or forbidden on several managed services: INFO says it too.
  }
  try {
    const policy = /^maxmemory_policy:(\S+)/m.exec(await node.info('memory'))?.[1];
    if (policy) return { node: name, policy, source: 'INFO' };
  } catch {
    // INFO forbidden as well
  }
  return { node: name, source: 'unreadable' };
}

export async function readEvictionPolicies(client: RedisClient): Promise<NodePolicy[]> {
  // A cluster knows its masters once its slots are read: asked before, it would list none and pass.
  if (isCluster(client) && client.status !== 'ready') await waitForReady(client, CLUSTER_READY_MS);
  return Promise.all(mastersOf(client).map(readEvictionPolicy));
}

/** How long a worker waits for a cluster to say who its masters are before it gives up starting. */
const CLUSTER_READY_MS = 30_000;

export const EVICTION_FIX =
  'set maxmemory-policy to noeviction (redis.conf or CONFIG SET maxmemory-policy noeviction; ElastiCache and MemoryDB: the parameter group; ' +
  'Redis Cloud and Redis Software: the database\'s eviction policy "No eviction"; Azure: the maxmemory-policy setting); see docs/operations.md, Redis in production';

export interface RedisFitness {
  /** What stops a worker from starting. */
  problems: string[];
  /** What could not be checked (the policy was unreadable). */
  warnings: string[];
  policies: NodePolicy[];
  cluster: boolean;
}

export async function assessRedis(client: RedisClient, prefix: string): Promise<RedisFitness> {
  const problems: string[] = [];
  const warnings: string[] = [];
  const cluster = isCluster(client);
  if (cluster) {
    const prefixProblem = clusterPrefixProblem(prefix);
    if (prefixProblem) problems.push(prefixProblem);
  }
  const policies = await readEvictionPolicies(client);
  for (const p of policies) {
    if (p.policy && p.policy !== 'noeviction') {
      problems.push(
        `maxmemory-policy is ${p.policy} on ${p.node} (read with ${p.source}): Redis would evict keys that carry a TTL, BullMQ's job locks and this service's company locks among them, ` +
          `losing jobs and letting two workers write one customer; ${EVICTION_FIX}`,
      );
    }
  }
  const unreadable = policies.filter((p) => p.source === 'unreadable').map((p) => p.node);
  if (unreadable.length) {
    warnings.push(`maxmemory-policy could not be read on ${unreadable.join(', ')} (CONFIG GET and INFO were refused): make sure it is noeviction`);
  }
  return { problems, warnings, policies, cluster };
}

/** Throws RedisSetupError when a worker must not start on this Redis; returns the warnings otherwise. */
export async function assertFitForWorkers(client: RedisClient, prefix: string): Promise<string[]> {
  const fitness = await assessRedis(client, prefix);
  if (fitness.problems.length) throw new RedisSetupError(fitness.problems);
  return fitness.warnings;
}
