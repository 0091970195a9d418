/**
 * A Lua script sent by its SHA (EVALSHA) rather than its source on every call: ioredis's
 * defineCommand loads it once per connection and reloads it after a Redis restart (NOSCRIPT). The hot
 * scripts (company locks, rate limits) run several times per company, so this saves bytes on every call.
 */
import type { RedisClient } from '../redis/client';

type Command = (...args: (string | number)[]) => Promise<unknown>;

export class RedisScript {
  private static next = 0;
  private readonly name = `crmScript${(RedisScript.next += 1)}`;
  private readonly defined = new WeakSet<RedisClient>();

  constructor(
    private readonly lua: string,
    private readonly numberOfKeys: number,
  ) {}

  run(redis: RedisClient, ...keysAndArgs: (string | number)[]): Promise<unknown> {
    if (!this.defined.has(redis)) {
      redis.defineCommand(this.name, { numberOfKeys: this.numberOfKeys, lua: this.lua });
      this.defined.add(redis);
    }
    return (redis as unknown as Record<string, Command>)[this.name]!(...keysAndArgs);
  }
}
