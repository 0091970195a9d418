/** Opening the queues with the configured key prefix, and adding typed jobs to them. */
import { Queue, type JobsOptions } from 'bullmq';
import type { RedisClient } from '../redis/client';
import { syncJobOptions } from './config/sync';
import { JOB, QUEUE } from './names';
import { SyncCompaniesPayload } from './payloads';

export interface Queues {
  sync: Queue;
  reconcile: Queue;
  close(): Promise<void>;
}

/** `onError` hears connection errors (BullMQ reports them as events; unheard, they end up on stderr). */
export function openQueues(connection: RedisClient, prefix: string, attempts: number, onError: (error: Error) => void = () => undefined): Queues {
  const sync = new Queue(QUEUE.sync, { connection, prefix, defaultJobOptions: syncJobOptions(attempts) });
  const reconcile = new Queue(QUEUE.reconcile, {
    connection,
    prefix,
    // A failed run resumes from its checkpoint, so retrying soon is cheap.
    defaultJobOptions: { attempts: 5, backoff: { type: 'exponential', delay: 5_000 }, removeOnComplete: { count: 200 }, removeOnFail: { count: 200 } },
  });
  sync.on('error', onError);
  reconcile.on('error', onError);
  return {
    sync,
    reconcile,
    async close() {
      await Promise.all([sync.close(), reconcile.close()]);
    },
  };
}

/** Adds one sync job (payload validated here, so a bad enqueue fails at the caller). */
export function addSyncJob(queues: Pick<Queues, 'sync'>, payload: SyncCompaniesPayload, options: JobsOptions = {}) {
  return queues.sync.add(JOB.syncCompanies, SyncCompaniesPayload.parse(payload), options);
}
