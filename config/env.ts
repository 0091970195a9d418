/**
 * Every setting of crm-sequence-sync comes from the environment (and a `.env` file), parsed here by
 * one zod schema. A wrong or missing value stops start-up with one message that lists every problem
 * by variable name. Secret values are never echoed back.
 *
 * The variable names are the public interface users script against: add to them, never rename.
 */
import { z } from 'zod';
import { ContactBillingPreference, PushIntegration, SEQUENCE_API_VERSION, TaxStatus, taxStatusFromText } from '../src/sequence/enums';
import { jsonObjectSetting } from './json-setting';
import { maskUrlCredentials } from '../src/shared/redact';
import { DEFAULT_HUBSPOT_API_VERSION, HUBSPOT_API_VERSION_PATTERN } from '../src/hubspot/api-version';
import { MAPPED_FIELDS } from './mapping';
import { FieldOwnershipSetting } from '../src/sequence/ownership';
import { hashTagOf, redisSettingsFromEnv } from './redis';
import { DEFAULT_BILLING_SCOPE, parsePipelineList, parseScopeSetting } from './billing-scope';

/** Variables whose values must never appear in a message or a log line. */
export const SECRET_VARIABLES = [
  'HUBSPOT_ACCESS_TOKEN',
  'HUBSPOT_CLIENT_SECRET',
  'SEQUENCE_CLIENT_ID',
  'SEQUENCE_CLIENT_SECRET',
  'ADMIN_PASSWORD',
] as const;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const emptyToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

const optionalString = z.preprocess(emptyToUndefined, z.string().trim().optional());
const int = (min: number, max: number, fallback: number) => {
  const expected = `must be a whole number from ${min} to ${max}`;
  return z.preprocess(emptyToUndefined, z.coerce.number({ error: expected }).int({ error: expected }).min(min, { error: expected }).max(max, { error: expected }).default(fallback));
};
const bool = (fallback: boolean) =>
  z.preprocess((value) => {
    const v = emptyToUndefined(value);
    if (typeof v !== 'string') return v;
    const lower = v.toLowerCase();
    if (['true', '1', 'yes', 'on'].includes(lower)) return true;
    if (['false', '0', 'no', 'off'].includes(lower)) return false;
    return v;
  }, z.boolean({ error: 'must be true or false (or 1/0, yes/no, on/off)' }).default(fallback));
const optionalInt = (min: number, max: number) => {
  const expected = `must be a whole number from ${min} to ${max}`;
  return z.preprocess(emptyToUndefined, z.coerce.number({ error: expected }).int({ error: expected }).min(min, { error: expected }).max(max, { error: expected }).optional());
};
/** Shortest ADMIN_PASSWORD accepted: the dashboard can retry jobs and empty queues. */
export const ADMIN_PASSWORD_MIN_LENGTH = 16;
const httpUrlSchema = () => z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const httpUrl = (fallback: string) => z.preprocess(emptyToUndefined, httpUrlSchema().default(fallback));
const optionalHttpUrl = () => z.preprocess(emptyToUndefined, httpUrlSchema().optional());
const jsonRecord = (description: string) => jsonObjectSetting(z.record(z.string(), z.string(), { error: `must be a JSON object of ${description}` }).default({}));
/** HubSpot value → Sequence tax status; each value checked at start-up (as the mapper reads it), not company by company. */
const taxStatusValues = () =>
  jsonObjectSetting(
    z
      .record(z.string(), z.unknown(), { error: 'must be a JSON object of HubSpot value → TAXED | TAX_EXEMPT | REVERSE_CHARGED' })
      .superRefine((values, ctx) => {
        for (const [hubspotValue, status] of Object.entries(values)) {
          if (typeof status === 'string' && taxStatusFromText(status).success) continue;
          ctx.addIssue({ code: 'custom', path: [hubspotValue], message: `${JSON.stringify(hubspotValue)} maps to ${JSON.stringify(status)}, which is not a Sequence tax status (${TaxStatus.options.join(', ')})` });
        }
      })
      .transform((values) => values as Record<string, string>)
      .default({}),
  );
