/**
 * Index of the customers that already exist in Sequence for a HubSpot company: company id → customer
 * id, built by paging GET /customers (which cannot filter by integration id) and keeping every
 * customer that carries a HubSpot integration id. It lets the upsert adopt customers made by
 * Sequence's own HubSpot integration or by hand instead of creating a duplicate.
 *
 * Archived customers are indexed too: adopting one (it stays archived, which finance decided) is
 * better than creating a second customer for the same company.
 *
 * Built once lazily (before the first create) and rebuilt at the start of every full reconciliation.
 */
import type { Redis } from 'ioredis';
import type { SequenceClient } from './client';

const BUILD_LOCK_MS = 10 * 60_000;

export class CustomerIndex {
  private readonly key: string;
  private readonly metaKey: string;
  private readonly lockKey: string;
  private seenBuiltAt?: number;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly client: SequenceClient,
  ) {
    this.key = `${prefix}:customer-index`;
    this.metaKey = `${prefix}:customer-index:built-at`;
    this.lockKey = `${prefix}:customer-index:building`;
  }

  async lookup(companyId: string): Promise<string | undefined> {
    return (await this.redis.hget(this.key, companyId)) ?? undefined;
  }

  /** Customer ids for many companies at once. */
  async lookupMany(companyIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (!companyIds.length) return out;
    const values = await this.redis.hmget(this.key, ...companyIds);
    companyIds.forEach((id, i) => {
      const v = values[i];
      if (v) out.set(id, v);
    });
    return out;
  }

  async builtAt(): Promise<Date | undefined> {
    const value = await this.redis.get(this.metaKey);
    return value ? new Date(Number(value)) : undefined;
  }

  /** Builds the index unless it exists; when another worker is building it, waits for that build. */
  async ensureBuilt(): Promise<void> {
    // Once seen built, it stays built (until Redis is wiped): checked again at most once a minute.
    if (this.seenBuiltAt && Date.now() - this.seenBuiltAt < 60_000) return;
    if (!(await this.redis.exists(this.metaKey))) await this.rebuild();
    this.seenBuiltAt = Date.now();
  }

  /** Pages through every customer in Sequence. Returns how many customers were indexed. */
  async rebuild(): Promise<number> {
    const token = `${process.pid}-${Date.now()}-${Math.random()}`;
    if ((await this.redis.set(this.lockKey, token, 'PX', BUILD_LOCK_MS, 'NX')) !== 'OK') {
      while ((await this.redis.exists(this.lockKey)) && !(await this.redis.exists(this.metaKey))) {
        await new Promise((r) => setTimeout(r, 200));
      }
      return 0;
    }
    try {
      let after: string | undefined;
      let indexed = 0;
      const staging = `${this.key}:staging:${token}`;
      do {
        const page = await this.client.listCustomers({ limit: 100, after, includeArchived: true });
        const entries: string[] = [];
        for (const customer of page.items) {
          for (const integration of customer.integrationIds) {
            if (integration.service === 'HubSpot' && integration.id) entries.push(integration.id, customer.id);
          }
        }
        // HSETNX keeps the oldest customer when several claim one company (pages run oldest first).
        if (entries.length) {
          const pipeline = this.redis.pipeline();
          for (let i = 0; i < entries.length; i += 2) pipeline.hsetnx(staging, entries[i] as string, entries[i + 1] as string);
          await pipeline.exec();
          indexed += entries.length / 2;
        }
        after = page.items.length ? (page.pagination.after ?? undefined) : undefined;
      } while (after);
      const multi = this.redis.multi();
      if (indexed) multi.rename(staging, this.key);
      else multi.del(this.key);
      multi.set(this.metaKey, String(Date.now()));
      await multi.exec();
      return indexed;
    } finally {
      // Release only our own lock.
      await this.redis.eval(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`, 1, this.lockKey, token);
    }
  }

  async *scan(batch = 500): AsyncGenerator<[companyId: string, customerId: string][]> {
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(this.key, cursor, 'COUNT', batch);
      cursor = next;
      const pairs: [string, string][] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i] as string, flat[i + 1] as string]);
      if (pairs.length) yield pairs;
    } while (cursor !== '0');
  }
}
