/**
 * One server or a cluster? REDIS_CLUSTER_NODES says so; without it the server at REDIS_URL is asked
 * (`INFO cluster`), and one that says `cluster_enabled:1` is used as a cluster, seeded from its own
 * address. Managed services that are always clusters (MemoryDB, ElastiCache with cluster mode on)
 * thus work with REDIS_URL alone.
 */
import { clusterPrefixProblem, databaseOf, type RedisSettings } from '../../config/redis';
import { createRedisClient, oneAttempt } from './client';
import { RedisSetupError } from './requirements';

/** The settings with `clusterNodes` filled in when the server is a cluster node; unchanged when it does not answer. */
export async function resolveRedisSettings(settings: RedisSettings, timeoutMs = 5_000): Promise<RedisSettings> {
  if (settings.topology) return settings;
  const probe = createRedisClient(settings, 'producer', oneAttempt(timeoutMs));
  probe.on('error', () => undefined);
  let info: string;
  try {
    await probe.connect();
    info = await probe.info('cluster');
  } catch {
    return settings; // the caller's own connection says what is wrong
  } finally {
    probe.disconnect();
  }
  if (!/^cluster_enabled:1/m.test(info)) return { ...settings, topology: 'single' };
  const problems: string[] = [];
  const prefixProblem = clusterPrefixProblem(settings.prefix);
  if (prefixProblem) problems.push(`${prefixProblem} (the server at REDIS_URL says cluster_enabled:1)`);
  const db = databaseOf(settings.url);
  if (db) problems.push(`REDIS_URL: names database ${db}, but the server is a Redis Cluster node, which has only database 0; remove "/${db}"`);
  if (problems.length) throw new RedisSetupError(problems);
  const url = new URL(settings.url);
  return { ...settings, topology: 'cluster', clusterNodes: [{ host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 6379) }] };
}
