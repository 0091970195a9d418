/**
 * The account guard (issue 22) on the Redis this project targets: jest.config.js runs this suite on
 * the single Redis, the local 3-master cluster and the TLS Redis with its private CA. A command records
 * the accounts under the prefix and one on another Sequence account is refused; `check` shows the Redis
 * lines (TLS, eviction policy, on a cluster the key prefix) with the HubSpot write-back, the billing
 * scope and the accounts, every line through the redactor; `forget-account` refuses while a worker is
 * connected, then counts and deletes the prefix's keys (the write-back's state among them) on whichever
 * master holds them.
 */
import type { Cluster } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { configFromEnv, parseEnv } from '../../config';
import { startApp } from '../../src/app';
import { claimAccounts, readAccounts } from '../../src/accounts/account-record';
import { sequenceAccount } from '../../src/accounts/identity';
import { formatCheckLine, runChecks, type CheckLine } from '../../src/check/checks';
import { isCluster, type RedisClient } from '../../src/redis/client';
import { escapeGlob, scanKeys } from '../../src/redis/keys';
import { startSequenceSimulator, type SequenceSimulator } from '../../src/simulators/sequence';
import { WriteBackStatusStore, writeBackKey } from '../../src/writeback/status';
import { runCliAsync as runCli } from '../helpers/processes';
import { deletePrefix, seedBillable, startStack, testEnv, TEST_HUBSPOT_API_VERSION, type TestStack } from '../helpers/stack';
import { targetPrefix, testTarget } from '../helpers/targets';

const PROD_ID = 'prod-client-id-5d1e';
const PROD_SECRET = 'prod-client-secret-40b7';
const TOKEN = 'hubspot-test-token';

async function keysUnder(redis: RedisClient, prefix: string): Promise<number> {
  let count = 0;
  for await (const { keys } of scanKeys(redis, `${escapeGlob(prefix)}:*`)) count += keys.length;
  return count;
}

/** The master ("host:port") holding the slot of the prefix's keys; the one server elsewhere. */
async function masterOf(redis: RedisClient, prefix: string): Promise<string> {
  if (!isCluster(redis)) return 'the server';
  const slot = Number(await redis.cluster('KEYSLOT', `${prefix}:accounts`));
  return (redis as Cluster).slots[slot]?.[0] ?? 'unknown';
}

