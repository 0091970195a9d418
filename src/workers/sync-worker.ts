/**
 * The BullMQ worker of the sync queue: routes each job to its processor, retries with jittered
 * exponential backoff, and stops taking jobs when an API refuses our credentials.
 */
import { hostname } from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { ApiError } from '../errors';
import { SYNC_BACKOFF } from '../queue/config/sync';
import { AUTH_FAILURES_TTL_SECONDS, authFailuresKey, type AuthFailureRecord } from '../queue/keys';
import { QUEUE } from '../queue/names';
import { backoffDelay } from '../retry/backoff';
import type { Services } from '../services';
import type { SyncDeps } from '../sync/sync-companies';
import { RunStore } from '../reconcile/runs';
import { PendingChanges } from '../triggers/pending';
import { ArchiveCompaniesProcessor } from './processors/archive-companies';
import { MergeCompaniesProcessor } from './processors/merge-companies';
import { ResolveContactsProcessor } from './processors/resolve-contacts';
import { ResolveDealsProcessor } from './processors/resolve-deals';
import { SyncCompaniesProcessor } from './processors/sync-companies';
import { ProcessorRegistry } from './registry';
import { ActiveJobs } from './active-jobs';

export interface SyncWorkerOptions {
  concurrency?: number;
  onOutcome?: SyncDeps['onOutcome'];
  /** Where the jobs being run are tracked (for the shutdown report). */
  activeJobs?: ActiveJobs;
}

export interface SyncWorkerControl {
  rateLimit(ms: number): Promise<void>;
  stopForAuthFailure(error: ApiError): Promise<void>;
}

export interface RunningSyncWorker {
  worker: Worker;
  /** Set once an API refused our credentials; the worker takes no more jobs. */
  readonly authFailure?: ApiError;
  close(): Promise<void>;
}

const WORKER_ID = `${hostname()}:${process.pid}`;

export function syncDeps(services: Services, onOutcome?: SyncDeps['onOutcome']): SyncDeps {
  return {
    gateway: services.gateway,
    sequence: services.sequence,
    links: services.links,
    index: services.index,
    failures: services.failures,
    locks: services.locks,
    mapping: services.config.mapping,
    scope: services.config.scope,
    logger: services.logger,
    upsertConcurrency: services.config.worker.upsertConcurrency,
    writeBack: services.writeBack,
    onOutcome,
  };
}

export async function startSyncWorker(services: Services, options: SyncWorkerOptions = {}): Promise<RunningSyncWorker> {
  const { config, logger, redis } = services;
  const prefix = config.redis.prefix;
  let authFailure: ApiError | undefined;
  let worker: Worker | undefined;
  const active = options.activeJobs ?? new ActiveJobs();

  const control: SyncWorkerControl = {
    async rateLimit(ms) {
      await worker?.rateLimit(ms);
    },
    async stopForAuthFailure(error) {
      if (authFailure) return;
      authFailure = error;
      // Stop taking jobs first; the log line and the status record follow.
      void worker?.pause(true);
      const variables = error.service === 'sequence' ? 'SEQUENCE_CLIENT_ID / SEQUENCE_CLIENT_SECRET' : 'HUBSPOT_ACCESS_TOKEN';
      logger.fatal(
        { api: error.service, status: error.status, reason: error.serverMessage },
        `${error.service} refused our credentials (${error.status}); check ${variables}. The worker stopped taking jobs; restart it once fixed.`,
      );
      const record: AuthFailureRecord = { service: error.service, status: error.status, at: new Date().toISOString(), worker: WORKER_ID };
      // Bounded in age: a worker killed while stopped never removes its entry.
      await redis.multi().hset(authFailuresKey(prefix), WORKER_ID, JSON.stringify(record)).expire(authFailuresKey(prefix), AUTH_FAILURES_TTL_SECONDS).exec();
    },
  };

  const deps = syncDeps(services, options.onOutcome);
  const archiveOnDelete = config.env.ARCHIVE_ON_DELETE;
  const registry = new ProcessorRegistry()
    .register(new SyncCompaniesProcessor(deps, control, { maxRateLimitedMs: config.limits.maxRateLimitWaitMs, runs: new RunStore(redis, prefix) }))
    .register(new ArchiveCompaniesProcessor({ ...services, mapping: config.mapping, onOutcome: options.onOutcome }, archiveOnDelete))
    .register(new MergeCompaniesProcessor({ ...services, mapping: config.mapping, archiveOnDelete, onOutcome: options.onOutcome }, deps, new PendingChanges(redis, prefix)))
    .register(new ResolveContactsProcessor(services.gateway, services.links, new PendingChanges(redis, prefix)))
    .register(new ResolveDealsProcessor(services.gateway, new PendingChanges(redis, prefix), config.scope));


  worker = new Worker(
    QUEUE.sync,
    async (job: Job, token?: string) => {
      const processor = registry.get(job.name);
      if (!processor) throw new UnrecoverableError(`no processor for job name "${job.name}" (known: ${registry.names().join(', ')})`);
      return active.track(job, () => processor.process(job, token));
    },
    {
      connection: redis,
      prefix,
      concurrency: options.concurrency ?? config.worker.concurrency,
      maxStalledCount: 5,
      lockDuration: config.worker.jobLockMs,
      stalledInterval: config.worker.jobLockMs,
      settings: {
        backoffStrategy: (attemptsMade: number, type?: string) =>
          type === SYNC_BACKOFF || type === undefined
            ? backoffDelay(attemptsMade, { baseMs: config.worker.retryBaseDelayMs, maxMs: 10 * 60_000 })
            : 0,
      },
    },
  );
  worker.on('failed', (job, err) => {
    if (!job) return;
    const willRetry = job.attemptsMade < (job.opts.attempts ?? 1) && !(err instanceof UnrecoverableError);
    logger.warn({ jobId: job.id, job: job.name, attempt: job.attemptsMade, willRetry, err: err.message }, willRetry ? 'job will be retried' : 'job failed');
  });
  worker.on('error', (err) => logger.error({ err: err.message }, 'worker error'));
  await worker.waitUntilReady();

  return {
    worker,
    get authFailure() {
      return authFailure;
    },
    async close() {
      await worker?.close();
      await redis.hdel(authFailuresKey(prefix), WORKER_ID).catch(() => undefined);
    },
  };
}
