/**
 * The sync path's Redis work per company, made cheaper without loosening it (issue 12): the company
 * lock's round trip also reads the link and, for a certain create, sets the pending mark; the outcome's
 * link write goes with the release; and a wide-open rate limit reserves calls in bulk while still
 * never letting more than the limit into any window. Against real Redis, under a unique prefix.
 */
import type { Redis } from 'ioredis';
import { RateLimiter } from '../../src/limits/rate-limiter';
import { HeldWrite } from '../../src/shared/held-write';
import { CompanyLocks } from '../../src/sync/company-lock';
import { suiteRedis } from '../helpers/stack';

const suite = suiteRedis('round-trips');
const prefix = suite.prefix;
let redis: Redis;

beforeAll(() => {
  redis = suite.redis();
});

/** Commands this connection sends while `fn` runs. */
async function countCommands(fn: () => Promise<void>): Promise<number> {
  const spy = jest.spyOn(redis, 'sendCommand');
  try {
    await fn();
    return spy.mock.calls.length;
  } finally {
    spy.mockRestore();
  }
}

describe('company lock round trips', () => {
  const links = `${prefix}:links`;

  it('holds the outcome write and sends it with the release: written, lock free', async () => {
    const locks = new CompanyLocks(redis, prefix, 5_000);
    // Warmed up first: a new connection's handshake and the scripts' first loads are not per company.
    const warm = new HeldWrite(links, 'c0');
    await locks.withLock('c0', async () => void (warm.value = '{}'), { read: { key: links, field: 'c0' }, writeOnRelease: warm });
    const held = new HeldWrite(links, 'c1');
    const commands = await countCommands(async () => {
      await locks.withLock(
        'c1',
        async () => {
          held.value = '{"companyId":"c1","customerId":"x"}';
        },
        { read: { key: links, field: 'c1' }, writeOnRelease: held },
      );
    });
    expect(commands).toBe(2); // take + read, write + release
    expect(await redis.hget(links, 'c1')).toBe('{"companyId":"c1","customerId":"x"}');
    expect(await redis.exists(`${prefix}:lock:company:c1`)).toBe(0);
  });

  it('a held write still lands when the work fails after holding it, and the error is kept', async () => {
    const locks = new CompanyLocks(redis, prefix, 5_000);
    const held = new HeldWrite(links, 'c2');
    await expect(
      locks.withLock(
        'c2',
        async () => {
          held.value = '{"companyId":"c2"}';
          throw new Error('boom');
        },
        { writeOnRelease: held },
      ),
    ).rejects.toThrow('boom');
    expect(await redis.hget(links, 'c2')).toBe('{"companyId":"c2"}');
    expect(await redis.exists(`${prefix}:lock:company:c2`)).toBe(0);
  });

  it('sets the field only when unset, and says so; an existing link is read, not replaced', async () => {
    const locks = new CompanyLocks(redis, prefix, 5_000);
    const seen: [string | null, boolean][] = [];
    const run = (field: string) =>
      locks.withLock(field, async (read, set) => void seen.push([read, set]), { read: { key: links, field, setIfUnset: '{"pending":true}' } });
    await redis.hset(links, 'c3', '{"companyId":"c3"}');
    await run('c3');
    await run('c4');
    expect(seen).toEqual([
      ['{"companyId":"c3"}', false],
      [null, true],
    ]);
    expect(await redis.hget(links, 'c3')).toBe('{"companyId":"c3"}');
    expect(await redis.hget(links, 'c4')).toBe('{"pending":true}');
  });

  it('a lock held elsewhere is neither taken nor is its field set', async () => {
    const locks = new CompanyLocks(redis, prefix, 5_000);
    await redis.set(`${prefix}:lock:company:c5`, 'someone-else', 'PX', 5_000);
    await expect(locks.withLock('c5', async () => undefined, { waitMs: 50, read: { key: links, field: 'c5', setIfUnset: 'x' } })).rejects.toThrow();
    expect(await redis.hexists(links, 'c5')).toBe(0);
  });
});

describe('rate limiter reservations', () => {
  it('a wide-open limit reserves calls in bulk: far fewer Redis calls than API calls', async () => {
    const limiter = new RateLimiter({ redis, keyPrefix: `${prefix}:wide`, specs: wideSpecs(1_000_000, 60_000) });
    const commands = await countCommands(async () => {
      for (let i = 0; i < 320; i += 1) await limiter.acquire('sequence');
    });
    expect(commands).toBeLessThanOrEqual(40);
  });

  it('a tight limit (the documented 1,500 a minute) still asks Redis for every call', async () => {
    const limiter = new RateLimiter({ redis, keyPrefix: `${prefix}:tight`, specs: wideSpecs(1_500, 60_000) });
    const commands = await countCommands(async () => {
      for (let i = 0; i < 10; i += 1) await limiter.acquire('sequence');
    });
    expect(commands).toBe(10);
  });

  it('reserved in bulk by two processes at once, no window ever holds more than the limit', async () => {
    // 1,200 a second: a slot under 1 ms, so reservations are bulk; 1.5 s of calls as fast as they go.
    const limit = 1_200;
    const windowMs = 1_000;
    const keyPrefix = `${prefix}:window`;
    let waits = 0;
    const limiters = [0, 1].map(() => new RateLimiter({ redis, keyPrefix, specs: wideSpecs(limit, windowMs), onWait: () => (waits += 1) }));
    const stamps: number[] = [];
    const until = performance.now() + 1_500;
    await Promise.all(
      limiters.flatMap((limiter) =>
        [0, 1, 2].map(async () => {
          while (performance.now() < until) {
            await limiter.acquire('sequence');
            stamps.push(performance.now());
          }
        }),
      ),
    );
    stamps.sort((a, b) => a - b);
    let busiest = 0;
    for (let i = 0, j = 0; i < stamps.length; i += 1) {
      while (stamps[j]! <= stamps[i]! - windowMs) j += 1;
      busiest = Math.max(busiest, i - j + 1);
    }
    expect(waits).toBeGreaterThan(0); // the limiter held callers back: the limit was reached
    expect(busiest).toBeLessThanOrEqual(limit);
  });
});

function wideSpecs(limit: number, windowMs: number) {
  return {
    sequence: { limit, windowMs },
    hubspot: { limit, windowMs },
    'hubspot-search': { limit, windowMs, burst: 1 },
  };
}