describe(`the account guard, check and forget-account on the ${testTarget()} Redis`, () => {
  let stack: TestStack;
  let production: SequenceSimulator;
  let envA: Record<string, string>;
  let envB: Record<string, string>;

  beforeAll(async () => {
    stack = await startStack({ env: { BILLING_SCOPE: 'closed-won' } });
    production = await startSequenceSimulator({ rateLimitPerMinute: 0, clientId: PROD_ID, clientSecret: PROD_SECRET });
    // The write-back on, as it is by default: check creates its properties and probes the write scope.
    envA = testEnv(stack.prefix, stack.hubspot, stack.sequence, { BILLING_SCOPE: 'closed-won', HUBSPOT_WRITE_BACK: 'true', LOG_LEVEL: 'warn' });
    envB = { ...envA, SEQUENCE_BASE_URL: production.url, SEQUENCE_CLIENT_ID: PROD_ID, SEQUENCE_CLIENT_SECRET: PROD_SECRET };
  });

  afterAll(async () => {
    await production.close();
    await stack.close();
  });

  it('a command records the accounts under the prefix; one on another Sequence account is refused (exit 2)', async () => {
    const [company] = seedBillable(stack, 2, 600);
    const deal = stack.hubspot.store.createDeal({ dealname: 'Won', dealstage: 'closedwon' });
    stack.hubspot.store.associateDeal(deal.id, company!, { primary: true });

    const queued = await runCli(['reconcile', '--dry-run'], envA);
    expect(queued.code).toBe(0);
    expect(await readAccounts(stack.services.redis, stack.prefix)).toMatchObject({
      sequence: sequenceAccount({ baseUrl: stack.sequence.url, clientId: 'seq-test-id' }),
      hubspotPortalId: '424242',
    });

    const refused = await runCli(['sync', company!], envB);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`QUEUE_PREFIX "${stack.prefix}" serves other accounts`);
    expect(production.stats.total).toBe(0);
  }, 60_000);

  it('check shows the Redis lines beside the HubSpot write-back, the billing scope and the accounts', async () => {
    const lines = await runChecks(configFromEnv(parseEnv({ ...envA, LOG_LEVEL: 'silent' })));
    const line = (item: string) => lines.find((l) => l.item === item);
    const cluster = testTarget() === 'cluster';
    expect(lines.map((l) => l.item)).toEqual([
      'Redis',
      'Redis TLS',
      'Redis eviction policy',
      ...(cluster ? ['Redis Cluster key prefix'] : []),
      'HubSpot token',
      'HubSpot scopes',
      `HubSpot API version ${TEST_HUBSPOT_API_VERSION}`,
      'HubSpot write-back',
      'Billing scope (BILLING_SCOPE=closed-won)',
      'Sequence credentials',
      'Sequence API version 2024-07-30',
      'Webhook secret',
      'Webhook URL',
      'Accounts',
    ]);
    expect(line('Redis')).toMatchObject({ status: 'ok', detail: expect.stringContaining(cluster ? 'a Redis Cluster of 3 masters' : 'one server') });
    expect(line('Redis TLS')).toMatchObject(
      testTarget() === 'tls'
        ? { status: 'ok', detail: expect.stringMatching(/^on, certificate verified against the CA in REDIS_TLS_CA_FILE/) }
        : { status: 'ok', detail: 'off (redis:// on this machine)' },
    );
    expect(line('Redis eviction policy')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^noeviction/) });
    if (cluster) expect(line('Redis Cluster key prefix')).toMatchObject({ status: 'ok' });
    expect(line('HubSpot write-back')).toMatchObject({ status: 'ok', detail: expect.stringMatching(/^company properties in group \S+ (created|present).*the token may write companies$/) });
    expect(line('Billing scope (BILLING_SCOPE=closed-won)')).toMatchObject({ status: 'ok', detail: '1 company has a won deal (1 won deal)' });
    expect(line('Accounts')).toMatchObject({ status: 'ok', detail: expect.stringContaining('HubSpot portal 424242') });

    const other = await runChecks(configFromEnv(parseEnv({ ...envB, LOG_LEVEL: 'silent' })));
    expect(other.find((l) => l.item === 'Accounts')).toMatchObject({ status: 'fail', detail: expect.stringContaining('serves other accounts') });
  });

  it('every check line goes through the redactor: a HubSpot answer echoing the token is [redacted]', async () => {
    stack.hubspot.faults.echoStatus = 502;
    stack.hubspot.faults.inject('echoCredentials', { method: 'GET', path: /\/crm\/pipelines\// }, 2);
    stack.hubspot.faults.inject('echoCredentials', { method: 'POST', path: /\/companies\/batch\/update/ }, 1);
    let lines: CheckLine[];
    try {
      lines = await runChecks(configFromEnv(parseEnv({ ...envA, LOG_LEVEL: 'silent', REQUEST_TIMEOUT_MS: '5000' })));
    } finally {
      stack.hubspot.faults.clear();
    }
    const text = lines.map(formatCheckLine).join('\n');
    expect(text).toMatch(/^FAIL {2}HubSpot write-back: could not check the write scope: .*\[redacted\]/m);
    expect(text).toMatch(/^FAIL {2}Billing scope \(BILLING_SCOPE=closed-won\): could not count the companies in scope: .*\[redacted\]/m);
    expect(text).toMatch(/^ok {4}Redis eviction policy: noeviction/m);
    expect(text).not.toContain(TOKEN);
    expect(JSON.stringify(lines)).not.toContain(TOKEN);
  });

  it('forget-account refuses while a worker is connected, then deletes every key of the prefix, wherever they live', async () => {
    const redis = stack.services.redis;
    const app = await startApp(stack.services, { schedules: false });
    let refused;
    try {
      refused = await runCli(['forget-account', '--yes'], envB);
    } finally {
      await app.close(5_000);
    }
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('stop every worker on it first');

    // The stack's prefix, and on a cluster one prefix on each other master too.
    const prefixes = [stack.prefix];
    if (isCluster(redis)) {
      const masters = new Set([await masterOf(redis, stack.prefix)]);
      for (let tries = 0; masters.size < 3 && tries < 200; tries += 1) {
        const candidate = targetPrefix(`css-forget-${process.pid}-${randomBytes(3).toString('hex')}`);
        const master = await masterOf(redis, candidate);
        if (masters.has(master)) continue;
        masters.add(master);
        prefixes.push(candidate);
      }
      expect(masters.size).toBe(3);
    }
    try {
      for (const prefix of prefixes.slice(1)) {
        await claimAccounts(redis, prefix, { sequence: sequenceAccount({ baseUrl: stack.sequence.url, clientId: 'seq-test-id' }) });
        for (let i = 0; i < 5; i += 1) await redis.set(`${prefix}:reconcile:incremental:since`, String(i));
        await redis.hset(`${prefix}:links`, '1', '{}');
      }
      // The write-back's state, as a worker records it, under every prefix (on each master of a cluster).
      for (const prefix of prefixes) await new WriteBackStatusStore(redis, prefix).written(3);
      for (const prefix of prefixes) {
        expect(await redis.exists(writeBackKey(prefix))).toBe(1);
        const before = await keysUnder(redis, prefix);
        expect(before).toBeGreaterThan(1);
        const done = await runCli(['forget-account', '--yes'], { ...envB, QUEUE_PREFIX: prefix });
        expect(done.code).toBe(0);
        const counted = Number(/\((\d+) Redis keys;/.exec(done.stdout)?.[1]);
        // The stack's own connections come and go meanwhile (a timer key expiring); the other prefixes hold still.
        if (prefix === stack.prefix) expect(counted).toBeGreaterThan(1);
        else expect(counted).toBe(before);
        expect(done.stdout).toContain(`forgot QUEUE_PREFIX "${prefix}" (${counted} Redis keys;`);
        expect(await keysUnder(redis, prefix)).toBe(0);
        expect(await redis.exists(writeBackKey(prefix))).toBe(0);
      }
    } finally {
      for (const prefix of prefixes.slice(1)) await deletePrefix(prefix);
    }

    // Account B may now use the stack's prefix, and is recorded.
    expect((await runCli(['reconcile', '--dry-run'], envB)).code).toBe(0);
    expect((await readAccounts(redis, stack.prefix)).sequence).toEqual(sequenceAccount({ baseUrl: production.url, clientId: PROD_ID }));
  }, 120_000);
});
