/**
 * The link store: HubSpot company id → Sequence customer, with the hash of the last payload sent and
 * the last outcome. It lives in Redis and is only a cache: when it is lost, the next sync finds each
 * customer again by alias or integration id, so nothing is duplicated.
 */
import type { RedisClient } from '../redis/client';
import { z } from 'zod';
import { parseStored } from '../shared/stored-json';
import { CHANGE_FIELDS, FieldChange } from './field-diff';
import { redactText } from '../shared/redact';
import type { HeldWrite } from '../shared/held-write';

export const LinkRecord = z.object({
  companyId: z.string(),
  customerId: z.string().optional(),
  /** sha256 of the last request Sequence accepted (or found already in place). */
  hash: z.string().optional(),
  lastSyncedAt: z.string().optional(),
  lastOutcome: z.enum(['created', 'updated', 'unchanged', 'failed', 'archived', 'skipped']).optional(),
  lastMessage: z.string().optional(),
  /** Set just before a create is sent; while set, the outcome of that create is unknown. */
  pendingCreateAt: z.string().optional(),
  archivedAt: z.string().optional(),
  /** The company was merged into this one in HubSpot; its customer was relinked or archived. */
  mergedInto: z.string().optional(),
  /**
   * The HubSpot contacts associated with the company at the last sync (sorted). HubSpot drops a deleted
   * contact's associations, so this is how a contact.deletion finds the companies to sync again.
   */
  contactIds: z.array(z.string()).optional(),
  /** The customer's parent in Sequence after the last sync (set there by hand, or from HubSpot with PARENT_CUSTOMERS). */
  parentCustomerId: z.string().optional(),
  /** PARENT_CUSTOMERS: the HubSpot parent company whose customer that is. */
  parentCompanyId: z.string().optional(),
  /** The last write this service made to the customer: when, and which fields it changed (before → after for updates). */
  lastWrite: z
    .object({
      at: z.string(),
      action: z.enum(['created', 'updated']),
      fields: z.array(z.enum(CHANGE_FIELDS)),
      changes: z.array(FieldChange).optional(),
    })
    .optional(),
});
export type LinkRecord = z.infer<typeof LinkRecord>;

export class LinkStore {
  readonly key: string;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.key = `${prefix}:links`;
  }

  async get(companyId: string): Promise<LinkRecord | undefined> {
    return parseLink(await this.redis.hget(this.key, companyId));
  }

  /**
   * Merges `patch` into the company's link (callers hold the company lock). Pass `current` when the
   * caller already holds the record (null: there is none) to save reading it again. With `hold`, the
   * write is not sent but held there for the caller to send (with the lock's release).
   */
  async update(companyId: string, patch: Partial<Omit<LinkRecord, 'companyId'>>, current?: LinkRecord | null, hold?: HeldWrite): Promise<LinkRecord> {
    const base = current === undefined ? await this.get(companyId) : current;
    const { record: next, json } = composeLink(companyId, patch, base ?? null);
    if (hold && hold.key === this.key && hold.field === companyId) hold.value = json;
    else await this.redis.hset(this.key, companyId, json);
    return next;
  }

  /** The links of many companies in one round trip (companies without one are left out). */
  async getMany(companyIds: readonly string[]): Promise<Map<string, LinkRecord>> {
    const out = new Map<string, LinkRecord>();
    if (!companyIds.length) return out;
    const values = await this.redis.hmget(this.key, ...companyIds);
    companyIds.forEach((companyId, i) => {
      const record = parseLink(values[i] ?? null);
      if (record) out.set(companyId, record);
    });
    return out;
  }

  /** Companies whose last sync had any of these contacts. Walks every link: meant for rare events (deletions). */
  async companiesWithContacts(contactIds: readonly string[]): Promise<string[]> {
    const wanted = new Set(contactIds);
    const found: string[] = [];
    for await (const records of this.scan()) {
      for (const record of records) if (record.contactIds?.some((id) => wanted.has(id))) found.push(record.companyId);
    }
    return found;
  }

  async count(): Promise<number> {
    return this.redis.hlen(this.key);
  }

  /** Walks every link without loading them all at once. */
  async *scan(batch = 500): AsyncGenerator<LinkRecord[]> {
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(this.key, cursor, 'COUNT', batch);
      cursor = next;
      const records: LinkRecord[] = [];
      for (let i = 1; i < flat.length; i += 2) {
        const record = parseLink(flat[i] ?? null);
        if (record) records.push(record);
      }
      if (records.length) yield records;
    } while (cursor !== '0');
  }
}

/** The link `patch` makes of `current`, and its stored form. */
export function composeLink(companyId: string, patch: Partial<Omit<LinkRecord, 'companyId'>>, current: LinkRecord | null): { record: LinkRecord; json: string } {
  const merged: Record<string, unknown> = { ...(current ?? { companyId }), ...patch, companyId };
  if (typeof merged.lastMessage === 'string' && merged.lastMessage) merged.lastMessage = redactText(merged.lastMessage);
  // Copied rather than `delete`d: deleting keys turns the object into a slow dictionary, on the hot path.
  const next: Record<string, unknown> = {};
  for (const key in merged) if (merged[key] !== undefined) next[key] = merged[key];
  return { record: next as LinkRecord, json: JSON.stringify(next) };
}

export function parseLink(value: string | null): LinkRecord | undefined {
  return parseStored(LinkRecord, value);
}
