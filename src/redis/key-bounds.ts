/**
 * Every key this service (and BullMQ for it) writes under QUEUE_PREFIX, with what bounds it: an
 * expiry (`ttl`: Redis drops it) or a count (`count`: how many there can be, and what keeps it there).
 * Managed Redis is priced by the gigabyte, so nothing may grow without one. `status` sums memory by
 * these kinds; a test fails on a key that matches none of them, or on a `ttl` key without an expiry;
 * docs/operations.md lists them.
 */
import { mastersOf, type RedisClient } from './client';
import { escapeGlob } from './keys';

export interface KeyKind {
  /** Short name, as `status` shows it. */
  name: string;
  /** The key without `prefix:`, as docs/operations.md writes it. */
  shape: string;
  /** Matched against the key without `prefix:`. */
  pattern: RegExp;
  bound: 'ttl' | 'count';
  /** What the bound is. */
  limit: string;
}

const QUEUE = '(sync|reconcile)';
/** A job id: ours carry no ':'; a scheduler's jobs are repeat:<scheduler id>:<time>. */
const JOB_ID = '(repeat:[^:]+:\\d+|[^:]+)';

export const KEY_KINDS: readonly KeyKind[] = [
  // ---- BullMQ's, per queue (sync, reconcile) ----
  { name: 'finished jobs list', shape: '<queue>:completed, <queue>:failed', pattern: new RegExp(`^${QUEUE}:(completed|failed)$`), bound: 'count', limit: 'sync: completed jobs for 24 h and at most 5,000, failed ones for 14 days and at most 1,000; reconcile: 200 of each' },
  { name: 'jobs', shape: '<queue>:<job id>', pattern: new RegExp(`^${QUEUE}:(?!(completed|failed|wait|paused|active|prioritized|delayed|pc|marker|stalled|stalled-check|waiting-children|id|meta|events|limiter|repeat|de)$)${JOB_ID}$`), bound: 'count', limit: 'one per job waiting, running or kept as finished (above); a finished company job (sync, merge) keeps its ids, counts and failures: about 0.03 KiB per company; a finished resolve job its counts' },
  { name: 'job locks', shape: '<queue>:<job id>:lock', pattern: new RegExp(`^${QUEUE}:${JOB_ID}:lock$`), bound: 'ttl', limit: 'JOB_LOCK_MS, renewed while the job runs' },
  { name: 'job logs', shape: '<queue>:<job id>:logs', pattern: new RegExp(`^${QUEUE}:${JOB_ID}:logs$`), bound: 'count', limit: 'removed with their job' },
  { name: 'queue state', shape: '<queue>:wait, :paused, :active, :prioritized, :delayed, :pc, :marker, :stalled, :waiting-children, :id, :meta', pattern: new RegExp(`^${QUEUE}:(wait|paused|active|prioritized|delayed|pc|marker|stalled|waiting-children|id|meta)$`), bound: 'count', limit: 'the jobs queued now: webhooks are drained in batches, a reconciliation waits while 2 × WORKER_CONCURRENCY (at least 4) batches are waiting' },
  { name: 'queue events', shape: '<queue>:events', pattern: new RegExp(`^${QUEUE}:events$`), bound: 'count', limit: 'a stream BullMQ trims to about 10,000 entries' },
  { name: 'queue timers', shape: '<queue>:stalled-check, <queue>:limiter, <queue>:de:<id>', pattern: new RegExp(`^${QUEUE}:(stalled-check|limiter|de:.+)$`), bound: 'ttl', limit: 'BullMQ sets their expiry (the stall check interval, a rate-limit pause)' },
  { name: 'schedules', shape: 'reconcile:repeat, reconcile:repeat:<id>', pattern: /^reconcile:repeat(:[^:]+)?$/, bound: 'count', limit: 'the two reconciliation schedules' },
  // ---- ours ----
  { name: 'accounts', shape: 'accounts', pattern: /^accounts$/, bound: 'count', limit: 'one hash: the Sequence account and HubSpot portal the prefix serves, and when they were recorded' },
  { name: 'links', shape: 'links', pattern: /^links$/, bound: 'count', limit: 'one entry per company synced (a deleted company keeps its archived link, so it is not archived twice)' },
  { name: 'write-back state', shape: 'write-back', pattern: /^write-back$/, bound: 'count', limit: 'one hash: companies written, errors, the last error and a missing write scope (HUBSPOT_WRITE_BACK)' },
  { name: 'failure index', shape: 'failures', pattern: /^failures$/, bound: 'count', limit: 'one entry per company failing now; removed when it syncs or is gone from HubSpot' },
  { name: 'customer index', shape: 'customer-index, customer-index:duplicates, customer-index:built-at', pattern: /^customer-index(:duplicates|:built-at)?$/, bound: 'count', limit: 'one entry per Sequence customer with a HubSpot id; replaced by each build' },
  { name: 'customer index build', shape: 'customer-index:building, customer-index:staging:*', pattern: /^customer-index:(building|staging:.+)$/, bound: 'ttl', limit: 'the build lock; staging keys an hour after the last page of a build that died' },
  { name: 'customer listing', shape: 'customer-listing, customer-listing:aliases, customer-listing:at', pattern: /^customer-listing(:aliases|:at)?$/, bound: 'ttl', limit: '2 hours, dropped when the full run ends' },
  { name: 'company locks', shape: 'lock:company:<id>', pattern: /^lock:company:\d+$/, bound: 'ttl', limit: 'LOCK_TTL_MS, renewed while held' },
  { name: 'rate limits', shape: 'ratelimit:<api>:tat, :pause, :strikes', pattern: /^ratelimit:[a-z-]+:(tat|pause|strikes)$/, bound: 'ttl', limit: 'at most a few minutes past the last call or 429' },
  { name: 'pending webhook changes', shape: 'pending:<kind>, pending:<kind>:inflight', pattern: /^pending:[a-z-]+(:inflight)?$/, bound: 'count', limit: 'one entry per company, contact or deal changed and not yet queued (drained every WEBHOOK_DEBOUNCE_MS)' },
  { name: 'webhook replay guard', shape: 'webhook:seen:<sha256>', pattern: /^webhook:seen:[0-9a-f]{64}$/, bound: 'ttl', limit: 'the window in which HubSpot may send a signature again (5 minutes for v3)' },
  { name: 'dashboard logins', shape: 'admin:login-failures:<client>, admin:login-failures-all', pattern: /^admin:login-failures(-all|:.+)$/, bound: 'ttl', limit: 'one minute (per client, and for all clients together)' },
  { name: 'stopped workers', shape: 'auth-failures', pattern: /^auth-failures$/, bound: 'ttl', limit: '7 days after the last worker stopped for refused credentials (a worker removes its own entry when it stops)' },
  { name: 'reconciliation runs', shape: 'run:<id>, run:<id>:outcomes, :failures, :changes, :calls, :seen', pattern: /^run:[^:]+(:(outcomes|failures|changes|calls|seen))?$/, bound: 'ttl', limit: 'the run record 7 days; its per-company hashes an hour after the run ends (:seen at once)' },
  { name: 'kept results', shape: 'run:<id>:results', pattern: /^run:[^:]+:results$/, bound: 'ttl', limit: 'a day; dropped once sync --wait has read them' },
  { name: 'running runs', shape: 'runs:active:<mode>', pattern: /^runs:active:(full|incremental)$/, bound: 'ttl', limit: '24 hours, dropped when the run ends' },
  { name: 'run reports', shape: 'reports', pattern: /^reports$/, bound: 'count', limit: 'the last 50 reports' },
  { name: 'checkpoint', shape: 'reconcile:incremental:since', pattern: /^reconcile:incremental:since$/, bound: 'count', limit: 'one value' },
];