/** A comma-separated list of the integrations Sequence can push a new customer to (the schema's enum), matched case-blind. */
const pushIntegrations = z.preprocess(
  (value) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value),
  z
    .array(
      z.string().transform((name, ctx) => {
        const known = PushIntegration.options.find((o) => o.toLowerCase() === name.toLowerCase());
        if (!known) {
          ctx.addIssue({ code: 'custom', message: `${JSON.stringify(name)} is not an integration Sequence can push a new customer to; allowed: ${PushIntegration.options.join(', ')}` });
          return z.NEVER;
        }
        return known;
      }),
    )
    .default([])
    .transform((list) => [...new Set(list)]),
);
const cron = (fallback: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^\S+(\s+\S+){4,5}$/, 'must be a cron expression with 5 or 6 fields')
      .default(fallback),
  );

const PERCENT_ENCODE_HINT = 'percent-encode special characters in the user name and password (e.g. # as %23, % as %25, @ as %40, / as %2F)';

/** A REDIS_URL the Redis client can use: parseable, redis(s)://, user name and password that decode. */
function checkRedisUrl(value: string, ctx: z.RefinementCtx): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    const looksLikeRedis = /^rediss?:\/\//i.test(value);
    ctx.addIssue({ code: 'custom', message: looksLikeRedis ? `is not a valid URL; ${PERCENT_ENCODE_HINT}` : 'must be a redis:// or rediss:// URL' });
    return;
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    ctx.addIssue({ code: 'custom', message: 'must be a redis:// or rediss:// URL' });
    return;
  }
  if (!url.hostname) ctx.addIssue({ code: 'custom', message: 'must name a host (redis://host:6379)' });
  try {
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
  } catch {
    ctx.addIssue({ code: 'custom', message: `has a user name or password that is not validly percent-encoded; ${PERCENT_ENCODE_HINT}` });
  }
}

