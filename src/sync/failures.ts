/**
 * The failure index: every company that could not be synced, with the reason a person can act on.
 * Kept in Redis until the company syncs; the next reconciliation retries every company in it.
 */
import type { RedisClient } from '../redis/client';
import { z } from 'zod';
import { parseStored } from '../shared/stored-json';
import { redactText } from '../shared/redact';

export const FailureKind = z.enum([
  /** The HubSpot data cannot become a Sequence customer (see problems). */
  'mapping',
  /** An API refused the request (400-class), usually Sequence; the reason says which and quotes its message. */
  'rejected',
  /** Temporary failures (5xx, timeouts) outlasted every retry. */
  'retries-exhausted',
  /** The APIs' rate limits kept the company waiting longer than allowed. */
  'rate-limited',
]);
export type FailureKind = z.infer<typeof FailureKind>;

export const FailureRecord = z.object({
  companyId: z.string(),
  kind: FailureKind,
  reason: z.string(),
  problems: z.array(z.string()).optional(),
  status: z.number().optional(),
  since: z.string(),
  lastAttemptAt: z.string(),
  /** How many syncs in a row have failed. */
  attempts: z.number().int(),
});
export type FailureRecord = z.infer<typeof FailureRecord>;

export class FailureIndex {
  readonly key: string;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
  ) {
    this.key = `${prefix}:failures`;
  }

  async record(companyId: string, failure: { kind: FailureKind; reason: string; problems?: string[]; status?: number }): Promise<FailureRecord> {
    const now = new Date().toISOString();
    const previous = await this.get(companyId);
    const record: FailureRecord = {
      companyId,
      ...failure,
      // Reasons quote upstream messages; ApiError already scrubbed them, this keeps any other path honest.
      reason: redactText(failure.reason),
      ...(failure.problems ? { problems: failure.problems.map(redactText) } : {}),
      since: previous?.since ?? now,
      lastAttemptAt: now,
      attempts: (previous?.attempts ?? 0) + 1,
    };
    await this.redis.hset(this.key, companyId, JSON.stringify(record));
    return record;
  }

  async clear(companyIds: readonly string[]): Promise<void> {
    if (companyIds.length) await this.redis.hdel(this.key, ...companyIds);
  }

  async get(companyId: string): Promise<FailureRecord | undefined> {
    return parseStored(FailureRecord, await this.redis.hget(this.key, companyId));
  }

  async ids(): Promise<string[]> {
    return this.redis.hkeys(this.key);
  }

  /** All failures, oldest first. */
  async list(): Promise<FailureRecord[]> {
    const values = await this.redis.hvals(this.key);
    return values
      .map((v) => parseStored(FailureRecord, v))
      .filter((r): r is FailureRecord => r !== undefined)
      .sort((a, b) => a.since.localeCompare(b.since));
  }
}
