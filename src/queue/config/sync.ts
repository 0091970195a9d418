/** The sync queue: how its jobs are kept and retried. */
import type { DefaultJobOptions } from 'bullmq';

export const SYNC_BACKOFF = 'jittered-exponential';

export function syncJobOptions(attempts: number): DefaultJobOptions {
  return {
    attempts,
    backoff: { type: SYNC_BACKOFF },
    removeOnComplete: { age: 24 * 3600, count: 5_000 },
    // A failed job keeps its data (to be retried from the dashboard): bounded in count as well as age.
    removeOnFail: { age: 14 * 24 * 3600, count: 1_000 },
  };
}
