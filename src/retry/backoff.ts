/**
 * Where retry is decided. Whether a failure is retried comes from the error's type (`SyncError.kind`);
 * how long to wait comes from here: exponential backoff with full jitter, capped.
 */
import { SyncError } from '../errors';
import { sleep } from '../limits/rate-limiter';

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  random?: () => number;
}

/** Delay before retry number `attempt` (1 = first retry): uniformly random in [d/2, d], d = base·2^(attempt-1), capped. */
export function backoffDelay(attempt: number, { baseMs, maxMs, random = Math.random }: BackoffOptions): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

/** Runs `fn`, retrying retryable failures in-process up to `attempts` tries in total. */
export async function retryTransient<T>(fn: () => Promise<T>, options: BackoffOptions & { attempts: number }): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= options.attempts || !(error instanceof SyncError) || error.kind !== 'retryable') throw error;
      await sleep(backoffDelay(attempt, options));
    }
  }
}
