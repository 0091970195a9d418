/**
 * The worker of the reconcile queue: one run at a time per process. A run whose process dies is
 * picked up again (stalled job) and resumes from its checkpoint, so the stall limit is generous.
 */
import { Worker } from 'bullmq';
import { QUEUE } from '../queue/names';
import { RunStore } from '../reconcile/runs';
import type { Services } from '../services';
import type { ArchiveDeps } from '../sync/archive-companies';
import { ReconcileProcessor } from './processors/reconcile';
import { ActiveJobs } from './active-jobs';

export function startReconcileWorker(services: Services, onOutcome?: ArchiveDeps['onOutcome'], active = new ActiveJobs()): Worker {
  const { config, logger } = services;
  const processor = new ReconcileProcessor(services, new RunStore(services.redis, config.redis.prefix), {
    batchSize: config.worker.batchSize,
    maxQueuedBatches: Math.max(4, config.worker.concurrency * 2),
    archiveOnDelete: config.env.ARCHIVE_ON_DELETE,
    lookbackMs: config.env.RECONCILE_LOOKBACK_MS,
    onOutcome,
  });
  const worker = new Worker(QUEUE.reconcile, (job) => active.track(job, () => processor.process(job)), {
    connection: services.redis,
    prefix: config.redis.prefix,
    concurrency: 1,
    maxStalledCount: 50,
    lockDuration: config.worker.jobLockMs,
    stalledInterval: config.worker.jobLockMs,
  });
  worker.on('failed', (job, err) => logger.warn({ jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, 'reconciliation attempt failed'));
  worker.on('error', (err) => logger.error({ err: err.message }, 'reconcile worker error'));
  return worker;
}
