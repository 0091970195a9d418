/**
 * One line of documentation per setting. A test checks that every variable of the schema is listed
 * here and in docs/configuration.md and .env.example, so the docs cannot fall behind the code.
 */
import type { Env } from './env';

export interface SettingDoc {
  group: 'Connections' | 'Worker' | 'Limits' | 'Mapping' | 'Billing scope' | 'Triggers' | 'Operations';
  default: string;
  meaning: string;
}

export const SETTINGS: Record<keyof Env, SettingDoc> = {
  REDIS_URL: { group: 'Connections', default: 'redis://127.0.0.1:6379', meaning: 'Redis holding the queues, links, failures and rate limits' },
  QUEUE_PREFIX: { group: 'Connections', default: 'crm-sequence-sync', meaning: 'Prefix of every Redis key (BullMQ and ours); separate installations need separate prefixes. On Redis Cluster it must hold a {hash tag}, e.g. {crm-sequence-sync}' },
  REDIS_TLS_CA_FILE: { group: 'Connections', default: '(unset: the system CAs)', meaning: 'PEM file of the private certificate authority that signed the Redis server\'s certificate (REDIS_URL must be rediss://)' },
  REDIS_TLS_CERT_FILE: { group: 'Connections', default: '(unset)', meaning: 'PEM client certificate, for a Redis that asks for one (with REDIS_TLS_KEY_FILE)' },
  REDIS_TLS_KEY_FILE: { group: 'Connections', default: '(unset)', meaning: 'PEM private key of the client certificate (with REDIS_TLS_CERT_FILE)' },
  REDIS_CLUSTER_NODES: { group: 'Connections', default: '(unset: found by asking REDIS_URL)', meaning: 'Redis Cluster seed nodes, host:port,host:port; user, password and TLS come from REDIS_URL. Unset, a server that says cluster_enabled:1 is used as a cluster all the same. A cluster needs a {hash tag} in QUEUE_PREFIX' },
  REDIS_CLUSTER_DNS_LOOKUP: { group: 'Connections', default: 'auto', meaning: 'How cluster node host names are resolved: passthrough (handed to TLS as they are, what ElastiCache with TLS needs), system (resolved first), auto (passthrough with rediss://)' },
  HUBSPOT_ACCESS_TOKEN: { group: 'Connections', default: '(required for worker)', meaning: "HubSpot access token: the project app's static token, a service key, or a legacy private app's token" },
  HUBSPOT_BASE_URL: { group: 'Connections', default: 'https://api.hubapi.com', meaning: 'HubSpot API base URL' },
  HUBSPOT_API_VERSION: { group: 'Connections', default: '2026-09', meaning: 'HubSpot date-based API version in every path (/crm/objects/<version>/...); tested: 2026-03, 2026-09; another YYYY-03/YYYY-09 works with a start-up warning' },
  HUBSPOT_CLIENT_SECRET: { group: 'Connections', default: '(required for webhooks)', meaning: "The app's client secret, used to verify webhook signatures" },
  HUBSPOT_WRITE_BACK: {
    group: 'Connections',
    default: 'true',
    meaning:
      "Write each company's billing state back to HubSpot: Sequence customer id, billing status, the problems that keep it from being billed, when Sequence was last written (properties in the group sequence_billing, created at start-up). Needs crm.objects.companies.write and crm.schemas.companies.write; false: read-only",
  },
  SEQUENCE_CLIENT_ID: { group: 'Connections', default: '(required for worker)', meaning: 'Sequence API client id' },
  SEQUENCE_CLIENT_SECRET: { group: 'Connections', default: '(required for worker)', meaning: 'Sequence API client secret' },
  SEQUENCE_BASE_URL: { group: 'Connections', default: 'https://eu.sequencehq.com/api', meaning: 'Sequence API base URL (sandbox: https://sandbox.sequencehq.com/api)' },
  SEQUENCE_API_VERSION: { group: 'Connections', default: '2024-07-30', meaning: 'Value of the Sequence-Version header' },
  PORT: { group: 'Operations', default: '3000', meaning: 'HTTP port for webhooks, health, metrics and the dashboard' },
  LOG_LEVEL: { group: 'Operations', default: 'info', meaning: 'fatal, error, warn, info, debug, trace or silent' },
  LOG_PRETTY: { group: 'Operations', default: 'auto', meaning: 'Pretty logs: auto (on a terminal), true or false (JSON)' },
  REDACT_CONTACT_EMAILS: { group: 'Operations', default: 'false', meaning: 'Replace contact emails in logs with [redacted]' },
  ADMIN_PASSWORD: { group: 'Operations', default: '(unset: no dashboard)', meaning: 'Enables the queue dashboard at /admin/queues behind basic auth (user admin); at least 16 characters; 10 failed logins per minute per client address (IPv6: per /64), 100 from all addresses together, then 429' },
  ADMIN_PORT: { group: 'Operations', default: '(unset: dashboard on PORT)', meaning: 'Serve the dashboard on this port instead (a separate listener, keep it off the public network); PORT then has no dashboard' },
  HTTP_REQUEST_TIMEOUT_MS: { group: 'Operations', default: '10000', meaning: 'A request (headers and body) must arrive within this, else the connection is closed (408)' },
  HTTP_CONNECTION_TIMEOUT_MS: { group: 'Operations', default: '10000', meaning: 'A connection silent this long in the middle of a request is closed' },
  WORKER_CONCURRENCY: { group: 'Worker', default: '4', meaning: 'Jobs one worker process runs at once' },
  SYNC_BATCH_SIZE: { group: 'Worker', default: '500', meaning: 'Companies per sync job (1-1000); larger batches mean fewer HubSpot calls per company (use a multiple of 100)' },
  UPSERT_CONCURRENCY: { group: 'Worker', default: '8', meaning: 'Companies of one job written to Sequence at once' },
  REQUEST_TIMEOUT_MS: { group: 'Worker', default: '15000', meaning: 'Deadline of every HubSpot and Sequence request, the whole answer included (one that arrives a byte at a time is given up and its connection closed), in the worker and in check' },
  SYNC_ATTEMPTS: { group: 'Worker', default: '6', meaning: 'Attempts for temporary failures (5xx, timeouts) before a company is recorded as failed' },
  RETRY_BASE_DELAY_MS: { group: 'Worker', default: '2000', meaning: 'First retry delay; doubles per attempt, with jitter, up to 10 minutes' },
  SHUTDOWN_TIMEOUT_MS: { group: 'Worker', default: '30000', meaning: 'On SIGTERM, how long active jobs may take to finish' },
  LOCK_TTL_MS: { group: 'Worker', default: '30000', meaning: 'Expiry of the per-company lock (renewed while held)' },
  JOB_LOCK_MS: { group: 'Worker', default: '30000', meaning: 'BullMQ job lock; a job whose worker died is picked up again after about this long' },
  SEQUENCE_RATE_LIMIT_PER_MINUTE: { group: 'Limits', default: '1500', meaning: 'Sequence calls per minute, shared by all workers' },
  HUBSPOT_RATE_LIMIT_PER_10S: { group: 'Limits', default: '100', meaning: 'HubSpot calls per 10 seconds, shared by all workers (190 on Pro/Enterprise)' },
  HUBSPOT_SEARCH_RATE_LIMIT_PER_SECOND: { group: 'Limits', default: '5', meaning: 'HubSpot search calls per second' },
  RATE_LIMIT_MAX_WAIT_MS: { group: 'Limits', default: '900000', meaning: 'Longest a job may be held back by 429s before its companies are recorded as failed' },
  RATE_LIMIT_BACKOFF_MS: { group: 'Limits', default: '1000', meaning: 'Pause after a 429 without Retry-After; doubles with each 429 in a row, up to a minute' },
  CUSTOMER_ALIAS_PREFIX: { group: 'Mapping', default: 'hubspot-company-', meaning: "Prefix of each customer's alias (<prefix><companyId>), the key that prevents duplicates" },
  BILLING_CONTACT_LABEL: { group: 'Mapping', default: 'Billing contact', meaning: 'Association label marking the PRIMARY billing contact' },
  OTHER_CONTACTS_PREFERENCE: { group: 'Mapping', default: 'STANDARD', meaning: 'Billing preference of the other contacts (STANDARD or NONE)' },
  MAX_CONTACTS: { group: 'Mapping', default: '25', meaning: 'Most contacts sent per customer (the PRIMARY one is always kept)' },
  DEFAULT_TAX_STATUS: { group: 'Mapping', default: 'TAXED', meaning: 'Tax status when the tax property is empty or not configured' },
  TAX_STATUS_PROPERTY: { group: 'Mapping', default: '(unset)', meaning: 'Company property holding the tax status' },
  TAX_STATUS_VALUES: { group: 'Mapping', default: '{}', meaning: 'JSON map of that property\'s values to TAXED / TAX_EXEMPT / REVERSE_CHARGED, e.g. {"Exempt":"TAX_EXEMPT"}' },
  LABEL_PROPERTY: { group: 'Mapping', default: '(unset)', meaning: "Company property copied to the customer's label" },
  COUNTRY_INDEX_CACHE: {
    group: 'Operations',
    default: '(unset: node_modules/.cache/crm-sequence-sync, else a private temp folder)',
    meaning: 'Folder of the country index snapshot that lets a worker start in milliseconds (keyed by Node/ICU/CLDR versions and the index data; rebuilt live when stale or corrupt); off = always build live',
  },
  CUSTOM_PROPERTIES: { group: 'Mapping', default: '{}', meaning: 'JSON map of Sequence custom property → HubSpot company property, e.g. {"industry":"industry"}' },
  FALLBACK_BILLING_EMAIL: { group: 'Mapping', default: '(unset)', meaning: 'Billing email used for companies without a usable contact; unset means they cannot be billed' },
  COMPANY_PROPERTY_MAP: { group: 'Mapping', default: '{}', meaning: 'JSON map of field → HubSpot company property, to read e.g. the legal name from a custom property: {"legalName":"legal_name"}. Fields: legalName, line1, line2, town, postcode, state, country, website, domain' },
  FIELD_OWNERSHIP: { group: 'Mapping', default: '{}', meaning: 'JSON map of field group → owner: hubspot (written whenever it differs), create-only (written at creation, then Sequence owns it) or fill-empty (written only where Sequence\'s value is empty), e.g. {"address":"create-only","contacts":"fill-empty"}. Groups: legalName, address, url, label, taxStatus, contacts, customProperties, parent (with PARENT_CUSTOMERS). See docs/field-ownership.md' },
  PARENT_CUSTOMERS: {
    group: 'Mapping',
    default: 'false',
    meaning:
      "A company's HubSpot parent company becomes its customer's parent in Sequence (parentId): the parent is synced first, even when it is outside BILLING_SCOPE, chains are followed to the top, a cycle is refused as a problem naming the companies. Off: a parent set by hand in Sequence is kept",
  },
  PUSH_TO_INTEGRATIONS: { group: 'Mapping', default: '(none)', meaning: 'Comma-separated integrations Sequence also creates each new customer in (pushToIntegrations, sent on creation only); the schema allows: Xero' },
  BILLING_SCOPE: {
    group: 'Billing scope',
    default: 'closed-won',
    meaning:
      'Which companies get a customer created: closed-won (a deal in a won stage: closed, probability 1.0), lifecycle:<stage>[,<stage>…] (e.g. lifecycle:customer,evangelist), property:<name> (a checkbox or boolean company property is true) or all (every company). Companies already linked to a customer keep being updated whatever the scope; none is ever archived for leaving it. See docs/billing-scope.md',
  },
  BILLING_SCOPE_PIPELINES: { group: 'Billing scope', default: '(unset: every pipeline)', meaning: 'closed-won only: the deal pipelines whose won stages count, by id or label, comma-separated (e.g. default,Renewals)' },
  WEBHOOK_PUBLIC_URL: { group: 'Triggers', default: '(rebuilt from the request)', meaning: 'Public URL HubSpot posts webhooks to (what it signs); set it behind proxies that rewrite paths' },
  TRUST_PROXY: { group: 'Triggers', default: 'false', meaning: 'Without WEBHOOK_PUBLIC_URL, rebuild the signed URL from X-Forwarded-Proto/-Host (true only behind a proxy that sets them); otherwise from the Host header' },
  WEBHOOK_DEBOUNCE_MS: { group: 'Triggers', default: '1000', meaning: 'Events for one company within this window after its first event become one sync' },
  WEBHOOK_MAX_BODY_BYTES: { group: 'Triggers', default: '1048576', meaning: 'Largest webhook body accepted (413 above)' },
  WEBHOOK_MAX_INFLIGHT_BYTES: { group: 'Triggers', default: '16777216', meaning: 'Webhook body bytes held in memory across all requests at once; above it new requests get 503 with Retry-After' },
  WEBHOOK_ACCEPT_V1_V2: { group: 'Triggers', default: 'false', meaning: 'Also accept the older v1/v2 signatures (X-HubSpot-Signature)' },
  ARCHIVE_ON_DELETE: { group: 'Triggers', default: 'true', meaning: 'Archive the customer when its company is deleted in HubSpot' },
  RECONCILE_CRON: { group: 'Triggers', default: '*/15 * * * *', meaning: 'Schedule of incremental reconciliation' },
  FULL_RECONCILE_CRON: { group: 'Triggers', default: '0 3 * * *', meaning: 'Schedule of full reconciliation' },
  RECONCILE_TZ: { group: 'Triggers', default: 'UTC', meaning: 'Time zone of the schedules' },
  RECONCILE_LOOKBACK_MS: { group: 'Triggers', default: '600000', meaning: 'Incremental runs look back this far before the last checkpoint (search index lag, clock skew)' },
  SCHEDULE_REASSERT_MS: { group: 'Triggers', default: '30000', meaning: 'How often each worker re-creates the reconciliation schedules (idempotent), so a Redis that lost its data has them back' },
};