export function kindOfKey(prefix: string, key: string): KeyKind | undefined {
  if (!key.startsWith(`${prefix}:`)) return undefined;
  const rest = key.slice(prefix.length + 1);
  return KEY_KINDS.find((kind) => kind.pattern.test(rest));
}

export interface KeyUsage {
  kind: string;
  keys: number;
  /** MEMORY USAGE summed; undefined where the server refused MEMORY. */
  bytes?: number;
}

/**
 * Keys and bytes under the prefix by kind, from every master (SCAN and MEMORY USAGE, a batch at a
 * time). Keys that match no kind are counted as "other".
 */
export async function keyUsage(client: RedisClient, prefix: string): Promise<KeyUsage[]> {
  const totals = new Map<string, { keys: number; bytes?: number }>();
  for (const node of mastersOf(client)) {
    let cursor = '0';
    do {
      const [next, keys] = await node.scan(cursor, 'MATCH', `${escapeGlob(prefix)}:*`, 'COUNT', 1000);
      cursor = next;
      if (!keys.length) continue;
      const pipeline = node.pipeline();
      for (const key of keys) pipeline.call('MEMORY', 'USAGE', key, 'SAMPLES', '0');
      const answers = (await pipeline.exec()) ?? [];
      keys.forEach((key, i) => {
        const name = kindOfKey(prefix, key)?.name ?? 'other';
        const total = totals.get(name) ?? { keys: 0, bytes: 0 };
        const [error, value] = answers[i] ?? [new Error('no answer'), null];
        total.keys += 1;
        total.bytes = error || total.bytes === undefined ? undefined : total.bytes + Number(value ?? 0);
        totals.set(name, total);
      });
    } while (cursor !== '0');
  }
  return [...totals].map(([kind, t]) => ({ kind, keys: t.keys, ...(t.bytes !== undefined ? { bytes: t.bytes } : {}) })).sort((a, b) => (b.bytes ?? 0) - (a.bytes ?? 0));
}
