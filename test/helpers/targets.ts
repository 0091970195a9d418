/**
 * Which Redis the suites run against: `TEST_REDIS_TARGET` = single (the shared Redis on 6379, or
 * TEST_REDIS_URL), cluster (a local 3-master Redis Cluster) or tls (a local TLS Redis with a throwaway
 * CA). jest.config.js runs the sync, reconciliation, webhook and upsert-guarantee suites once per
 * target; the cluster and the TLS server are started once per jest run by ./targets-setup.ts, which
 * hands their addresses to the test processes through the environment (CSS_TEST_*).
 */
import { configFromEnv, parseEnv } from '../../config';
import type { RedisSettings } from '../../config/redis';

export type TestTarget = 'single' | 'cluster' | 'tls';

export function testTarget(): TestTarget {
  const value = process.env.TEST_REDIS_TARGET ?? 'single';
  if (value !== 'single' && value !== 'cluster' && value !== 'tls') throw new Error(`TEST_REDIS_TARGET must be single, cluster or tls (got ${value})`);
  return value;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the ${testTarget()} target is started by test/helpers/targets-setup.ts (jest's globalSetup of that project)`);
  return value;
}

/** The Redis settings of the target, as environment variables (REDIS_URL and what goes with it). */
export function targetRedisEnv(): Record<string, string> {
  switch (testTarget()) {
    case 'cluster':
      return { REDIS_URL: required('CSS_TEST_CLUSTER_URL'), REDIS_CLUSTER_NODES: required('CSS_TEST_CLUSTER_NODES') };
    case 'tls':
      return { REDIS_URL: required('CSS_TEST_TLS_URL'), REDIS_TLS_CA_FILE: required('CSS_TEST_TLS_CA_FILE') };
    default:
      return { REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' };
  }
}

/** A key prefix the target can serve: on a cluster, the whole prefix is the hash tag. */
export function targetPrefix(raw: string): string {
  return testTarget() === 'cluster' ? `{${raw}}` : raw;
}

/** Typed settings of the target, for connections a test opens itself. */
export function targetRedisSettings(prefix = targetPrefix('css-unused')): RedisSettings {
  return configFromEnv(parseEnv({ ...targetRedisEnv(), QUEUE_PREFIX: prefix })).redis;
}

/**
 * For a test whose Redis work is the same on every target and that is long for other reasons (25,000
 * companies, minutes of rate-limit pacing): it runs on the single Redis only, and is listed as skipped
 * on the others, so the extra targets cost `npm test` little.
 */
export function itOnSingleTarget(name: string, fn: () => Promise<void>, timeout?: number): void {
  (testTarget() === 'single' ? it : it.skip)(name, fn, timeout);
}
