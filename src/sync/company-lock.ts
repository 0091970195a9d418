/**
 * One worker at a time per company, across processes: a Redis lock with an expiry (so a killed
 * process cannot hold it forever), extended while the work runs, released only by its owner.
 */
import { randomUUID } from 'node:crypto';
import type { RedisClient } from '../redis/client';
import { CompanyBusyError } from '../errors';
import { sleep } from '../limits/rate-limiter';
import type { HeldWrite } from '../shared/held-write';
import { RedisScript } from '../shared/redis-script';

// Takes the lock and, in the same round trip, reads one hash field (the company's link).
// With ARGV[4], the field is set to it when unset (third answer 1), still in the same round trip.
const ACQUIRE_AND_READ = new RedisScript(`if redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then
  local v = redis.call('HGET', KEYS[2], ARGV[3])
  if not v and ARGV[4] and ARGV[4] ~= '' then redis.call('HSET', KEYS[2], ARGV[3], ARGV[4]) return {1, false, 1} end
  return {1, v, 0}
end return {0, false, 0}`, 2);
const RELEASE = new RedisScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`, 1);
// Writes a held hash field (whether or not the lock is still ours, as a plain HSET would) and releases.
const WRITE_AND_RELEASE = new RedisScript(`redis.call('HSET', KEYS[2], ARGV[2], ARGV[3]) if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`, 2);
const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

export class CompanyLocks {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly ttlMs: number,
  ) {}

  private key(companyId: string): string {
    return `${this.prefix}:lock:company:${companyId}`;
  }

  /**
   * Runs `fn` holding the company's lock; waits up to `waitMs` for it, then throws CompanyBusyError.
   * `read` names a hash field read atomically with taking the lock, handed to `fn` (null if unset);
   * with `read.setIfUnset`, an unset field is set to that value in the same round trip, and `fn` is told
   * (its second argument true; the first stays null: what was there before).
   * `writeOnRelease`: a write `fn` held back (HeldWrite) goes with the release, in the same round trip;
   * if that fails, withLock throws, as the write itself would have.
   */
  async withLock<T>(
    companyId: string,
    fn: (read: string | null, setByLock: boolean) => Promise<T>,
    options: { waitMs?: number; read?: { key: string; field: string; setIfUnset?: string }; writeOnRelease?: HeldWrite } = {},
  ): Promise<T> {
    const key = this.key(companyId);
    const token = randomUUID();
    const deadline = Date.now() + (options.waitMs ?? this.ttlMs);
    const read = options.read ?? { key: `${this.prefix}:unused`, field: companyId };
    let delay = 25;
    let value: string | null;
    let setByLock: boolean;
    for (;;) {
      const [acquired, current, set] = (await ACQUIRE_AND_READ.run(this.redis, key, read.key, token, String(this.ttlMs), read.field, options.read?.setIfUnset ?? '')) as [number, string | null, number];
      if (acquired === 1) {
        value = current ?? null;
        setByLock = set === 1;
        break;
      }
      if (Date.now() >= deadline) throw new CompanyBusyError(companyId);
      await sleep(delay);
      delay = Math.min(delay * 2, 500);
    }
    const keepAlive = setInterval(() => {
      this.redis.eval(EXTEND, 1, key, token, String(this.ttlMs)).catch(() => undefined);
    }, Math.max(250, Math.floor(this.ttlMs / 3)));
    keepAlive.unref();
    let result: T;
    try {
      result = await fn(value, setByLock);
    } catch (error) {
      clearInterval(keepAlive);
      await this.release(key, token, options.writeOnRelease).catch(() => undefined);
      throw error;
    }
    clearInterval(keepAlive);
    await this.release(key, token, options.writeOnRelease).catch((error: unknown) => {
      if (options.writeOnRelease?.value !== undefined) throw error;
    });
    return result;
  }

  private async release(key: string, token: string, held: HeldWrite | undefined): Promise<void> {
    const value = held?.value;
    if (held && value !== undefined) {
      held.value = undefined;
      await WRITE_AND_RELEASE.run(this.redis, key, held.key, token, held.field, value);
    } else {
      await RELEASE.run(this.redis, key, token);
    }
  }
}
