/**
 * Failed dashboard logins, counted in Redis so every worker process serving the dashboard sees the
 * same counts (a guesser spread over several workers or behind a load balancer gets no more tries).
 * Fixed windows: the first failure starts one, and once full the window blocks until it ends.
 *
 * - Per client: `maxFailures` per window. An IPv6 client is its /64 (one subscriber's network: anyone
 *   holding one can use a new address for every guess); an IPv4 address seen through an IPv6 socket
 *   (`::ffff:a.b.c.d`) is that IPv4 address.
 * - For everyone: `maxGlobalFailures` per window from all clients together, a ceiling for guessing
 *   spread over many addresses (a botnet, or many /64s). Past it every login waits for the window to
 *   end, the right password included: the dashboard is an operator's tool, and a short lockout of
 *   it is the price of not letting thousands of guesses through.
 * Only wrong credentials count: a request without any is not a guess.
 */
import ipaddr from 'ipaddr.js';
import type { RedisClient } from '../redis/client';

export interface LoginLimitOptions {
  maxFailures: number;
  /** Failures from all clients together per window before every login waits. */
  maxGlobalFailures: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_LIMIT: LoginLimitOptions = { maxFailures: 10, maxGlobalFailures: 100, windowMs: 60_000 };

/** The client a failure counts against: the IPv4 address, or the IPv6 address's /64 (`2001:db8:1:2::/64`). */
export function loginClientKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const parts = (parsed as ipaddr.IPv6).parts.slice(0, 4);
  return `${ipaddr.IPv6.parse(`${parts.map((p) => p.toString(16)).join(':')}::`).toString()}/64`;
}

/**
 * INCR the client's and the global count, start each window on its first failure, answer
 * [client count, client ms left, global count, global ms left]. One round trip, atomic.
 */
const RECORD_FAILURE = `
local out = {}
for i = 1, 2 do
  local n = redis.call('INCR', KEYS[i])
  local ttl = redis.call('PTTL', KEYS[i])
  if n == 1 or ttl < 0 then redis.call('PEXPIRE', KEYS[i], ARGV[1]); ttl = tonumber(ARGV[1]) end
  out[#out + 1] = n
  out[#out + 1] = ttl
end
return out
`;

export interface BlockedFor {
  /** Milliseconds to wait; 0 when the client may try now. */
  ms: number;
  /** Whose count blocks: this client's, or everyone's. */
  by?: 'client' | 'global';
}

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
    return `${this.prefix}:admin:login-failures:${loginClientKey(client)}`;
  }

  private get globalKey(): string {
    return `${this.prefix}:admin:login-failures-all`;
  }

  /** How long the client must wait before trying again (0 when it may try now), and why. */
  async blockedFor(client: string): Promise<BlockedFor> {
    const key = this.key(client);
    const replies = await this.redis.multi().get(key).pttl(key).get(this.globalKey).pttl(this.globalKey).exec().then(results(4));
    const [count, ttl, globalCount, globalTtl] = replies;
    const wait = (failures: unknown, max: number, left: unknown) =>
      Number(failures ?? 0) < max ? 0 : typeof left === 'number' && left > 0 ? left : this.options.windowMs;
    const own = wait(count, this.options.maxFailures, ttl);
    const everyone = wait(globalCount, this.options.maxGlobalFailures, globalTtl);
    if (!own && !everyone) return { ms: 0 };
    return own >= everyone ? { ms: own, by: 'client' } : { ms: everyone, by: 'global' };
  }

  /** Milliseconds the client must wait before trying again; 0 when it may try now. */
  async blockedForMs(client: string): Promise<number> {
    return (await this.blockedFor(client)).ms;
  }

  /** Counts one failure; returns the client's and everyone's failures in their windows and the ms until the client's ends. */
  async recordFailure(client: string): Promise<{ failures: number; windowLeftMs: number; globalFailures: number; globalWindowLeftMs: number }> {
    const answer: unknown = await this.redis.eval(RECORD_FAILURE, 2, this.key(client), this.globalKey, String(this.options.windowMs));
    const numbers = Array.isArray(answer) ? answer.map(Number) : [];
    if (numbers.length !== 4 || !numbers.every(Number.isFinite)) throw new Error('unexpected answer from Redis to the login-failure count');
    const [failures, windowLeftMs, globalFailures, globalWindowLeftMs] = numbers as [number, number, number, number];
    return { failures, windowLeftMs, globalFailures, globalWindowLeftMs };
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
