/**
 * Redis connections for the queues and the commands, set the way BullMQ asks: workers (blocking
 * commands) retry forever; producers fail fast. Built by src/redis/ from the typed settings, one
 * server or a cluster.
 */
import type { RedisOptions } from 'ioredis';
import type { RedisSettings } from '../../config/redis';
import { maskUrlCredentials } from '../shared/redact';
import { createRedisClient, waitForReady, type ConnectionRole, type RedisClient, type RedisTarget } from '../redis/client';
import { resolveRedisSettings } from '../redis/topology';

export type { ConnectionRole, RedisClient } from '../redis/client';
export { deleteKeysWithPrefix } from '../redis/keys';

export function createRedis(target: RedisTarget | string, role: ConnectionRole, extra: RedisOptions = {}): RedisClient {
  return createRedisClient(target, role, extra);
}

/** Resolves once the connection answers, rejects after `timeoutMs`. */
export const waitForRedis = waitForReady;

export class RedisUnavailableError extends Error {
  constructor(url: string) {
    super(`Redis does not answer at ${maskUrlCredentials(url)}: is it running? (REDIS_URL)`);
    this.name = 'RedisUnavailableError';
  }
}

/**
 * A fail-fast connection for a command, once Redis answers (a cluster when the settings or the server
 * say so); a clear error naming the URL otherwise.
 */
export async function connectForCommand(target: RedisSettings | string): Promise<RedisClient> {
  const settings = typeof target === 'string' ? target : await resolveRedisSettings(target);
  const url = typeof settings === 'string' ? settings : settings.url;
  const redis = createRedisClient(settings, 'producer', { retryStrategy: (times) => (times > 3 ? null : 200) });
  redis.on('error', () => undefined);
  try {
    await waitForReady(redis, 5_000);
    return redis;
  } catch {
    redis.disconnect();
    throw new RedisUnavailableError(url);
  }
}
