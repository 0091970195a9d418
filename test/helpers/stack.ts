/**
 * Test harness: the simulated HubSpot and Sequence servers, a config pointing at them with a unique
 * Redis key prefix (so suites run in parallel with each other and with a real worker), the real
 * services, and cleanup that deletes every key under the prefix and closes every connection.
 */
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { configFromEnv, parseEnv, type Config } from '../../config';
import { DEFAULT_HUBSPOT_API_VERSION } from '../../src/hubspot/api-version';
import { createLogger, type Logger } from '../../src/logger';
import type { RedisSettings } from '../../config/redis';
import { deleteKeysWithPrefix } from '../../src/queue/connection';
import { createRedisClient } from '../../src/redis/client';
import { createServices, type ServiceHooks, type Services } from '../../src/services';
import { startHubSpotSimulator, type HubSpotSimulator, type HubSpotSimulatorOptions } from '../../src/simulators/hubspot';
import { startSequenceSimulator, type SequenceSimulator, type SequenceSimulatorOptions } from '../../src/simulators/sequence';
import { targetPrefix, targetRedisEnv, targetRedisSettings } from './targets';

/** The single Redis (suites that run only there use it directly); the stack follows TEST_REDIS_TARGET (./targets.ts). */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * The HubSpot API version the suite runs with: HUBSPOT_API_VERSION from the environment, or the
 * default. `HUBSPOT_API_VERSION=2026-03 npx jest ...` runs the whole suite against 2026-03.
 */
export const TEST_HUBSPOT_API_VERSION = process.env.HUBSPOT_API_VERSION?.trim() || DEFAULT_HUBSPOT_API_VERSION;

/** A simulator route as its stats record it, on the suite's version: `hubspotRoute('objects', 'companies/search')`. */
export function hubspotRoute(api: 'objects' | 'associations', rest: string, version = TEST_HUBSPOT_API_VERSION): string {
  return `/crm/${api}/${version}/${rest}`;
}

