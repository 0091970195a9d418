/**
 * A Redis that may evict keys with a TTL (job and company locks) is refused: the worker exits 2 naming
 * the policy and the fix, and `check` fails the same way; the policy is read with CONFIG GET, else
 * from INFO (where CONFIG is forbidden, as on ElastiCache), else said to be unreadable.
 */
import { configFromEnv, parseEnv } from '../../config';
import { checkRedis } from '../../src/check/checks';
import { createRedisClient } from '../../src/redis/client';
import { assessRedis } from '../../src/redis/requirements';
import { runCli, UNREACHABLE_APIS_ENV } from '../helpers/processes';
import { startPrivateRedis, type PrivateRedis } from '../helpers/redis-server';

const WORKER_ENV = { QUEUE_PREFIX: 'css-eviction', ...UNREACHABLE_APIS_ENV };

describe('maxmemory-policy other than noeviction', () => {
  const servers: PrivateRedis[] = [];
  const start = async (args: string[]) => {
    const server = await startPrivateRedis(args);
    servers.push(server);
    return server;
  };

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
  });

  it('the worker refuses to start (exit 2), naming the policy and the fix; check fails the same way', async () => {
    const redis = await start(['--maxmemory-policy', 'volatile-lru']);
    const worker = runCli(['worker', '--no-http', '--no-schedules'], { ...WORKER_ENV, REDIS_URL: redis.url });
    expect(worker.code).toBe(2);
    expect(worker.stderr).toMatch(/maxmemory-policy is volatile-lru on 127\.0\.0\.1:\d+ \(read with CONFIG GET\)/);
    expect(worker.stderr).toContain('set maxmemory-policy to noeviction');
    // Refused before it wrote anything (the accounts record, a queue key) on a Redis it will not use.
    const client = createRedisClient(redis.url, 'producer', { enableOfflineQueue: true });
    try {
      expect(await client.dbsize()).toBe(0);
    } finally {
      client.disconnect();
    }

    const lines = await checkRedis(configFromEnv(parseEnv({ ...WORKER_ENV, REDIS_URL: redis.url })));
    expect(lines.find((l) => l.item === 'Redis eviction policy')).toMatchObject({ status: 'fail', detail: expect.stringContaining('volatile-lru'), fix: expect.stringContaining('noeviction') });
    const check = runCli(['check'], { ...WORKER_ENV, REDIS_URL: redis.url });
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/^FAIL {2}Redis eviction policy: maxmemory-policy is volatile-lru/m);
  });

  it('where CONFIG is forbidden the policy is read from INFO, and still refused', async () => {
    const redis = await start(['--maxmemory-policy', 'allkeys-lru', '--rename-command', 'CONFIG', '']);
    const worker = runCli(['worker', '--no-http', '--no-schedules'], { ...WORKER_ENV, REDIS_URL: redis.url });
    expect(worker.code).toBe(2);
    expect(worker.stderr).toMatch(/maxmemory-policy is allkeys-lru on 127\.0\.0\.1:\d+ \(read with INFO\)/);
  });

  it('where neither CONFIG nor INFO answers, it says the policy could not be read (a warning, not a refusal)', async () => {
    const redis = await start(['--maxmemory-policy', 'volatile-ttl', '--rename-command', 'CONFIG', '', '--rename-command', 'INFO', '']);
    // ioredis' own ready check asks INFO too.
    const client = createRedisClient(redis.url, 'producer', { enableOfflineQueue: true, enableReadyCheck: false });
    client.on('error', () => undefined);
    try {
      const fitness = await assessRedis(client, 'css-eviction');
      expect(fitness.problems).toEqual([]);
      expect(fitness.warnings).toEqual([expect.stringMatching(/maxmemory-policy could not be read on 127\.0\.0\.1:\d+ \(CONFIG GET and INFO were refused\)/)]);
    } finally {
      client.disconnect();
    }
  });

  it('noeviction passes', async () => {
    const redis = await start([]);
    const lines = await checkRedis(configFromEnv(parseEnv({ ...WORKER_ENV, REDIS_URL: redis.url })));
    expect(lines.map((l) => [l.item, l.status])).toEqual([
      ['Redis', 'ok'],
      ['Redis TLS', 'ok'],
      ['Redis eviction policy', 'ok'],
    ]);
  });
});
