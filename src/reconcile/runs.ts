/**
 * Reconciliation runs in Redis: the run's record (progress and checkpoint, so a run resumes after a
 * crash), the outcome of every company it queued, the calls it caused, and the last 50 reports.
 */
import type { RedisClient } from '../redis/client';
import { z } from 'zod';
import { parseStored } from '../shared/stored-json';
import { CompanyResult, type CompanyAction } from '../queue/payloads';
import { FieldChange } from '../sequence/field-diff';

export const RunMode = z.enum(['full', 'incremental']);
export type RunMode = z.infer<typeof RunMode>;

export const RunRecord = z.object({
  id: z.string(),
  mode: RunMode,
  dryRun: z.boolean(),
  status: z.enum(['running', 'finished', 'failed']),
  startedAt: z.string(),
  endedAt: z.string().optional(),
  /** Companies read from HubSpot and queued. */
  scanned: z.number().int(),
  /** Sync jobs queued so far (their ids are derived from the run id and this count). */
  batches: z.number().int(),
  /** Where listing resumes: HubSpot's `after` (full) or the last company id (incremental). */
  cursor: z.string().optional(),
  /** Incremental: companies modified at or after this (epoch ms) are looked at. */
  sinceMs: z.number().optional(),
  /** Incremental: the company search is done; the contact search is under way. */
  companiesListed: z.boolean().optional(),
  /** Incremental: where the contact search resumes (the last contact id whose companies were queued). */
  contactCursor: z.string().optional(),
  /** Incremental: contacts modified since `sinceMs` that were looked at. */
  contactsScanned: z.number().int().optional(),
  /** Full runs with a narrower scope than all: where the scope's search resumes (last deal or company id), and whether it is done. */
  scopeCursor: z.string().optional(),
  scopeListed: z.boolean().optional(),
  /** Full runs with a narrower scope: every company already linked to a customer is queued. */
  linkedQueued: z.boolean().optional(),
  /** Incremental, closed-won: where the search for deals won since the checkpoint resumes, and whether it is done. */
  wonDealCursor: z.string().optional(),
  wonDealsListed: z.boolean().optional(),
  /** closed-won: won deals looked at. */
  wonDealsScanned: z.number().int().optional(),
  listingDone: z.boolean(),
  archived: z.number().int(),
  error: z.string().optional(),
});
export type RunRecord = z.infer<typeof RunRecord>;

export const RunReport = z.object({
  id: z.string(),
  mode: RunMode,
  dryRun: z.boolean(),
  status: z.enum(['finished', 'failed']),
  startedAt: z.string(),
  endedAt: z.string(),
  durationMs: z.number(),
  scanned: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  skipped: z.number(),
  archived: z.number(),
  failed: z.number(),
  /** Companies without a customer that are outside the billing scope: none was created (not failures). */
  outOfScope: z.number().default(0),
  /** The billing scope the run decided with (BILLING_SCOPE as written). */
  scope: z.string().optional(),
  /** The failed companies and why (the first 200). */
  failures: z.array(z.object({ companyId: z.string(), reason: z.string() })),
  hubspotCalls: z.number(),
  sequenceCalls: z.number(),
  /** Full runs: companies with more than one active customer in Sequence (the first 200 listed). */
  duplicateCustomers: z.object({ count: z.number(), items: z.array(z.object({ companyId: z.string(), customerIds: z.array(z.string()) })) }).optional(),
  /** Customers updated (dry run: that would be) per field, e.g. { address: 12, contacts: 3 }. */
  fieldCounts: z.record(z.string(), z.number()).default({}),
  /** Dry runs: each company that would be updated, with its field changes (the first 200). */
  changes: z.array(z.object({ companyId: z.string(), customerId: z.string().optional(), changes: z.array(FieldChange) })).default([]),
  error: z.string().optional(),
});
export type RunReport = z.infer<typeof RunReport>;

export interface RunProgress {
  record: RunRecord;
  completed: number;
  counts: Partial<Record<CompanyAction, number>>;
}

const KEEP_REPORTS = 50;
const LISTED_CHANGES = 200;

/** What a run keeps of a company's changes: the field names, and in dry runs the changes themselves. */
const StoredChanges = z.object({ customerId: z.string().optional(), fields: z.array(z.string()), changes: z.array(FieldChange).optional() });
const RUN_TTL_SECONDS = 7 * 24 * 3600;
/** A finished run's per-company outcomes, failures and changes, once its report is written. */
const FINISHED_RUN_PARTS_TTL_SECONDS = 3600;
/** Company results kept for a waiting requester. */
const RESULTS_TTL_SECONDS = 24 * 3600;