/** A prefix no other suite uses; hash-tagged on the cluster target. */
export function uniquePrefix(label = 'test'): string {
  return targetPrefix(`css-${label}-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/**
 * Deletes every key under the prefix (BullMQ's and ours), on every master of a cluster: in the given
 * Redis (a URL: the single one, or settings), else in the target's.
 */
export async function deletePrefix(prefix: string, where: string | RedisSettings = targetRedisSettings(prefix)): Promise<void> {
  const redis = typeof where === 'string' ? new Redis(where) : createRedisClient(where, 'producer', { enableOfflineQueue: true });
  try {
    await deleteKeysWithPrefix(redis, prefix);
  } finally {
    redis.disconnect();
  }
}

/**
 * One Redis connection for a suite, under a unique key prefix: opened before its tests, and after
 * them every key under the prefix is deleted and the connection closed.
 */
export function suiteRedis(label: string): { prefix: string; redis: () => Redis } {
  const prefix = uniquePrefix(label);
  let connection: Redis | undefined;
  beforeAll(() => {
    connection = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    await deletePrefix(prefix, REDIS_URL);
    connection?.disconnect();
  });
  return {
    prefix,
    redis: () => {
      if (!connection) throw new Error('suiteRedis: the connection is opened in beforeAll');
      return connection;
    },
  };
}

/** Log lines written by the code under test, parsed. */
export class LogCapture {
  readonly lines: Record<string, unknown>[] = [];
  readonly stream = new Writable({
    write: (chunk: Buffer, _enc, done) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim()) this.lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });

  where(fields: Record<string, unknown>): Record<string, unknown>[] {
    return this.lines.filter((l) => Object.entries(fields).every(([k, v]) => l[k] === v));
  }
}

export interface TestStack {
  prefix: string;
  config: Config;
  hubspot: HubSpotSimulator;
  sequence: SequenceSimulator;
  services: Services;
  logger: Logger;
  logs: LogCapture;
  close(): Promise<void>;
}

export interface StackOptions {
  env?: Record<string, string>;
  /** The key prefix (default: a unique one for the target). */
  prefix?: string;
  hubspot?: HubSpotSimulatorOptions;
  sequence?: SequenceSimulatorOptions;
  hooks?: ServiceHooks;
}

export function testEnv(prefix: string, hubspot: HubSpotSimulator, sequence: SequenceSimulator, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...targetRedisEnv(),
    QUEUE_PREFIX: prefix,
    HUBSPOT_ACCESS_TOKEN: 'hubspot-test-token',
    HUBSPOT_BASE_URL: hubspot.url,
    HUBSPOT_API_VERSION: TEST_HUBSPOT_API_VERSION,
    HUBSPOT_CLIENT_SECRET: 'webhook-secret',
    SEQUENCE_CLIENT_ID: 'seq-test-id',
    SEQUENCE_CLIENT_SECRET: 'seq-test-secret',
    SEQUENCE_BASE_URL: sequence.url,
    LOG_LEVEL: 'debug',
    REQUEST_TIMEOUT_MS: '2000',
    RETRY_BASE_DELAY_MS: '50',
    RATE_LIMIT_BACKOFF_MS: '50',
    // The simulators enforce no limits unless a test asks; neither does the client, unless a test asks.
    SEQUENCE_RATE_LIMIT_PER_MINUTE: '600000',
    HUBSPOT_RATE_LIMIT_PER_10S: '100000',
    HUBSPOT_SEARCH_RATE_LIMIT_PER_SECOND: '1000',
    // No snapshot written into node_modules by tests: a test that wants one names its own folder.
    COUNTRY_INDEX_CACHE: 'off',
    // The write-back (on by default since issue 19) writes to HubSpot after every batch; the suites
    // written before it count HubSpot calls without it. Its own suites turn it on.
    HUBSPOT_WRITE_BACK: 'false',
    // The suites written before the billing scope existed expect every company to get a customer
    // (the behaviour before closed-won became the default); scope tests set their own.
    BILLING_SCOPE: 'all',
    ...extra,
  };
}

export async function startStack(options: StackOptions = {}): Promise<TestStack> {
  const prefix = options.prefix ?? uniquePrefix();
  // Numbered (v3/v4) paths are refused, as HubSpot will from September 2027: any call left on them fails a test.
  const hubspot = await startHubSpotSimulator({ rateLimitPer10s: 0, searchRateLimitPerSecond: 0, refuseNumberedPaths: true, ...options.hubspot });
  const sequence = await startSequenceSimulator({ rateLimitPerMinute: 0, ...options.sequence });
  const config = configFromEnv(parseEnv(testEnv(prefix, hubspot, sequence, options.env), ['hubspot', 'sequence']));
  const logs = new LogCapture();
  const logger = createLogger({ level: 'debug', pretty: 'false', destination: logs.stream });
  const services = createServices(config, logger, options.hooks);
  return {
    prefix,
    config,
    hubspot,
    sequence,
    services,
    logger,
    logs,
    async close() {
      await services.close();
      await Promise.all([hubspot.close(), sequence.close()]);
      await deletePrefix(prefix, config.redis);
    },
  };
}

/** Customers created or updated in the stack's Sequence (POST /customers and PUT /customers/:id), as the simulator counted them. */
export const sequenceWrites = (stack: TestStack) =>
  stack.sequence.stats.count({ method: 'POST', route: '/customers' }) + stack.sequence.stats.count({ method: 'PUT', route: '/customers/:id' });

export async function waitFor<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Queues a reconciliation run on the stack and waits for its report. */
export async function reconcileAndWait(stack: TestStack, mode: 'full' | 'incremental', options: { dryRun?: boolean; timeoutMs?: number; scope?: { setting: string; pipelines?: string[] } } = {}) {
  const { RunStore } = await import('../../src/reconcile/runs');
  const { JOB } = await import('../../src/queue/names');
  const runId = `run-${mode}-${Date.now()}-${Math.random().toString(16).slice(2, 6)}`;
  await stack.services.queues.reconcile.add(JOB.reconcile, { mode, dryRun: options.dryRun ?? false, requestedBy: 'test', ...(options.scope ? { scope: options.scope } : {}) }, { jobId: runId });
  const runs = new RunStore(stack.services.redis, stack.prefix);
  return waitFor(() => runs.report(runId), options.timeoutMs ?? 60_000, `report of ${runId}`);
}

/** Companies with one billing contact each, all billable. */
export function seedBillable(stack: TestStack, count: number, startIndex = 0): string[] {
  const { store } = stack.hubspot;
  const ids: string[] = [];
  for (let i = startIndex; i < startIndex + count; i += 1) {
    const company = store.createCompany({ name: `Company ${i}`, address: `${i} Main Street`, city: 'Leeds', zip: 'LS1 1AA', country: 'GB', domain: `company${i}.example` });
    const contact = store.createContact({ email: `billing${i}@company${i}.example`, firstname: 'Bill', lastname: `Payer ${i}` });
    store.associate(company.id, contact.id, [{ typeId: 2, category: 'HUBSPOT_DEFINED' }]);
    ids.push(company.id);
  }
  return ids;
}
