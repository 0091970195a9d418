/**
 * Connections to Redis, one server or a cluster, built from the typed settings. The rest of the code
 * gets a `RedisClient` and does not tell the two apart: with every key under one hash-tagged prefix,
 * each script and pipeline stays in one slot. Only walking the key space (SCAN) needs every master
 * (see ./keys.ts).
 *
 * Workers (blocking commands) retry forever (`maxRetriesPerRequest: null`), as BullMQ asks; producers
 * fail fast so an HTTP caller gets an error instead of a hang.
 */
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { ConnectionOptions as TlsOptions } from 'node:tls';
import type { RedisSettings } from '../../config/redis';

export type RedisClient = Redis | Cluster;
export type ConnectionRole = 'worker' | 'producer';

/** What a connection to a REDIS_URL needs beyond the URL itself (a bare URL: no TLS files, no cluster). */
export type RedisTarget = Pick<RedisSettings, 'url'> & Partial<Omit<RedisSettings, 'url'>>;

export function isCluster(client: RedisClient): client is Cluster {
  return client instanceof Cluster;
}

/** The masters to ask for what each holds alone (SCAN, CONFIG, INFO): the client itself on one server. */
export function mastersOf(client: RedisClient): Redis[] {
  return isCluster(client) ? client.nodes('master') : [client];
}

/** TLS options for a rediss:// URL: the private CA and the client certificate when configured. */
export function tlsOptions(target: RedisTarget): TlsOptions | undefined {
  const secure = /^rediss:/i.test(target.url);
  if (!secure) return undefined;
  const files = target.tls ?? {};
  return { ...(files.ca ? { ca: files.ca } : {}), ...(files.cert ? { cert: files.cert } : {}), ...(files.key ? { key: files.key } : {}) };
}

/** User name and password from the URL (the cluster client takes no URL). */
function credentials(url: string): Pick<RedisOptions, 'username' | 'password'> {
  try {
    const parsed = new URL(url);
    return {
      ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
      ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    };
  } catch {
    return {};
  }
}

export function createRedisClient(target: RedisTarget | string, role: ConnectionRole, extra: RedisOptions = {}): RedisClient {
  const settings: RedisTarget = typeof target === 'string' ? { url: target } : target;
  const tls = tlsOptions(settings);
  const base: RedisOptions = {
    maxRetriesPerRequest: role === 'worker' ? null : 2,
    enableOfflineQueue: role === 'worker',
    connectionName: `crm-sequence-sync:${role}`,
    ...(tls ? { tls } : {}),
    ...extra,
  };
  if (!settings.clusterNodes?.length) return new Redis(settings.url, base);
  const { retryStrategy, enableOfflineQueue, lazyConnect, ...redisOptions } = base;
  const options: ClusterOptions = {
    redisOptions: { ...credentials(settings.url), ...redisOptions },
    enableOfflineQueue,
    // A failover leaves a slot without a master for seconds (tens on managed services): workers wait it
    // out (about 16 s of redirections) rather than fail each command; producers keep the defaults (1.6 s).
    ...(role === 'worker' ? { maxRedirections: 64, retryDelayOnFailover: 250, retryDelayOnClusterDown: 250 } : {}),
    ...(lazyConnect ? { lazyConnect } : {}),
    ...(retryStrategy ? { clusterRetryStrategy: (times: number) => retryStrategy(times) ?? null } : {}),
    // ElastiCache with TLS: node host names go to TLS as they are, so the certificate's name matches.
    ...(settings.dnsPassthrough ? { dnsLookup: (address: string, callback: (err: Error | null, address: string) => void) => callback(null, address) } : {}),
  };
  return new Cluster(settings.clusterNodes.map((n) => ({ host: n.host, port: n.port })), options);
}

/**
 * Options of a connection that tries once and gives up (checks and probes): connected on demand, no
 * reconnection, no command retried, closed at once.
 */
export function oneAttempt(connectTimeoutMs = 5_000): RedisOptions {
  return { lazyConnect: true, retryStrategy: () => null, connectTimeout: connectTimeoutMs, maxRetriesPerRequest: 0, disconnectTimeout: 0 };
}

/** Resolves once the connection answers, rejects after `timeoutMs`. */
export async function waitForReady(client: RedisClient, timeoutMs = 5_000): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis did not answer within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      client.off('ready', onReady);
    };
    client.on('ready', onReady);
  });
}
