/**
 * The customers as the last index build listed them, kept for a while so the syncs that follow (a
 * full run's batches, in any worker process) decide "unchanged" or "adopt" from the listing instead
 * of reading each customer again (see upsert.ts).
 *
 * Three Redis keys, written by CustomerIndex.rebuild and expiring after LISTING_TTL_MS:
 *   <prefix>:customer-listing           company id → the listed customer (compact JSON)
 *   <prefix>:customer-listing:aliases   alias value → customer id (every live alias of the account)
 *   <prefix>:customer-listing:at        when the listing started (epoch ms)
 * About 300 bytes a customer: ~30 MB of Redis for 100,000 customers, for the length of a run.
 */
import type { RedisClient } from '../redis/client';
import { z } from 'zod';
import { parseStored } from '../shared/stored-json';
import { ListedCustomerFields, type Customer, type ListedCustomer } from './schemas';

/** Long enough for a full run of 100,000 companies under Sequence's limit; a full run drops it when done. */
export const LISTING_TTL_MS = 2 * 60 * 60_000;

/** What the listing keeps of a customer: what an update is decided and merged from (its parent, not its organizations). */
export const StoredListedCustomer = ListedCustomerFields.omit({ createdAt: true, domain: true, organizations: true }).extend({ parentId: z.string().optional() });
export type StoredListedCustomer = z.infer<typeof StoredListedCustomer>;

/** The customer as Sequence has it: read just now (with contacts) or from the listing (without). */
export type CurrentCustomer = StoredListedCustomer & { contacts?: Customer['contacts'] };

/** What the listing says about one company. */
export interface ListedCompany {
  /** When the listing started (epoch ms): anything this service did later is newer than it. */
  listedAt: number;
  /** The customer carrying the company's HubSpot id (the one the index chose), if any. */
  customer?: StoredListedCustomer;
  /** The customer that held the company's alias, if any. */
  aliasOwner?: string;
}

export function listingKeys(prefix: string) {
  const entries = `${prefix}:customer-listing`;
  return { entries, aliases: `${entries}:aliases`, at: `${entries}:at` };
}

/** The compact JSON kept for a listed customer. */
export function compactListed(customer: ListedCustomer): string {
  const stored: StoredListedCustomer = {
    id: customer.id,
    legalName: customer.legalName,
    address: customer.address,
    ...(customer.url ? { url: customer.url } : {}),
    ...(customer.label ? { label: customer.label } : {}),
    integrationIds: customer.integrationIds.map((i) => ({ service: i.service, id: i.id })),
    ...(customer.archivedAt ? { archivedAt: customer.archivedAt } : {}),
    taxStatus: customer.taxStatus,
    ...(customer.status ? { status: customer.status } : {}),
    customProperties: customer.customProperties,
    ...(customer.parentId ? { parentId: customer.parentId } : {}),
  };
  return JSON.stringify(stored);
}

/**
 * What the current listing says about each company, in one round trip; undefined when there is no
 * listing (expired, dropped, never built).
 */
export async function readListing(redis: RedisClient, prefix: string, companies: readonly { companyId: string; alias: string }[]): Promise<Map<string, ListedCompany> | undefined> {
  if (!companies.length) return undefined;
  const keys = listingKeys(prefix);
  const answers = await redis
    .pipeline()
    .get(keys.at)
    .hmget(keys.entries, ...companies.map((c) => c.companyId))
    .hmget(keys.aliases, ...companies.map((c) => c.alias))
    .exec();
  if (!answers) return undefined;
  for (const [error] of answers) if (error) throw error;
  const at = Number(answers[0]?.[1]);
  if (!Number.isFinite(at) || at <= 0) return undefined;
  const entries = answers[1]?.[1] as (string | null)[];
  const owners = answers[2]?.[1] as (string | null)[];
  const out = new Map<string, ListedCompany>();
  companies.forEach(({ companyId }, i) => {
    const customer = parseStored(StoredListedCustomer, entries[i]);
    const aliasOwner = owners[i] ?? undefined;
    out.set(companyId, { listedAt: at, ...(customer ? { customer } : {}), ...(aliasOwner ? { aliasOwner } : {}) });
  });
  return out;
}

export async function dropListing(redis: RedisClient, prefix: string): Promise<void> {
  const keys = listingKeys(prefix);
  await redis.del(keys.at, keys.entries, keys.aliases);
}