export class RunStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {}

  private key(runId: string, part?: 'outcomes' | 'failures' | 'calls' | 'seen' | 'counts' | 'changes' | 'results'): string {
    return `${this.prefix}:run:${runId}${part ? `:${part}` : ''}`;
  }

  activeKey(mode: RunMode): string {
    return `${this.prefix}:runs:active:${mode}`;
  }

  get reportsKey(): string {
    return `${this.prefix}:reports`;
  }

  async get(runId: string): Promise<RunRecord | undefined> {
    return parseStored(RunRecord, await this.redis.get(this.key(runId)));
  }

  async save(record: RunRecord): Promise<void> {
    await this.redis.set(this.key(record.id), JSON.stringify(record), 'EX', RUN_TTL_SECONDS);
  }

  /** Claims the mode for this run; returns the id of the run already holding it, if any. */
  async claim(mode: RunMode, runId: string): Promise<string | undefined> {
    const key = this.activeKey(mode);
    const ok = await this.redis.set(key, runId, 'EX', 24 * 3600, 'NX');
    if (ok === 'OK') return undefined;
    const holder = await this.redis.get(key);
    return holder === runId ? undefined : (holder ?? undefined);
  }

  async release(mode: RunMode, runId: string): Promise<void> {
    await this.redis.eval(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`, 1, this.activeKey(mode), runId);
  }

  async activeRunId(mode: RunMode): Promise<string | undefined> {
    return (await this.redis.get(this.activeKey(mode))) ?? undefined;
  }

  /** Records final company outcomes; a company counts once per run whatever retries it took. */
  async recordOutcomes(runId: string, results: readonly CompanyResult[], options: { dryRun?: boolean } = {}): Promise<void> {
    if (!results.length) return;
    const pipeline = this.redis.pipeline();
    for (const r of results) {
      pipeline.hset(this.key(runId, 'outcomes'), r.companyId, r.action);
      if (r.action === 'failed') pipeline.hset(this.key(runId, 'failures'), r.companyId, [r.message, ...(r.problems ?? [])].filter(Boolean).join('; ') || 'failed');
      else pipeline.hdel(this.key(runId, 'failures'), r.companyId);
      // Kept per company (not counted up) so a company recorded twice still counts once.
      if (r.changes?.length) {
        const stored = { customerId: r.customerId, fields: r.changes.map((c) => c.field), ...(options.dryRun ? { changes: r.changes } : {}) };
        pipeline.hset(this.key(runId, 'changes'), r.companyId, JSON.stringify(stored));
      } else pipeline.hdel(this.key(runId, 'changes'), r.companyId);
    }
    pipeline.expire(this.key(runId, 'outcomes'), RUN_TTL_SECONDS);
    pipeline.expire(this.key(runId, 'failures'), RUN_TTL_SECONDS);
    pipeline.expire(this.key(runId, 'changes'), RUN_TTL_SECONDS);
    await pipeline.exec();
  }

  /**
   * Keeps each company's whole result, for a requester waiting on them (`sync --wait`): one hash field
   * per company, for a day at most (the requester reads them, then drops them with `forget`).
   */
  async keepCompanyResults(runId: string, results: readonly CompanyResult[]): Promise<void> {
    if (!results.length) return;
    const key = this.key(runId, 'results');
    const pipeline = this.redis.pipeline();
    for (const r of results) pipeline.hset(key, r.companyId, JSON.stringify(r));
    pipeline.expire(key, RESULTS_TTL_SECONDS);
    await pipeline.exec();
  }

  /** The kept results of these companies (those without one are left out), in the order asked. */
  async companyResults(runId: string, companyIds: readonly string[]): Promise<CompanyResult[]> {
    if (!companyIds.length) return [];
    const values = await this.redis.hmget(this.key(runId, 'results'), ...companyIds);
    return values.flatMap((v) => parseStored(CompanyResult, v) ?? []);
  }

  /** Drops what a run that is not a reconciliation (a CLI sync) kept: its outcomes, failures, changes, calls and results. */
  async forget(runId: string): Promise<void> {
    await this.redis.del(...(['outcomes', 'failures', 'changes', 'calls', 'results'] as const).map((part) => this.key(runId, part)));
  }

  async addCalls(runId: string, calls: { hubspot: number; sequence: number }): Promise<void> {
    if (!calls.hubspot && !calls.sequence) return;
    await this.redis
      .multi()
      .hincrby(this.key(runId, 'calls'), 'hubspot', calls.hubspot)
      .hincrby(this.key(runId, 'calls'), 'sequence', calls.sequence)
      .expire(this.key(runId, 'calls'), RUN_TTL_SECONDS)
      .exec();
  }

  async markSeen(runId: string, companyIds: readonly string[]): Promise<void> {
    if (!companyIds.length) return;
    await this.redis.multi().sadd(this.key(runId, 'seen'), ...companyIds).expire(this.key(runId, 'seen'), RUN_TTL_SECONDS).exec();
  }

  /** Which of the ids the run's listing saw. */
  async seen(runId: string, companyIds: readonly string[]): Promise<boolean[]> {
    if (!companyIds.length) return [];
    const flags = await this.redis.smismember(this.key(runId, 'seen'), ...companyIds);
    return flags.map((f) => f === 1);
  }

  async completedCount(runId: string): Promise<number> {
    return this.redis.hlen(this.key(runId, 'outcomes'));
  }

  async outcomeOf(runId: string, companyIds: readonly string[]): Promise<(string | null)[]> {
    if (!companyIds.length) return [];
    return this.redis.hmget(this.key(runId, 'outcomes'), ...companyIds);
  }

  async progress(runId: string): Promise<RunProgress | undefined> {
    const record = await this.get(runId);
    if (!record) return undefined;
    return { record, completed: await this.completedCount(runId), counts: await this.countOutcomes(runId) };
  }

  private async countOutcomes(runId: string): Promise<Partial<Record<CompanyAction, number>>> {
    const counts: Partial<Record<CompanyAction, number>> = {};
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(this.key(runId, 'outcomes'), cursor, 'COUNT', 1000);
      cursor = next;
      for (let i = 1; i < flat.length; i += 2) {
        const action = flat[i] as CompanyAction;
        counts[action] = (counts[action] ?? 0) + 1;
      }
    } while (cursor !== '0');
    return counts;
  }

  /** Builds the report of a run, stores it among the last 50, and returns it. */
  async finish(record: RunRecord, status: 'finished' | 'failed', error?: string, extra: Partial<Pick<RunReport, 'duplicateCustomers' | 'scope'>> = {}): Promise<RunReport> {
    const endedAt = new Date().toISOString();
    const finished: RunRecord = { ...record, status, endedAt, ...(error ? { error } : {}) };
    await this.save(finished);
    const counts = await this.countOutcomes(record.id);
    const failureEntries = await this.redis.hscan(this.key(record.id, 'failures'), '0', 'COUNT', 200);
    const flat = failureEntries[1];
    const failures: RunReport['failures'] = [];
    for (let i = 0; i + 1 < flat.length && failures.length < 200; i += 2) failures.push({ companyId: flat[i] as string, reason: flat[i + 1] as string });
    const calls = await this.redis.hgetall(this.key(record.id, 'calls'));
    const { fieldCounts, changes } = await this.collectChanges(record.id);
    const report: RunReport = {
      id: record.id,
      mode: record.mode,
      dryRun: record.dryRun,
      status,
      startedAt: record.startedAt,
      endedAt,
      durationMs: Date.parse(endedAt) - Date.parse(record.startedAt),
      scanned: record.scanned,
      created: counts.created ?? 0,
      updated: counts.updated ?? 0,
      unchanged: counts.unchanged ?? 0,
      skipped: counts.skipped ?? 0,
      archived: record.archived,
      failed: counts.failed ?? 0,
      outOfScope: counts['out-of-scope'] ?? 0,
      failures,
      hubspotCalls: Number(calls.hubspot ?? 0),
      sequenceCalls: Number(calls.sequence ?? 0),
      fieldCounts,
      changes,
      ...extra,
      ...(error ? { error } : {}),
    };
    // The report holds what the run's per-company hashes were for: they go within the hour.
    const multi = this.redis.multi().lpush(this.reportsKey, JSON.stringify(report)).ltrim(this.reportsKey, 0, KEEP_REPORTS - 1).del(this.key(record.id, 'seen'));
    for (const part of ['outcomes', 'failures', 'changes', 'calls'] as const) multi.expire(this.key(record.id, part), FINISHED_RUN_PARTS_TTL_SECONDS);
    await multi.exec();
    return report;
  }

  /** Counts per field over every changed company, and the first companies' changes (dry runs). */
  private async collectChanges(runId: string): Promise<Pick<RunReport, 'fieldCounts' | 'changes'>> {
    const fieldCounts: Record<string, number> = {};
    const changes: RunReport['changes'] = [];
    let cursor = '0';
    do {
      const [next, flat] = await this.redis.hscan(this.key(runId, 'changes'), cursor, 'COUNT', 1000);
      cursor = next;
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const stored = parseStored(StoredChanges, flat[i + 1] ?? null);
        if (!stored) continue;
        for (const field of stored.fields) fieldCounts[field] = (fieldCounts[field] ?? 0) + 1;
        if (stored.changes && changes.length < LISTED_CHANGES) {
          changes.push({ companyId: flat[i] as string, ...(stored.customerId ? { customerId: stored.customerId } : {}), changes: stored.changes });
        }
      }
    } while (cursor !== '0');
    changes.sort((a, b) => a.companyId.localeCompare(b.companyId, 'en', { numeric: true }));
    return { fieldCounts, changes };
  }

  /** The last reports, newest first. */
  async reports(limit = KEEP_REPORTS): Promise<RunReport[]> {
    const values = await this.redis.lrange(this.reportsKey, 0, limit - 1);
    return values.flatMap((v) => parseStored(RunReport, v) ?? []);
  }

  async report(runId: string): Promise<RunReport | undefined> {
    return (await this.reports()).find((r) => r.id === runId);
  }
}
