/**
 * A process's callers wait for a rate limit in line (issue 12): they are served in the order they
 * asked, only the first in line asks Redis, and a caller that gives up (abort, patience) leaves the
 * line without holding up the rest. Against real Redis, under a unique prefix.
 */
import { ApiError } from '../../src/errors';
import { RateLimiter, sleep } from '../../src/limits/rate-limiter';
import { suiteRedis } from '../helpers/stack';

const { prefix, redis: connection } = suiteRedis('limiter-line');

/** 20 calls a second, no burst: one call every ~50 ms. */
const tight = () => ({ limit: 20, windowMs: 1_000, burst: 1 });
const limiterAt = (name: string) => new RateLimiter({ redis: connection(), keyPrefix: `${prefix}:${name}`, specs: { sequence: tight(), hubspot: tight(), 'hubspot-search': tight() } });

describe('rate limiter line', () => {
  it('serves callers in the order they asked, also when later callers ask while others sleep', async () => {
    const limiter = limiterAt('order');
    const served: number[] = [];
    const calls: Promise<void>[] = [];
    // Asked every 15 ms while a slot is ~50 ms: without a line, a late caller's shorter sleep ends
    // together with earlier callers' and the race decides who goes.
    for (let i = 0; i < 12; i += 1) {
      calls.push(limiter.acquire('hubspot').then(() => void served.push(i)));
      await sleep(15);
    }
    await Promise.all(calls);
    expect(served).toEqual([...Array(12).keys()]);
  });

  it('only the first in line asks Redis: a few commands per call, not one per waiter per slot', async () => {
    const limiter = limiterAt('commands');
    await limiter.acquire('sequence'); // the script's first load is not per call
    const spy = jest.spyOn(connection(), 'sendCommand');
    try {
      await Promise.all(Array.from({ length: 10 }, () => limiter.acquire('sequence')));
      // Each call: one refused ask, a pause check and one granted ask. Every waiter polling every slot costs ~10× that.
      expect(spy.mock.calls.length).toBeLessThanOrEqual(3 * 10);
    } finally {
      spy.mockRestore();
    }
  });

  it('a caller aborted while in line rejects with its reason and the callers behind it are still served', async () => {
    const limiter = limiterAt('abort');
    const controller = new AbortController();
    const first = limiter.acquire('sequence');
    const second = limiter.acquire('sequence', { signal: controller.signal });
    const third = limiter.acquire('sequence');
    controller.abort(new Error('shutting down'));
    await expect(second).rejects.toThrow('shutting down');
    await expect(Promise.all([first, third])).resolves.toEqual([undefined, undefined]);
  });

  it('behind a pause longer than their patience, every caller in line gives up with a rate-limited error', async () => {
    const limiter = limiterAt('patience');
    await limiter.reportRateLimited('sequence', 5_000);
    const started = performance.now();
    const results = await Promise.allSettled(Array.from({ length: 3 }, () => limiter.acquire('sequence', { maxWaitMs: 1_000 })));
    expect(performance.now() - started).toBeLessThan(1_000); // the pause is known: nobody sleeps through it first
    for (const result of results) {
      expect(result.status).toBe('rejected');
      const error = (result as PromiseRejectedResult).reason as unknown;
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).kind).toBe('rate-limited');
    }
    // The line is empty again: a caller after the pause goes straight through.
    await connection().del(`${prefix}:patience:ratelimit:sequence:pause`);
    await expect(limiter.acquire('sequence', { maxWaitMs: 1_000 })).resolves.toBeUndefined();
  });

  it('a caller whose patience runs out while in line gives up then, not when its turn comes (issue 22, item 9)', async () => {
    const limiter = limiterAt('patience-in-line');
    let served = 0;
    // 60 callers ahead at one call every ~50 ms: about 3 s of line.
    const ahead = Array.from({ length: 60 }, () => limiter.acquire('hubspot').then(() => void (served += 1)));
    const patient = limiter.acquire('hubspot', { maxWaitMs: 300 });
    const servedWhenRefused = await patient.then(
      () => undefined,
      (error: unknown) => {
        expect(error).toBeInstanceOf(ApiError);
        expect((error as ApiError).kind).toBe('rate-limited');
        return served;
      },
    );
    expect(servedWhenRefused).toBeDefined();
    // Refused while most of the line was still ahead of it, not after waiting through all of it.
    expect(servedWhenRefused).toBeLessThan(60);
    await Promise.all(ahead);
    // It left the line: a caller after it goes through.
    await expect(limiter.acquire('hubspot', { maxWaitMs: 1_000 })).resolves.toBeUndefined();
  });
});
