/**
 * Index of the customers that already exist in Sequence for a HubSpot company: company id → customer
 * id, built by paging GET /customers (which cannot filter by integration id) and keeping every
 * customer that carries a HubSpot integration id. It lets the upsert adopt customers made by
 * Sequence's own HubSpot integration or by hand instead of creating a duplicate.
 *
 * Archived customers are indexed too: adopting one (it stays archived, which finance decided) is
 * better than creating a second customer for the same company. An active customer wins over an
 * archived one, and among several of a kind the oldest wins (pages are asked for oldest first).
 *
 * Two active customers for one company are a duplicate a person has to resolve (invoices may hang
 * on either, and the API cannot merge or delete): the build records them, and the full run reports them.
 *
 * Built once lazily (before the first create) and rebuilt at the start of every full reconciliation.
 * A build also keeps what it listed (customer-listing.ts: the customers, and every alias of the
 * account) so the syncs that follow decide from it without reading each customer again.
 */
import type { RedisClient } from '../redis/client';
import { z } from 'zod';
import { parseStored } from '../shared/stored-json';
import type { SequenceClient } from './client';
import { LISTING_TTL_MS, compactListed, dropListing, listingKeys, readListing, type ListedCompany } from './customer-listing';

const BUILD_LOCK_MS = 10 * 60_000;

/**
 * Adds one page to the staging index and the staging listing. KEYS: index, companies whose entry is
 * archived, duplicates, listing. ARGV: (companyId, customerId, archived 0|1, listed JSON) quadruples.
 */
/** How long a build's staging keys outlive its last page (a build that died leaves them to expire). */
const STAGING_TTL_MS = 3_600_000;

const ADD_PAGE = `
for i = 1, #ARGV, 4 do
  local company, customer, archived, listed = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  if archived == '1' then
    if redis.call('HSETNX', KEYS[1], company, customer) == 1 then
      redis.call('SADD', KEYS[2], company)
      redis.call('HSET', KEYS[4], company, listed)
    end
  else
    local current = redis.call('HGET', KEYS[1], company)
    if not current or redis.call('SISMEMBER', KEYS[2], company) == 1 then
      redis.call('HSET', KEYS[1], company, customer)
      redis.call('HSET', KEYS[4], company, listed)
      redis.call('SREM', KEYS[2], company)
    elseif current ~= customer then
      local list = redis.call('HGET', KEYS[3], company)
      if not list then list = cjson.encode({current}) end
      local ids = cjson.decode(list)
      table.insert(ids, customer)
      redis.call('HSET', KEYS[3], company, cjson.encode(ids))
    end
  end
end
-- A build whose process dies leaves no staging keys behind for long: they expire unless the next page comes.
for k = 1, 4 do
  if redis.call('EXISTS', KEYS[k]) == 1 then redis.call('PEXPIRE', KEYS[k], ${STAGING_TTL_MS}) end
end
return 1
`;

const CustomerIds = z.array(z.string()).min(2);

/** Several active customers in Sequence carry one HubSpot company's id. */
export interface DuplicateCustomers {
  companyId: string;
  /** Oldest first. */
  customerIds: string[];
}

/** "3 companies have more than one active customer in Sequence", for logs, reports and status. */
export function duplicatesSummary(count: number): string {
  return `${count} compan${count === 1 ? 'y has' : 'ies have'} more than one active customer in Sequence`;
}

export function duplicatesKey(prefix: string): string {
  return `${prefix}:customer-index:duplicates`;
}

/** Companies with more than one active customer, as of the last index build (at most `limit` listed). */
export async function readDuplicateCustomers(redis: RedisClient, prefix: string, limit = 200): Promise<{ count: number; items: DuplicateCustomers[] }> {
  const key = duplicatesKey(prefix);
  const count = await redis.hlen(key);
  const items: DuplicateCustomers[] = [];
  let cursor = '0';
  do {
    const [next, flat] = await redis.hscan(key, cursor, 'COUNT', 500);
    cursor = next;
    for (let i = 0; i + 1 < flat.length && items.length < limit; i += 2) {
      const customerIds = parseStored(CustomerIds, flat[i + 1]);
      if (customerIds) items.push({ companyId: flat[i] as string, customerIds });
    }
  } while (cursor !== '0' && items.length < limit);
  items.sort((a, b) => a.companyId.localeCompare(b.companyId, 'en', { numeric: true }));
  return { count, items };
}

