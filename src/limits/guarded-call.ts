/**
 * Every call to HubSpot or Sequence goes through `guardedCall`: it waits for the shared rate limit,
 * and when the API answers 429 it pauses that API for all workers and tries again once the pause is
 * over, up to a cap on the total time spent rate-limited. Other failures are thrown unchanged.
 */
import { ApiError } from '../errors';
import type { LimitedApi, RateLimiter } from './rate-limiter';

export interface CallInfo {
  service: 'sequence' | 'hubspot';
  method: string;
  /** Route pattern, e.g. `PUT /customers/:id`, so metrics stay low-cardinality. */
  route: string;
  /** HTTP status, or what happened instead of one. */
  outcome: number | 'timeout' | 'network-error';
  durationMs: number;
}

export interface CallGuard {
  limiter?: RateLimiter;
  /** Longest total wait on 429 pauses for one call before giving up with the 429. */
  maxRateLimitWaitMs: number;
  onCall?: (info: CallInfo) => void;
  signal?: AbortSignal;
}

export async function guardedCall<T>(
  guard: CallGuard | undefined,
  api: LimitedApi,
  describe: { method: string; route: string },
  fn: () => Promise<{ status: number; value: T }>,
): Promise<T> {
  const service = api === 'sequence' ? 'sequence' : 'hubspot';
  const deadline = Date.now() + (guard?.maxRateLimitWaitMs ?? 0);
  for (;;) {
    if (guard?.limiter) {
      await guard.limiter.acquire(api, { maxWaitMs: Math.max(0, deadline - Date.now()), signal: guard.signal });
    }
    const started = performance.now();
    try {
      const { status, value } = await fn();
      guard?.onCall?.({ service, ...describe, outcome: status, durationMs: performance.now() - started });
      if (guard?.limiter) await guard.limiter.reportSuccess(api);
      return value;
    } catch (error) {
      const outcome = error instanceof ApiError ? (error.status ?? (error.timedOut ? 'timeout' : 'network-error')) : 'network-error';
      guard?.onCall?.({ service, ...describe, outcome, durationMs: performance.now() - started });
      if (!(error instanceof ApiError) || error.kind !== 'rate-limited' || !guard?.limiter) throw error;
      // HubSpot's daily limit will not lift within a job's patience: give up at once.
      if (error.policy === 'DAILY') throw error;
      const pausedFor = await guard.limiter.reportRateLimited(api, error.retryAfterMs);
      if (Date.now() + pausedFor > deadline) throw error;
    }
  }
}
