/**
 * The typed settings the rest of the program reads. Built from the environment (and `.env`) by
 * `loadConfig`, grouped by the part of the system that uses them.
 */
import { config as loadDotenv } from 'dotenv';
import { ConfigError, parseEnv, type Env, type Requirement } from './env';
import { mappingConfigFromEnv, type MappingConfig } from './mapping';
import { registerBasicCredentials, registerBearerToken, registerSecrets } from '../src/shared/redact';
import { redisSettingsFromEnv, type RedisSettings } from './redis';
import type { BillingScope } from '../src/scope/types';
import { billingScopeOf } from './billing-scope';

export { ConfigError, SECRET_VARIABLES, parseEnv, type Env, type Requirement } from './env';
export type { MappingConfig } from './mapping';
export type { RedisNode, RedisSettings } from './redis';

export interface Config {
  env: Env;
  redis: RedisSettings;
  hubspot: { accessToken: string; baseUrl: string; apiVersion: string; clientSecret?: string; timeoutMs: number; writeBack: boolean };
  sequence: { clientId: string; clientSecret: string; baseUrl: string; apiVersion: string; timeoutMs: number };
  http: { port: number };
  log: { level: Env['LOG_LEVEL']; pretty: Env['LOG_PRETTY']; redactContactEmails: boolean };
  worker: {
    concurrency: number;
    batchSize: number;
    upsertConcurrency: number;
    attempts: number;
    retryBaseDelayMs: number;
    shutdownTimeoutMs: number;
    lockTtlMs: number;
    jobLockMs: number;
  };
  limits: {
    sequencePerMinute: number;
    hubspotPer10s: number;
    hubspotSearchPerSecond: number;
    maxRateLimitWaitMs: number;
    rateLimitBackoffMs: number;
  };
  mapping: MappingConfig;
  /** Which companies get a customer created (BILLING_SCOPE, BILLING_SCOPE_PIPELINES). */
  scope: BillingScope;
}

export function configFromEnv(env: Env): Config {
  // Upstream error text is scrubbed of these values before it is logged or stored (src/shared/redact.ts).
  registerSecrets([
    env.HUBSPOT_ACCESS_TOKEN,
    env.HUBSPOT_CLIENT_SECRET,
    env.SEQUENCE_CLIENT_SECRET,
    env.ADMIN_PASSWORD,
    ...redisCredentials(env.REDIS_URL),
  ]);
  // …and in the forms an upstream may echo them: `Bearer <token>`, base64(id:secret).
  registerBearerToken(env.HUBSPOT_ACCESS_TOKEN);
  registerBasicCredentials(env.SEQUENCE_CLIENT_ID, env.SEQUENCE_CLIENT_SECRET);
  return {
    env,
    redis: redisSettings(env),
    hubspot: {
      accessToken: env.HUBSPOT_ACCESS_TOKEN ?? '',
      baseUrl: env.HUBSPOT_BASE_URL.replace(/\/+$/, ''),
      apiVersion: env.HUBSPOT_API_VERSION,
      clientSecret: env.HUBSPOT_CLIENT_SECRET,
      timeoutMs: env.REQUEST_TIMEOUT_MS,
      writeBack: env.HUBSPOT_WRITE_BACK,
    },
    sequence: {
      clientId: env.SEQUENCE_CLIENT_ID ?? '',
      clientSecret: env.SEQUENCE_CLIENT_SECRET ?? '',
      baseUrl: env.SEQUENCE_BASE_URL.replace(/\/+$/, ''),
      apiVersion: env.SEQUENCE_API_VERSION,
      timeoutMs: env.REQUEST_TIMEOUT_MS,
    },
    http: { port: env.PORT },
    log: { level: env.LOG_LEVEL, pretty: env.LOG_PRETTY, redactContactEmails: env.REDACT_CONTACT_EMAILS },
    worker: {
      concurrency: env.WORKER_CONCURRENCY,
      batchSize: env.SYNC_BATCH_SIZE,
      upsertConcurrency: env.UPSERT_CONCURRENCY,
      attempts: env.SYNC_ATTEMPTS,
      retryBaseDelayMs: env.RETRY_BASE_DELAY_MS,
      shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
      lockTtlMs: env.LOCK_TTL_MS,
      jobLockMs: env.JOB_LOCK_MS,
    },
    limits: {
      sequencePerMinute: env.SEQUENCE_RATE_LIMIT_PER_MINUTE,
      hubspotPer10s: env.HUBSPOT_RATE_LIMIT_PER_10S,
      hubspotSearchPerSecond: env.HUBSPOT_SEARCH_RATE_LIMIT_PER_SECOND,
      maxRateLimitWaitMs: env.RATE_LIMIT_MAX_WAIT_MS,
      rateLimitBackoffMs: env.RATE_LIMIT_BACKOFF_MS,
    },
    mapping: mappingConfigFromEnv(env),
    scope: billingScopeOf(env.BILLING_SCOPE, env.BILLING_SCOPE_PIPELINES),
  };
}

function redisSettings(env: Env): RedisSettings {
  const { settings, problems } = redisSettingsFromEnv(env);
  if (!settings) throw new ConfigError(problems);
  return settings;
}

/** The password of a REDIS_URL, as written and decoded. */
function redisCredentials(url: string): string[] {
  try {
    const { password } = new URL(url);
    return password ? [password, decodeURIComponent(password)] : [];
  } catch {
    return [];
  }
}

export interface LoadConfigOptions {
  /** Services whose credentials the command needs. */
  needs?: readonly Requirement[];
  /** Defaults to process.env; `.env` in the working directory fills what it does not set. */
  env?: Record<string, string | undefined>;
  /** Path of the dotenv file; false to skip it. */
  dotenvPath?: string | false;
}

export function loadConfig(options: LoadConfigOptions = {}): Config {
  let raw = options.env;
  if (!raw) {
    if (options.dotenvPath !== false) loadDotenv({ path: options.dotenvPath, quiet: true });
    raw = process.env;
  }
  return configFromEnv(parseEnv(raw, options.needs ?? []));
}
