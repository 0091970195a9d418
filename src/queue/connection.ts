/**
 * ioredis connections set the way BullMQ asks: workers (blocking commands) retry forever
 * (`maxRetriesPerRequest: null`); producers fail fast so an HTTP caller gets an error instead of a hang.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { maskUrlCredentials } from '../shared/redact';

export type ConnectionRole = 'worker' | 'producer';

export function createRedis(url: string, role: ConnectionRole, extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: role === 'worker' ? null : 2,
    enableOfflineQueue: role === 'worker',
    connectionName: `crm-sequence-sync:${role}`,
    ...extra,
  });
}

/** Resolves once the connection answers, rejects after `timeoutMs`. */
export async function waitForRedis(redis: Redis, timeoutMs = 5_000): Promise<void> {
  if (redis.status === 'ready') return;
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
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}

export class RedisUnavailableError extends Error {
  constructor(url: string) {
    super(`Redis does not answer at ${maskUrlCredentials(url)}: is it running? (REDIS_URL)`);
    this.name = 'RedisUnavailableError';
  }
}

/** A fail-fast connection for a command, once Redis answers; a clear error naming the URL otherwise. */
export async function connectForCommand(url: string): Promise<Redis> {
  const redis = createRedis(url, 'producer', { retryStrategy: (times) => (times > 3 ? null : 200) });
  redis.on('error', () => undefined);
  try {
    await waitForRedis(redis, 5_000);
    return redis;
  } catch {
    redis.disconnect();
    throw new RedisUnavailableError(url);
  }
}

/** Deletes every key under `prefix:` (BullMQ's and ours), a batch at a time. */
export async function deleteKeysWithPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length) await redis.unlink(...keys);
  } while (cursor !== '0');
}
