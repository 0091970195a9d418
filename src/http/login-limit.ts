/**
 * Failed dashboard logins per client address, counted in Redis so every worker process serving the
 * dashboard sees the same count (a guesser spread over several workers or behind a load balancer
 * gets no more tries). A fixed window: the first failure starts it, `maxFailures` within it block
 * the address until it ends. Only wrong credentials count: a request without any is not a guess.
 */
import type { RedisClient } from '../redis/client';

export interface LoginLimitOptions {
  maxFailures: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMIT: LoginLimitOptions = { maxFailures: 10, windowMs: 60_000 };

/** INCR, start the window on the first failure, answer [count, ms left]. One round trip, atomic. */
const RECORD_FAILURE = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}
`;

export class LoginLimiter {
  readonly options: LoginLimitOptions;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    options: Partial<LoginLimitOptions> = {},
  ) {
    this.options = { ...DEFAULT_LOGIN_LIMIT, ...options };
  }

  private key(client: string): string {
    return `${this.prefix}:admin:login-failures:${client}`;
  }

  /** Milliseconds the client must wait before trying again; 0 when it may try now. */
  async blockedForMs(client: string): Promise<number> {
    const [count, ttl] = await this.redis.multi().get(this.key(client)).pttl(this.key(client)).exec().then(results(2));
    const failures = Number(count ?? 0);
    if (failures < this.options.maxFailures) return 0;
    return typeof ttl === 'number' && ttl > 0 ? ttl : this.options.windowMs;
  }

  /** Counts one failure; returns the failures in the current window and the ms until it ends. */
  async recordFailure(client: string): Promise<{ failures: number; windowLeftMs: number }> {
    const answer: unknown = await this.redis.eval(RECORD_FAILURE, 1, this.key(client), String(this.options.windowMs));
    const [failures, windowLeftMs] = Array.isArray(answer) ? answer.map(Number) : [NaN, NaN];
    if (!Number.isFinite(failures) || !Number.isFinite(windowLeftMs)) throw new Error('unexpected answer from Redis to the login-failure count');
    return { failures: failures as number, windowLeftMs: windowLeftMs as number };
  }
}

/** The values of a MULTI's `n` replies; throws the first command error. */
function results(n: number) {
  return (replies: [Error | null, unknown][] | null): unknown[] => {
    if (!replies || replies.length !== n) throw new Error('Redis transaction was aborted');
    return replies.map(([err, value]) => {
      if (err) throw err;
      return value;
    });
  };
}
