/**
 * Client-side rate limits shared by every worker process through Redis.
 *
 * Each API has a GCRA limiter (one Redis key holding the "theoretical arrival time") that spaces
 * calls evenly, and a pause key that a 429 sets for everyone. A hand-written Lua script rather than
 * a counter library because the upstream limits are rolling windows: fixed-window counters let
 * through up to twice the limit around a window edge, which is exactly what earns 429s.
 */
import type { RedisClient } from '../redis/client';
import { ApiError } from '../errors';
import { RedisScript } from '../shared/redis-script';

export type LimitedApi = 'sequence' | 'hubspot' | 'hubspot-search';

export interface RateLimitSpec {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
  /** Calls that may go out back to back after an idle period; the sustained rate is lowered to make room for them. */
  burst?: number;
}

// Reserves up to ARGV[3] calls at once (see acquire): returns {calls granted, ms to wait when none}
// (a pause set by a 429, or the GCRA spacing). Granted calls are checked as if they all went out now and
// counted as if they went out ARGV[4] ms from now, the latest a reserved call may be used, so however
// they spread in between, no window holds more than one call per slot.
const ACQUIRE_SCRIPT = new RedisScript(`
local pause = redis.call('PTTL', KEYS[2])
if pause > 0 then return {0, pause} end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local want = tonumber(ARGV[3])
local hold = tonumber(ARGV[4])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local allowAt = tat - tolerance
if now < allowAt then return {0, math.ceil(allowAt - now)} end
local n = math.min(want, math.floor((now - allowAt) / interval) + 1)
local base = tat
if base < now + hold then base = now + hold end
local nextTat = base + n * interval
redis.call('SET', KEYS[1], tostring(nextTat), 'PX', math.ceil(nextTat - now + tolerance + 1000))
return {n, 0}
`, 2);

/**
 * Reserving calls in bulk: only for limits so wide that a call's slot is under a millisecond (an
 * unthrottled backfill makes several hundred calls a second, each otherwise a Redis round trip).
 * Reserved calls are used within the hold (RESERVE_HOLD_MS, or a quarter of the burst allowance when
 * that is shorter, as the hold is counted against it) or dropped; a tight limit (the documented 1,500
 * per minute) reserves one call at a time, exactly as before.
 */
const RESERVE_MAX_INTERVAL_MS = 1;
const RESERVE_CALLS = 32;
const RESERVE_HOLD_MS = 50;

// Sets (or extends) the pause after a 429. Without Retry-After the wait doubles with each strike.
const PAUSE_SCRIPT = `
local strikes = redis.call('INCR', KEYS[2])
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[3]))
local wait = tonumber(ARGV[1])
if wait <= 0 then
  wait = math.min(tonumber(ARGV[2]) * (2 ^ (strikes - 1)), tonumber(ARGV[4]))
end
local current = redis.call('PTTL', KEYS[1])
if current < wait then redis.call('SET', KEYS[1], tostring(wait), 'PX', math.ceil(wait)) end
return math.ceil(math.max(wait, current))
`;

export interface RateLimitState {
  api: LimitedApi;
  pausedForMs: number;
  strikes: number;
}

export interface AcquireOptions {
  /** Give up (and throw a rate-limited ApiError) rather than wait longer than this. */
  maxWaitMs?: number;
  signal?: AbortSignal;
}

export interface RateLimiterOptions {
  redis: RedisClient;
  keyPrefix: string;
  specs: Record<LimitedApi, RateLimitSpec>;
  /** First wait after a 429 that carried no Retry-After; doubles per strike. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Called whenever a caller waits, for metrics. */
  onWait?: (api: LimitedApi, ms: number, reason: 'spacing' | 'pause') => void;
}

export class RateLimiter {
  private readonly redis: RedisClient;
  private readonly keyPrefix: string;
  private readonly specs: Record<LimitedApi, RateLimitSpec>;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly onWait?: RateLimiterOptions['onWait'];
  /** APIs this process saw a 429 for; their strike count is reset by the next success. */
  private readonly struck = new Set<LimitedApi>();
  /** Calls reserved in bulk and not used yet, per API, usable until `until` (this process's clock). */
  private readonly reserved = new Map<LimitedApi, { calls: number; until: number }>();
  /** This process's callers waiting for each API, first in line first. */
  private readonly lines = new Map<LimitedApi, Turn[]>();

  constructor(options: RateLimiterOptions) {
    this.redis = options.redis;
    this.keyPrefix = options.keyPrefix;
    this.specs = options.specs;
    this.backoffBaseMs = options.backoffBaseMs ?? 1_000;
    this.backoffMaxMs = options.backoffMaxMs ?? 60_000;
    this.onWait = options.onWait;
  }

  private keys(api: LimitedApi) {
    return {
      tat: `${this.keyPrefix}:ratelimit:${api}:tat`,
      pause: `${this.keyPrefix}:ratelimit:${api}:pause`,
      strikes: `${this.keyPrefix}:ratelimit:${api}:strikes`,
    };
  }

  /**
   * GCRA parameters. A burst of b calls followed by one per interval puts at most
   * b - 1 + window / interval calls in any window, so the interval is chosen to keep that at the
   * limit, with 1% to spare for the clock and network jitter between us and the server.
   */
  private params(api: LimitedApi): { interval: number; tolerance: number } {
    const spec = this.specs[api];
    const burst = Math.max(1, Math.min(spec.burst ?? Math.floor(spec.limit / 50), spec.limit));
    const interval = (spec.windowMs / Math.max(1, spec.limit - burst + 1)) * 1.01;
    return { interval, tolerance: interval * (burst - 1) };
  }