export const EnvSchema = z.object({
  // connections
  REDIS_URL: z.preprocess(emptyToUndefined, z.string().superRefine(checkRedisUrl).default('redis://127.0.0.1:6379')),
  QUEUE_PREFIX: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^[A-Za-z0-9_.:{}-]+$/, 'may contain only letters, digits and _ . : - (and a {hash tag} for Redis Cluster)')
      .refine((prefix) => !/[{}]/.test(prefix) || hashTagOf(prefix) !== undefined, 'has braces but no {hash tag} with something inside (e.g. {crm-sequence-sync})')
      .default('crm-sequence-sync'),
  ),
  REDIS_TLS_CA_FILE: optionalString,
  REDIS_TLS_CERT_FILE: optionalString,
  REDIS_TLS_KEY_FILE: optionalString,
  REDIS_CLUSTER_NODES: optionalString,
  REDIS_CLUSTER_DNS_LOOKUP: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
    z.enum(['auto', 'passthrough', 'system'], { error: 'must be auto, passthrough or system' }).default('auto'),
  ),
  HUBSPOT_ACCESS_TOKEN: optionalString,
  HUBSPOT_BASE_URL: httpUrl('https://api.hubapi.com'),
  HUBSPOT_API_VERSION: z.preprocess(
    emptyToUndefined,
    z.string().trim().regex(HUBSPOT_API_VERSION_PATTERN, 'must be a HubSpot API version, YYYY-03 or YYYY-09 (e.g. 2026-09)').default(DEFAULT_HUBSPOT_API_VERSION),
  ),
  HUBSPOT_CLIENT_SECRET: optionalString,
  HUBSPOT_WRITE_BACK: bool(true),
  SEQUENCE_CLIENT_ID: optionalString,
  SEQUENCE_CLIENT_SECRET: optionalString,
  SEQUENCE_BASE_URL: httpUrl('https://eu.sequencehq.com/api'),
  SEQUENCE_API_VERSION: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2024-07-30').default(SEQUENCE_API_VERSION),
  ),
  PORT: int(0, 65535, 3000),
  HTTP_REQUEST_TIMEOUT_MS: int(1_000, 300_000, 10_000),
  HTTP_CONNECTION_TIMEOUT_MS: int(1_000, 300_000, 10_000),
  LOG_LEVEL: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
    z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
  ),
  LOG_PRETTY: z.preprocess(emptyToUndefined, z.enum(['auto', 'true', 'false']).default('auto')),
  REDACT_CONTACT_EMAILS: bool(false),

  // worker
  WORKER_CONCURRENCY: int(1, 100, 4),
  SYNC_BATCH_SIZE: int(1, 1000, 500),
  UPSERT_CONCURRENCY: int(1, 100, 8),
  REQUEST_TIMEOUT_MS: int(100, 300_000, 15_000),
  SYNC_ATTEMPTS: int(1, 50, 6),
  RETRY_BASE_DELAY_MS: int(1, 600_000, 2_000),
  SHUTDOWN_TIMEOUT_MS: int(0, 600_000, 30_000),
  LOCK_TTL_MS: int(1_000, 600_000, 30_000),
  JOB_LOCK_MS: int(1_000, 600_000, 30_000),

  // limits
  SEQUENCE_RATE_LIMIT_PER_MINUTE: int(1, 1_000_000, 1500),
  HUBSPOT_RATE_LIMIT_PER_10S: int(1, 1_000_000, 100),
  HUBSPOT_SEARCH_RATE_LIMIT_PER_SECOND: int(1, 1000, 5),
  RATE_LIMIT_MAX_WAIT_MS: int(1_000, 86_400_000, 15 * 60_000),
  RATE_LIMIT_BACKOFF_MS: int(1, 600_000, 1_000),

  // mapping
  CUSTOMER_ALIAS_PREFIX: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^[A-Za-z0-9_.:-]+$/, 'may contain only letters, digits and _ . : -').default('hubspot-company-'),
  ),
  BILLING_CONTACT_LABEL: z.preprocess(emptyToUndefined, z.string().trim().default('Billing contact')),
  OTHER_CONTACTS_PREFERENCE: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toUpperCase() || undefined : v),
    ContactBillingPreference.default('STANDARD'),
  ),
  MAX_CONTACTS: int(1, 1000, 25),
  DEFAULT_TAX_STATUS: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toUpperCase() || undefined : v),
    TaxStatus.default('TAXED'),
  ),
  TAX_STATUS_PROPERTY: optionalString,
  TAX_STATUS_VALUES: taxStatusValues(),
  LABEL_PROPERTY: optionalString,
  CUSTOM_PROPERTIES: jsonRecord('Sequence custom property → HubSpot company property'),
  COUNTRY_INDEX_CACHE: optionalString,
  FALLBACK_BILLING_EMAIL: z.preprocess(emptyToUndefined, z.email().optional()),
  COMPANY_PROPERTY_MAP: jsonObjectSetting(
    z
      .partialRecord(z.enum(MAPPED_FIELDS, { error: `keys must be among ${MAPPED_FIELDS.join(', ')}` }), z.string().trim().min(1, 'property names must not be blank'), {
        error: `must be a JSON object of field → HubSpot company property, fields among ${MAPPED_FIELDS.join(', ')}`,
      })
      .default({}),
  ),
  // Unset or empty: the default (HubSpot owns every field); JSON null is refused like in the other JSON settings.
  FIELD_OWNERSHIP: jsonObjectSetting(FieldOwnershipSetting.prefault({})),
  PARENT_CUSTOMERS: bool(false),
  PUSH_TO_INTEGRATIONS: pushIntegrations,

  // billing scope: which companies get a customer created (config/billing-scope.ts)
  BILLING_SCOPE: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default(DEFAULT_BILLING_SCOPE)
      .transform((text, ctx) => {
        const parsed = parseScopeSetting(text);
        if (parsed.ok) return parsed.value;
        ctx.addIssue({ code: 'custom', message: parsed.message });
        return z.NEVER;
      }),
  ),
  BILLING_SCOPE_PIPELINES: z.preprocess(emptyToUndefined, z.string().optional().transform(parsePipelineList)),

  // triggers
  WEBHOOK_PUBLIC_URL: optionalHttpUrl(),
  TRUST_PROXY: bool(false),
  WEBHOOK_DEBOUNCE_MS: int(0, 600_000, 1_000),
  WEBHOOK_MAX_BODY_BYTES: int(1_024, 50 * 1024 * 1024, 1024 * 1024),
  WEBHOOK_MAX_INFLIGHT_BYTES: int(1_024, 1024 * 1024 * 1024, 16 * 1024 * 1024),
  WEBHOOK_ACCEPT_V1_V2: bool(false),
  ARCHIVE_ON_DELETE: bool(true),
  RECONCILE_CRON: cron('*/15 * * * *'),
  FULL_RECONCILE_CRON: cron('0 3 * * *'),
  RECONCILE_TZ: z.preprocess(emptyToUndefined, z.string().default('UTC')),
  RECONCILE_LOOKBACK_MS: int(0, 7 * 86_400_000, 10 * 60_000),
  SCHEDULE_REASSERT_MS: int(100, 3_600_000, 30_000),

  // operations
  ADMIN_PASSWORD: z.preprocess(
    emptyToUndefined,
    z.string().trim().min(ADMIN_PASSWORD_MIN_LENGTH, `must be at least ${ADMIN_PASSWORD_MIN_LENGTH} characters`).optional(),
  ),
  ADMIN_PORT: optionalInt(1, 65535),
});
export type Env = z.infer<typeof EnvSchema>;

