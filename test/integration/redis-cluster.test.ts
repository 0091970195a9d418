/**
 * Redis Cluster, beyond the suites that run on it as a target (jest.config.js): a master failed over
 * while a full run is in progress, a prefix without a hash tag refused, a cluster found from REDIS_URL
 * alone, the login limiter's two-key script, and clean-up and status walking every master. Each test
 * starts its own local cluster from plain redis-server binaries (test/helpers/redis-cluster.ts) and
 * stops it, whatever happens.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { startApp } from '../../src/app';
import { connectForCommand, deleteKeysWithPrefix } from '../../src/queue/connection';
import { isCluster, mastersOf } from '../../src/redis/client';
import { keyUsage } from '../../src/redis/key-bounds';
import { scanKeys } from '../../src/redis/keys';
import { runCli, UNREACHABLE_APIS_ENV } from '../helpers/processes';
import { startLocalCluster, type LocalCluster } from '../helpers/redis-cluster';
import { makeThrowawayCa, type ThrowawayCa } from '../helpers/redis-tls';
import { checkRedisLines } from '../../src/check/redis-checks';
import { JOB } from '../../src/queue/names';
import { RunStore } from '../../src/reconcile/runs';
import { reconcileAndWait, seedBillable, startStack, waitFor } from '../helpers/stack';
import { configFromEnv, parseEnv } from '../../config';
import { LoginLimiter } from '../../src/http/login-limit';

const tagged = (label: string) => `{css-${label}-${process.pid}-${randomBytes(3).toString('hex')}}`;

describe('a master fails over while a full run is in progress', () => {
  let cluster: LocalCluster;

  beforeAll(async () => {
    cluster = await startLocalCluster({ masters: 3, replicasPerMaster: 1, nodeTimeoutMs: 1_000 });
  }, 90_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('the run finishes: every company has exactly one customer, none missing, none duplicated', async () => {
    const prefix = tagged('failover');
    const stack = await startStack({
      prefix,
      env: { REDIS_URL: cluster.url, REDIS_CLUSTER_NODES: cluster.nodesSetting, SYNC_BATCH_SIZE: '100', LOG_LEVEL: 'info' },
    });
    const app = await startApp(stack.services, { schedules: false, concurrency: 2 });
    try {
      const ids = seedBillable(stack, 1_500);
      const slot = Number(await stack.services.redis.cluster('KEYSLOT', `${prefix}:links`));
      const holder = await cluster.masterOfSlot(slot);
      expect(holder).toBeDefined();
      const runId = `run-failover-${Date.now()}`;
      await stack.services.queues.reconcile.add(JOB.reconcile, { mode: 'full', requestedBy: 'test' }, { jobId: runId });
      const runs = new RunStore(stack.services.redis, prefix);
      // This test's own reads may fail while the slot has no master: they are asked again.
      const run = waitFor(() => runs.report(runId).catch(() => undefined), 240_000, 'the run report');
      // Fail the master holding every key of the prefix once a fifth of the companies are in Sequence.
      await waitFor(() => stack.sequence.store.count() >= 300, 120_000, '300 customers written');
      await holder!.kill();
      const writtenAtFailover = stack.sequence.store.count();
      await waitFor(async () => {
        const promoted = await cluster.masterOfSlot(slot);
        return promoted !== undefined && promoted.port !== holder!.port;
      }, 30_000, 'a replica promoted');
      const report = await run;
      expect(report.status).toBe('finished');
      // The failover came mid-run, not after it.
      expect(writtenAtFailover).toBeLessThan(ids.length);
      const customers = stack.sequence.store.all();
      expect(stack.sequence.store.duplicatesByIntegrationId()).toEqual([]);
      const missing = ids.filter((id) => !stack.sequence.store.byAlias(`hubspot-company-${id}`));
      expect(missing).toEqual([]);
      expect(customers).toHaveLength(ids.length);
    } finally {
      await app.close(5_000);
      await stack.close();
    }
  }, 300_000);
});

describe('a cluster that speaks TLS only, with a private CA (ElastiCache or MemoryDB with in-transit encryption)', () => {
  let cluster: LocalCluster;
  let ca: ThrowawayCa;

  beforeAll(async () => {
    ca = makeThrowawayCa();
    cluster = await startLocalCluster({ masters: 3, tls: ca });
  }, 90_000);

  afterAll(async () => {
    await cluster?.stop();
    rmSync(ca.dir, { recursive: true, force: true });
  });

  it('a full run syncs every company through it, and check says TLS verified on a cluster', async () => {
    const prefix = tagged('tls-cluster');
    const env = { REDIS_URL: cluster.url, REDIS_TLS_CA_FILE: ca.caFile, REDIS_CLUSTER_NODES: cluster.nodesSetting, SYNC_BATCH_SIZE: '100' };
    const stack = await startStack({ prefix, env });
    const app = await startApp(stack.services, { schedules: false });
    try {
      expect(isCluster(stack.services.redis)).toBe(true);
      const ids = seedBillable(stack, 300);
      const report = await reconcileAndWait(stack, 'full');
      expect(report).toMatchObject({ status: 'finished', created: 300, failed: 0 });
      expect(stack.sequence.store.duplicatesByIntegrationId()).toEqual([]);
      expect(ids.filter((id) => !stack.sequence.store.byAlias(`hubspot-company-${id}`))).toEqual([]);
      const lines = await checkRedisLines(stack.config);
      expect(lines.find((l) => l.item === 'Redis')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/cluster/i) });
      expect(lines.find((l) => l.item === 'Redis TLS')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/verified/) });
      expect(lines.find((l) => l.item === 'Redis eviction policy')).toMatchObject({ status: 'ok' });
    } finally {
      await app.close(5_000);
      await stack.close();
    }
  }, 120_000);

  it('without the private CA the certificate is refused, and check says why', async () => {
    const config = configFromEnv(parseEnv({ REDIS_URL: cluster.url, REDIS_CLUSTER_NODES: cluster.nodesSetting, QUEUE_PREFIX: tagged('tls-cluster-noca') }));
    const lines = await checkRedisLines(config);
    // The cluster client says only that every node failed; check asks one node alone why.
    expect(lines.find((l) => l.item === 'Redis')).toMatchObject({ status: 'fail', detail: expect.stringContaining('the TLS connection failed') });
    expect(lines.find((l) => l.item === 'Redis TLS')).toMatchObject({
      status: 'fail',
      detail: expect.stringContaining("the server's certificate did not verify against the system CAs (SELF_SIGNED_CERT_IN_CHAIN"),
      fix: expect.stringContaining('REDIS_TLS_CA_FILE'),
    });
  }, 60_000);
});

describe('a cluster with one evicting master', () => {
  let cluster: LocalCluster;

  beforeAll(async () => {
    cluster = await startLocalCluster({ masters: 3, nodeArgs: (index) => (index === 2 ? ['--maxmemory-policy', 'allkeys-lru'] : []) });
  }, 90_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('is refused by check and by the worker (exit 2), naming that master, whichever master the prefix lives on', async () => {
    const env = { REDIS_URL: cluster.url, REDIS_CLUSTER_NODES: cluster.nodesSetting, QUEUE_PREFIX: tagged('evicting') };
    const evicting = `127.0.0.1:${cluster.nodes[2]!.port}`;
    const lines = await checkRedisLines(configFromEnv(parseEnv(env)));
    expect(lines.find((l) => l.item === 'Redis eviction policy')).toMatchObject({ status: 'fail', detail: expect.stringContaining(`allkeys-lru on ${evicting}`) });
    const worker = runCli(['worker', '--no-http', '--no-schedules'], { ...env, ...UNREACHABLE_APIS_ENV });
    expect(worker.code).toBe(2);
    expect(worker.stderr).toContain(`maxmemory-policy is allkeys-lru on ${evicting}`);
  }, 60_000);
});

describe('Redis Cluster settings and key walks', () => {
  let cluster: LocalCluster;

  beforeAll(async () => {
    cluster = await startLocalCluster({ masters: 3 });
  }, 60_000);

  afterAll(async () => {
    await cluster?.stop();
  });

  it('refuses a prefix without a hash tag: with REDIS_CLUSTER_NODES as a configuration error, and when the server says cluster_enabled:1 (exit 2)', () => {
    expect(() => parseEnv({ REDIS_CLUSTER_NODES: cluster.nodesSetting, QUEUE_PREFIX: 'plain' })).toThrow(/QUEUE_PREFIX: "plain" has no hash tag.*set QUEUE_PREFIX=\{plain\}/);
    const result = runCli(['status'], { REDIS_URL: cluster.url, QUEUE_PREFIX: 'plain' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/QUEUE_PREFIX: "plain" has no hash tag.*set QUEUE_PREFIX=\{plain\}.*cluster_enabled:1/);
  });

  it('finds the cluster from REDIS_URL alone, and status walks every master', async () => {
    const prefix = tagged('found');
    const config = configFromEnv(parseEnv({ REDIS_URL: cluster.url, QUEUE_PREFIX: prefix }));
    const redis = await connectForCommand(config.redis);
    try {
      expect(isCluster(redis)).toBe(true);
      await redis.hset(`${prefix}:links`, '1', '{"companyId":"1"}');
      const result = runCli(['status', '--json'], { REDIS_URL: cluster.url, QUEUE_PREFIX: prefix });
      expect(result.code).toBe(0);
      const status = JSON.parse(result.stdout) as { redisKeys: { kind: string; keys: number }[] };
      expect(status.redisKeys).toContainEqual(expect.objectContaining({ kind: 'links', keys: 1 }));
    } finally {
      await deleteKeysWithPrefix(redis, prefix);
      redis.disconnect();
    }
  });

  it("the dashboard's login limiter counts a client and everyone in one script and one transaction: one slot under the prefix", async () => {
    const prefix = tagged('logins');
    const config = configFromEnv(parseEnv({ REDIS_CLUSTER_NODES: cluster.nodesSetting, QUEUE_PREFIX: prefix }));
    const redis = await connectForCommand(config.redis);
    try {
      const limiter = new LoginLimiter(redis, prefix, { maxFailures: 2, maxGlobalFailures: 3, windowMs: 60_000 });
      await limiter.recordFailure('2001:db8:1:2::7');
      expect(await limiter.recordFailure('2001:db8:1:2::8')).toMatchObject({ failures: 2, globalFailures: 2 });
      expect(await limiter.blockedFor('2001:db8:1:2::9')).toMatchObject({ by: 'client' });
      await limiter.recordFailure('192.0.2.1');
      expect(await limiter.blockedFor('192.0.2.2')).toMatchObject({ by: 'global' });
    } finally {
      await deleteKeysWithPrefix(redis, prefix);
      redis.disconnect();
    }
  });

  it('clean-up and the key walk reach keys on every master, not the one a command happens to hit', async () => {
    const prefix = `css-walk-${process.pid}-${randomBytes(3).toString('hex')}`;
    const config = configFromEnv(parseEnv({ REDIS_CLUSTER_NODES: cluster.nodesSetting, QUEUE_PREFIX: `{${prefix}}` }));
    const redis = await connectForCommand(config.redis);
    try {
      // Keys without a common hash tag spread over the masters (test data only: the service's keys share one tag).
      const keys = Array.from({ length: 60 }, (_, i) => `${prefix}:k${i}`);
      for (const key of keys) await redis.set(key, '1');
      const holders = new Set<number>();
      for (const node of mastersOf(redis)) if ((await node.dbsize()) > 0) holders.add(node.options.port ?? 0);
      expect(holders.size).toBe(3);
      const found: string[] = [];
      for await (const batch of scanKeys(redis, `${prefix}:*`)) found.push(...batch.keys);
      expect(found.sort()).toEqual([...keys].sort());
      expect((await keyUsage(redis, prefix)).find((u) => u.kind === 'other')?.keys).toBe(60);
      await deleteKeysWithPrefix(redis, prefix);
      let left = 0;
      for await (const batch of scanKeys(redis, `${prefix}:*`)) left += batch.keys.length;
      expect(left).toBe(0);
    } finally {
      redis.disconnect();
    }
  });
});