  /**
   * Waits until one call to `api` may go out. Within a process, callers are served in the order they
   * asked: only the first in line asks Redis, the rest wait their turn. A batch that asked first
   * (say, for its contacts) is not overtaken by later batches, and waiting callers do not all poll
   * Redis at every slot.
   */
  async acquire(api: LimitedApi, options: AcquireOptions = {}): Promise<void> {
    if (this.takeReserved(api)) return;
    const started = performance.now();
    const line = this.lines.get(api) ?? [];
    this.lines.set(api, line);
    const turn = new Turn();
    line.push(turn);
    try {
      // The caller's patience holds in line too: it gives up when it runs out, not when its turn comes.
      if (line.length > 1) await turn.wait(options.signal, options.maxWaitMs, () => limitError(api, 0, 'in line behind this process\'s other calls'));
      if (this.takeReserved(api)) return;
      await this.acquireFirstInLine(api, options, performance.now() - started);
    } finally {
      line.splice(line.indexOf(turn), 1);
      line[0]?.start();
    }
  }

  private takeReserved(api: LimitedApi): boolean {
    const held = this.reserved.get(api);
    if (!held || held.calls <= 0 || performance.now() >= held.until) return false;
    held.calls -= 1;
    return true;
  }

  private async acquireFirstInLine(api: LimitedApi, options: AcquireOptions, alreadyWaited: number): Promise<void> {
    const { tat, pause } = this.keys(api);
    const { interval, tolerance } = this.params(api);
    const bulk = interval <= RESERVE_MAX_INTERVAL_MS;
    const holdMs = bulk ? Math.min(RESERVE_HOLD_MS, tolerance / 4) : 0;
    let waited = alreadyWaited;
    for (;;) {
      const asked = performance.now();
      const [granted, wait] = (await ACQUIRE_SCRIPT.run(
        this.redis,
        tat,
        pause,
        interval.toFixed(3),
        tolerance.toFixed(3),
        bulk ? RESERVE_CALLS : 1,
        holdMs.toFixed(3),
      )) as [number, number];
      if (granted > 0) {
        // Counted from when the reservation was asked for: the hold never outlasts what Redis counted.
        if (granted > 1) this.reserved.set(api, { calls: granted - 1, until: asked + holdMs });
        return;
      }
      if (options.maxWaitMs !== undefined && waited + wait > options.maxWaitMs) {
        throw limitError(api, wait, `paused for ${wait} ms by the shared ${api} rate limit`);
      }
      const pausedByServer = (await this.redis.pttl(pause)) > 0;
      this.onWait?.(api, wait, pausedByServer ? 'pause' : 'spacing');
      await sleep(wait, options.signal);
      waited += wait;
    }
  }

  /**
   * Records a 429 from the API: pauses it for every worker. Honours the server's Retry-After when
   * given, else backs off exponentially. Returns how long the API is now paused.
   */
  async reportRateLimited(api: LimitedApi, retryAfterMs?: number): Promise<number> {
    const { pause, strikes } = this.keys(api);
    this.struck.add(api);
    this.reserved.delete(api);
    const ms = await this.redis.eval(
      PAUSE_SCRIPT,
      2,
      pause,
      strikes,
      String(Math.max(0, Math.ceil(retryAfterMs ?? 0))),
      String(this.backoffBaseMs),
      String(Math.max(this.backoffMaxMs * 4, 60_000)),
      String(this.backoffMaxMs),
    );
    return Number(ms);
  }

  /** A success after 429s ends the exponential backoff streak (costs a Redis call only after a 429). */
  async reportSuccess(api: LimitedApi): Promise<void> {
    if (!this.struck.delete(api)) return;
    await this.redis.del(this.keys(api).strikes);
  }

  async state(api: LimitedApi): Promise<RateLimitState> {
    const { pause, strikes } = this.keys(api);
    const [pttl, count] = await Promise.all([this.redis.pttl(pause), this.redis.get(strikes)]);
    return { api, pausedForMs: Math.max(0, pttl), strikes: Number(count ?? 0) };
  }
}

/** The rate-limited error a caller gets when it will not wait any longer for the shared limit. */
function limitError(api: LimitedApi, retryAfterMs: number, why: string): ApiError {
  return new ApiError({
    service: api === 'sequence' ? 'sequence' : 'hubspot',
    method: '-',
    path: `(client-side ${api} limit)`,
    status: 429,
    retryAfterMs,
    body: { message: why },
  });
}

/** A caller's place in line: resolved when it becomes first. */
class Turn {
  private resolve?: () => void;
  private started = false;

  start(): void {
    this.started = true;
    this.resolve?.();
  }

  /** Resolves when this turn comes; rejects on abort, or with `expired()` once `patienceMs` have passed. */
  wait(signal?: AbortSignal, patienceMs?: number, expired?: () => Error): Promise<void> {
    if (this.started) return Promise.resolve();
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason as Error);
      let timer: NodeJS.Timeout | undefined;
      const stop = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.resolve = undefined;
      };
      const onAbort = () => {
        stop();
        reject(signal?.reason as Error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (patienceMs !== undefined && expired) {
        timer = setTimeout(() => {
          stop();
          reject(expired());
        }, patienceMs);
      }
      this.resolve = () => {
        stop();
        resolve();
      };
    });
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function rateLimitSpecsFromConfig(limits: {
  sequencePerMinute: number;
  hubspotPer10s: number;
  hubspotSearchPerSecond: number;
}): Record<LimitedApi, RateLimitSpec> {
  return {
    sequence: { limit: limits.sequencePerMinute, windowMs: 60_000 },
    hubspot: { limit: limits.hubspotPer10s, windowMs: 10_000 },
    'hubspot-search': { limit: limits.hubspotSearchPerSecond, windowMs: 1_000, burst: 1 },
  };
}
