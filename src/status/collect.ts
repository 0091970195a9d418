/**
 * What the person on call needs in one look: queue counts, running and recent reconciliations,
 * rate-limit state, credential failures, pending webhook changes, and the failure index.
 */
import type { RedisClient } from '../redis/client';
import type { Queues } from '../queue/queues';
import { RunStore, type RunReport } from '../reconcile/runs';
import type { RateLimiter, RateLimitState } from '../limits/rate-limiter';
import { PENDING_KINDS, PendingChanges, type PendingKind } from '../triggers/pending';
import type { FailureIndex, FailureRecord } from '../sync/failures';
import { readAuthFailures, type AuthFailureRecord } from '../queue/keys';
import { readDuplicateCustomers } from '../sequence/customer-index';
import { LinkStore } from '../sequence/links';
import { readSchedules, type ScheduleState } from '../reconcile/schedules';
import { readWriteBackStatus, type WriteBackStatus } from '../writeback/status';
import { keyUsage, type KeyUsage } from '../redis/key-bounds';
import { scopeText } from '../../config/billing-scope';
import { describeScope, type BillingScope } from '../scope';

const STATES = ['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized'] as const;

export interface StatusReport {
  at: string;
  prefix: string;
  queues: Record<string, Record<string, number>>;
  workers: { sync: number; reconcile: number };
  /** The reconciliation schedules and their next runs; `missing` ones will not run until a worker re-creates them. */
  schedules: ScheduleState[];
  running: { runId: string; mode: string; scanned: number; completed: number; listingDone: boolean; startedAt: string }[];
  lastReports: RunReport[];
  rateLimits: RateLimitState[];
  /** Workers that stopped because an API refused the credentials. */
  authFailures: AuthFailureRecord[];
  pending: Record<PendingKind, { waiting: number; inflight: number }>;
  failures: { count: number; items: FailureRecord[] };
  /** Companies with more than one active customer in Sequence, as of the last index build. */
  duplicateCustomers: { count: number; items: { companyId: string; customerIds: string[]; linkedCustomerId?: string }[] };
  /** The HubSpot write-back as the workers recorded it (absent until one has written or failed). */
  writeBack?: WriteBackStatus;
  /** HUBSPOT_WRITE_BACK in force, when the caller knows it. */
  writeBackOn?: boolean;
  /** Keys and bytes under the prefix by kind, from every master (src/redis/key-bounds.ts). */
  redisKeys: KeyUsage[];
  /** The billing scope in force (BILLING_SCOPE as written, and in words), when the caller knows it. */
  scope?: { setting: string; description: string };
}

export async function collectStatus(
  deps: { redis: RedisClient; queues: Queues; limiter: RateLimiter; failures: FailureIndex; prefix: string; scope?: BillingScope; writeBackOn?: boolean },
  options: { reports?: number } = {},
): Promise<StatusReport> {
  const { redis, queues, prefix } = deps;
  const runs = new RunStore(redis, prefix);
  const pending = new PendingChanges(redis, prefix);
  const queueCounts: StatusReport['queues'] = {};
  for (const queue of [queues.sync, queues.reconcile]) queueCounts[queue.name] = await queue.getJobCounts(...STATES);
  const running: StatusReport['running'] = [];
  for (const mode of ['full', 'incremental'] as const) {
    const runId = await runs.activeRunId(mode);
    const progress = runId ? await runs.progress(runId) : undefined;
    if (runId && progress) {
      running.push({ runId, mode, scanned: progress.record.scanned, completed: progress.completed, listingDone: progress.record.listingDone, startedAt: progress.record.startedAt });
    }
  }
  const authFailures = await readAuthFailures(redis, prefix);
  const items = await deps.failures.list();
  const pendingSizes = {} as StatusReport['pending'];
  for (const kind of PENDING_KINDS) pendingSizes[kind] = await pending.size(kind);
  const duplicates = await readDuplicateCustomers(redis, prefix);
  const links = await new LinkStore(redis, prefix).getMany(duplicates.items.map((d) => d.companyId));
  const duplicateItems = duplicates.items.map((item) => {
    const linkedCustomerId = links.get(item.companyId)?.customerId;
    return { ...item, ...(linkedCustomerId ? { linkedCustomerId } : {}) };
  });
  return {
    at: new Date().toISOString(),
    prefix,
    queues: queueCounts,
    workers: { sync: (await queues.sync.getWorkers()).length, reconcile: (await queues.reconcile.getWorkers()).length },
    schedules: await readSchedules(queues.reconcile),
    running,
    lastReports: await runs.reports(options.reports ?? 5),
    rateLimits: await Promise.all((['sequence', 'hubspot', 'hubspot-search'] as const).map((api) => deps.limiter.state(api))),
    authFailures,
    pending: pendingSizes,
    failures: { count: items.length, items },
    duplicateCustomers: { count: duplicates.count, items: duplicateItems },
    ...(await readWriteBackStatus(redis, prefix).then((writeBack) => (writeBack ? { writeBack } : {}))),
    ...(deps.writeBackOn !== undefined ? { writeBackOn: deps.writeBackOn } : {}),
    redisKeys: await keyUsage(redis, prefix),
    ...(deps.scope ? { scope: { setting: scopeText(deps.scope), description: describeScope(deps.scope) } } : {}),
  };
}