/** Groups of settings a command needs; each one lists the variables that become required. */
export const REQUIREMENTS = {
  hubspot: ['HUBSPOT_ACCESS_TOKEN'],
  sequence: ['SEQUENCE_CLIENT_ID', 'SEQUENCE_CLIENT_SECRET'],
  webhooks: ['HUBSPOT_CLIENT_SECRET'],
} as const satisfies Record<string, readonly (keyof Env)[]>;
export type Requirement = keyof typeof REQUIREMENTS;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const isSecret = (name: string) => (SECRET_VARIABLES as readonly string[]).includes(name);
/** Variables shown in messages only with their credentials masked. */
const URL_WITH_CREDENTIALS = new Set(['REDIS_URL']);

function describeIssue(issue: z.core.$ZodIssue, raw: Record<string, string | undefined>): string {
  const name = String(issue.path[0] ?? '(environment)');
  const value = raw[name];
  let message = issue.message;
  if (issue.code === 'invalid_type' && value === undefined) message = 'is required';
  const visible = value !== undefined && URL_WITH_CREDENTIALS.has(name) ? maskUrlCredentials(value) : value;
  const shown = visible === undefined || isSecret(name) ? '' : ` (got ${JSON.stringify(visible.length > 80 ? `${visible.slice(0, 80)}…` : visible)})`;
  return `${name}: ${message}${shown}`;
}

/** Problems that involve two settings at once. */
function crossChecks(env: Env): string[] {
  const problems: string[] = [];
  if (env.WEBHOOK_MAX_INFLIGHT_BYTES < env.WEBHOOK_MAX_BODY_BYTES) {
    problems.push(`WEBHOOK_MAX_INFLIGHT_BYTES: must be at least WEBHOOK_MAX_BODY_BYTES (${env.WEBHOOK_MAX_BODY_BYTES}), or no body of the largest size is ever accepted (got ${env.WEBHOOK_MAX_INFLIGHT_BYTES})`);
  }
  if (env.ADMIN_PORT !== undefined && env.ADMIN_PORT === env.PORT) {
    problems.push(`ADMIN_PORT: must differ from PORT (${env.PORT}), the dashboard is meant to be off the public port`);
  }
  if (env.BILLING_SCOPE_PIPELINES.length && env.BILLING_SCOPE.kind !== 'closed-won') {
    problems.push(`BILLING_SCOPE_PIPELINES: only applies to BILLING_SCOPE=closed-won (BILLING_SCOPE is ${env.BILLING_SCOPE.kind}); unset it or use closed-won`);
  }
  if (env.ADMIN_PORT !== undefined && env.ADMIN_PASSWORD === undefined) {
    problems.push('ADMIN_PORT: set, but ADMIN_PASSWORD is not: the dashboard needs a password');
  }
  problems.push(...redisSettingsFromEnv(env).problems);
  return problems;
}

/**
 * Parses the given environment. Throws a ConfigError listing every problem, or returns the typed
 * settings. `needs` makes the credentials of the named services required.
 */
export function parseEnv(raw: Record<string, string | undefined>, needs: readonly Requirement[] = []): Env {
  const result = EnvSchema.safeParse(raw);
  const problems: string[] = [];
  if (!result.success) problems.push(...result.error.issues.map((issue) => describeIssue(issue, raw)));
  for (const need of needs) {
    for (const name of REQUIREMENTS[need]) {
      const value = raw[name];
      if (value === undefined || value.trim() === '') problems.push(`${name}: is required (${need} credentials)`);
    }
  }
  if (result.success) problems.push(...crossChecks(result.data));
  if (problems.length || !result.success) throw new ConfigError([...new Set(problems)]);
  return result.data;
}