/** The customer the index holds for a company, read from Redis alone (commands that have no Sequence client). */
export async function indexedCustomerId(redis: RedisClient, prefix: string, companyId: string): Promise<string | undefined> {
  return (await redis.hget(`${prefix}:customer-index`, companyId)) ?? undefined;
}

export class CustomerIndex {
  private readonly key: string;
  private readonly metaKey: string;
  private readonly lockKey: string;
  private seenBuiltAt?: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly client: SequenceClient,
  ) {
    this.key = `${prefix}:customer-index`;
    this.metaKey = `${prefix}:customer-index:built-at`;
    this.lockKey = `${prefix}:customer-index:building`;
  }

  duplicates(limit?: number): ReturnType<typeof readDuplicateCustomers> {
    return readDuplicateCustomers(this.redis, this.prefix, limit);
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

  /**
   * For a batch: each company's index entry, and what the last listing says about it (undefined when
   * there is no listing), in one round trip each.
   */
  async lookupBatch(companies: readonly { companyId: string; alias: string }[]): Promise<{ indexed: Map<string, string>; listed?: Map<string, ListedCompany> }> {
    const [indexed, listed] = await Promise.all([this.lookupMany(companies.map((c) => c.companyId)), readListing(this.redis, this.prefix, companies)]);
    return listed ? { indexed, listed } : { indexed };
  }

  /** Forgets the listing (a full run is done with it): later syncs read the customer they need. */
  dropListing(): Promise<void> {
    return dropListing(this.redis, this.prefix);
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
      const listedAt = Date.now();
      let after: string | undefined;
      let indexed = 0;
      const staging = `${this.key}:staging:${token}`;
      const archivedStaging = `${staging}:archived`;
      const duplicatesStaging = `${staging}:duplicates`;
      const listing = listingKeys(this.prefix);
      const listingStaging = `${staging}:listing`;
      const aliasesStaging = `${staging}:aliases`;
      try {
        do {
          const page = await this.client.listCustomers({ limit: 100, after, includeArchived: true, sortOrder: 'ASC' });
          const quads: string[] = [];
          for (const customer of page.items) {
            let listed: string | undefined;
            for (const integration of customer.integrationIds) {
              if (integration.service !== 'HubSpot' || !integration.id) continue;
              listed ??= compactListed(customer);
              quads.push(integration.id, customer.id, customer.archivedAt ? '1' : '0', listed);
            }
          }
          if (quads.length) {
            await this.redis.eval(ADD_PAGE, 4, staging, archivedStaging, duplicatesStaging, listingStaging, ...quads);
            indexed += quads.length / 4;
          }
          after = page.items.length ? (page.pagination.after ?? undefined) : undefined;
        } while (after);
        // Which customer holds which alias: tells our customers from ones to adopt without a read each.
        let aliasesListed = 0;
        after = undefined;
        do {
          const page = await this.client.listCustomerAliases({ limit: 100, after });
          const flat: string[] = [];
          for (const alias of page.items) if (!alias.deletedAt && !alias.archivedAt) flat.push(alias.value, alias.customerId);
          if (flat.length) {
            await this.redis.multi().hset(aliasesStaging, ...flat).pexpire(aliasesStaging, STAGING_TTL_MS).exec();
            aliasesListed += flat.length / 2;
          }
          after = page.items.length ? (page.pagination.after ?? undefined) : undefined;
        } while (after);
        const hasDuplicates = (await this.redis.exists(duplicatesStaging)) === 1;
        const multi = this.redis.multi();
        // RENAME keeps the staging keys' expiry: the index and the duplicates are kept until the next build.
        if (indexed) multi.rename(staging, this.key).persist(this.key).rename(listingStaging, listing.entries).pexpire(listing.entries, LISTING_TTL_MS);
        else multi.del(this.key, listing.entries);
        if (aliasesListed) multi.rename(aliasesStaging, listing.aliases).pexpire(listing.aliases, LISTING_TTL_MS);
        else multi.del(listing.aliases);
        multi.set(listing.at, String(listedAt), 'PX', LISTING_TTL_MS);
        if (hasDuplicates) multi.rename(duplicatesStaging, duplicatesKey(this.prefix)).persist(duplicatesKey(this.prefix));
        else multi.del(duplicatesKey(this.prefix));
        multi.set(this.metaKey, String(Date.now()));
        await multi.exec();
        return indexed;
      } finally {
        await this.redis.del(staging, archivedStaging, duplicatesStaging, listingStaging, aliasesStaging);
      }
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
