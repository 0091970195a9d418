/**
 * A reconciliation run: list the companies (full: all of them under BILLING_SCOPE=all, else those the
 * scope matches plus every one already linked to a customer; incremental: those modified since the
 * checkpoint, plus the companies of the contacts modified since then and, in closed-won mode, of the
 * deals won since then), queue them for
 * sync in batches (with the company data already read, so the worker does not read
 * it again), save the checkpoint after every batch, wait for every company's outcome, archive the
 * customers of deleted companies (full runs), and write the report.
 *
 * A run that crashes is resumed by BullMQ (the reconcile job is stalled, then picked up again): it
 * continues from the checkpoint. Batch job ids are derived from the run id, so a batch queued just
 * before the crash is not queued twice.
 */
import type { Job } from 'bullmq';
import type { HubSpotCompany } from '../hubspot/types';
import { CallTally, withCallTally } from '../limits/call-tally';
import { companyPropertiesForSync } from '../sync/sync-companies';
import { scopeText } from '../../config/billing-scope';
import { describeScope, type BillingScope, type ScopeDeal } from '../scope';
import { scopeToPayload } from '../scope/override';
import { linkedCompanyIds, scopeCompanies, wonDealCompanies } from './scope-listing';
import { JOB } from '../queue/names';
import type { Services } from '../services';
import { sleep } from '../limits/rate-limiter';
import { chunk, unique } from '../shared/collections';
import { searchWindows } from './windows';
import { ASSOCIATION_BATCH_LIMIT, SEARCH_PAGE_LIMIT } from '../hubspot/gateway';
import { duplicatesSummary } from '../sequence/customer-index';
import { archiveDeletedCompanies, type ArchiveDeps } from '../sync/archive-companies';
import type { RunMode, RunRecord, RunReport, RunStore } from './runs';

/** The first batch of a run: one HubSpot list page. */
const FIRST_BATCH_SIZE = 100;

export interface ReconcileOptions {
  mode: RunMode;
  dryRun: boolean;
  /** Companies per sync job. */
  batchSize: number;
  /** Backpressure: listing waits while this many sync jobs are waiting. */
  maxQueuedBatches: number;
  archiveOnDelete: boolean;
  lookbackMs: number;
  /** Poll interval while waiting for outcomes. */
  pollMs?: number;
  /** Observes archive outcomes (metrics). */
  onOutcome?: ArchiveDeps['onOutcome'];
  /** The billing scope the run decides with (default: the configured one; a dry run may preview another). */
  scope?: BillingScope;
}

export { searchWindows } from './windows';

export function incrementalCheckpointKey(prefix: string): string {
  return `${prefix}:reconcile:incremental:since`;
}

/** Job ids may not contain ':'; scheduler job ids do. */
export function batchJobId(runId: string, batch: number): string {
  return `rec-${runId.replace(/:/g, '_')}-${batch}`;
}

export class ReconcileRunner {
  constructor(
    private readonly services: Services,
    private readonly runs: RunStore,
    private readonly options: ReconcileOptions,
  ) {}

  private get scope(): BillingScope {
    return this.options.scope ?? this.services.config.scope;
  }

  /** Whether the run's sync jobs must carry the scope (a dry run previewing a scope other than the worker's). */
  private get scopeOverride() {
    return this.options.dryRun && this.options.scope ? scopeToPayload(this.options.scope) : undefined;
  }

  private get properties() {
    return companyPropertiesForSync(this.services.config.mapping, this.scope);
  }

  /** Starts or resumes the run `runId`. */
  async run(runId: string, job?: Job): Promise<RunReport> {
    const tally = new CallTally();
    try {
      return await withCallTally(tally, () => this.execute(runId, tally, job));
    } finally {
      await this.runs.addCalls(runId, tally).catch(() => undefined);
    }
  }

  private async execute(runId: string, tally: CallTally, job?: Job): Promise<RunReport> {
    const { logger } = this.services;
    let record = (await this.runs.get(runId)) ?? (await this.start(runId));
    const resumed = record.scanned > 0 || record.listingDone;
    logger.info({ runId, mode: record.mode, dryRun: record.dryRun, resumed, scanned: record.scanned, scope: scopeText(this.scope) }, resumed ? 'reconciliation resumed' : 'reconciliation started');
    if (!record.listingDone) {
      if (record.mode === 'full') record = await this.listFull(record, job);
      else {
        if (!record.companiesListed) {
          record = { ...(await this.listModified(record, job)), companiesListed: true };
          await this.runs.save(record);
        }
        record = await this.listModifiedContacts(record, job);
        record = await this.listModifiedWonDeals(record, job);
        record = await this.queueFailures(record);
      }
      record = { ...record, listingDone: true };
      await this.runs.save(record);
    }
    await this.waitForOutcomes(record, job);
    // The listing this run's batches decided from grows stale from here on: later syncs read instead.
    if (record.mode === 'full') await this.services.index.dropListing();
    if (record.mode === 'full' && this.options.archiveOnDelete) record = await this.archiveDeleted(record);
    if (!record.dryRun) await this.advanceCheckpoint(record);
    await this.flushCalls(record.id, tally);
    const duplicateCustomers = record.mode === 'full' ? await this.services.index.duplicates() : undefined;
    const report = await this.runs.finish(record, 'finished', undefined, { scope: scopeText(this.scope), ...(duplicateCustomers ? { duplicateCustomers } : {}) });
    logger.info({ ...report, failures: report.failures.slice(0, 20), duplicateCustomers: duplicateCustomers?.items.slice(0, 20) }, 'reconciliation finished');
    if (duplicateCustomers?.count) {
      logger.warn(
        { runId: record.id, count: duplicateCustomers.count, first: duplicateCustomers.items.slice(0, 20) },
        `${duplicatesSummary(duplicateCustomers.count)}; keep the one this service links (crm-sequence-sync status marks it) and archive the others in Sequence`,
      );
    }
    return report;
  }

  /** Records the run as failed (its last attempt gave up) and returns the report. */
  async fail(runId: string, error: unknown): Promise<RunReport> {
    const record = await this.runs.get(runId);
    const message = error instanceof Error ? error.message : String(error);
    const report = record
      ? await this.runs.finish(record, 'failed', message)
      : await this.runs.finish({ id: runId, mode: this.options.mode, dryRun: this.options.dryRun, status: 'running', startedAt: new Date().toISOString(), scanned: 0, batches: 0, listingDone: false, archived: 0 }, 'failed', message);
    this.services.logger.error({ ...report, failures: report.failures.slice(0, 20) }, 'reconciliation failed');
    return report;
  }

  private async start(runId: string): Promise<RunRecord> {
    const { mode, dryRun, lookbackMs } = this.options;
    let sinceMs: number | undefined;
    if (mode === 'incremental') {
      const checkpoint = await this.services.redis.get(incrementalCheckpointKey(this.services.config.redis.prefix));
      sinceMs = checkpoint ? Math.max(0, Number(checkpoint) - lookbackMs) : 0;
    }
    const record: RunRecord = {
      id: runId,
      mode,
      dryRun,
      status: 'running',
      startedAt: new Date().toISOString(),
      scanned: 0,
      batches: 0,
      listingDone: false,
      archived: 0,
      ...(sinceMs !== undefined ? { sinceMs } : {}),
    };
    await this.runs.save(record);
    return record;
  }

  /**
   * Full: BILLING_SCOPE=all lists every company. A narrower scope reads only what it needs: the
   * companies it matches (won deals → their companies, or a company search with its filter), then
   * every company already linked to a customer, so they still update and deletions are still seen.
   */
  private async listFull(record: RunRecord, job?: Job): Promise<RunRecord> {
    const scope = this.scope;
    if (scope.kind === 'all') return this.listAll(record, job);
    let current = record;
    if (!current.scopeListed) {
      if (current.scanned === 0 && current.scopeCursor === undefined) await this.services.index.rebuild();
      current = scope.kind === 'closed-won' ? await this.listWonDeals(current, scope, undefined, job) : await this.listScopeCompanies(current, job);
      current = { ...current, scopeListed: true };
      await this.runs.save(current);
      this.services.logger.info({ runId: current.id, scope: describeScope(scope), scanned: current.scanned }, 'companies in the billing scope listed');
    }
    if (!current.linkedQueued) {
      current = { ...(await this.queueLinked(current, job)), linkedQueued: true };
      await this.runs.save(current);
    }
    return current;
  }

  /** closed-won: companies with a won deal (modified since `sinceMs`, for incremental runs), queued with their won deals. */
  private async listWonDeals(record: RunRecord, scope: Extract<BillingScope, { kind: 'closed-won' }>, sinceMs: number | undefined, job?: Job): Promise<RunRecord> {
    let current = record;
    const cursorField = sinceMs === undefined ? 'scopeCursor' : 'wonDealCursor';
    for await (const page of wonDealCompanies(this.services.gateway, scope, { cursor: record[cursorField], sinceMs })) {
      const ids = [...page.deals.keys()];
      const seen = await this.runs.seen(current.id, ids);
      const fresh = ids.filter((_, i) => !seen[i]);
      current = await this.queue(current, fresh, undefined, 'reconcile', { [cursorField]: page.cursor, wonDealsScanned: (current.wonDealsScanned ?? 0) + page.dealCount }, job, page.deals);
    }
    return current;
  }

  /** lifecycle / property: the companies the scope's filter matches, queued with the data the search read. */
  private async listScopeCompanies(record: RunRecord, job?: Job): Promise<RunRecord> {
    let current = record;
    for await (const { items, lastId } of scopeCompanies(this.services.gateway, this.scope, { cursor: record.scopeCursor, properties: this.properties })) {
      const seen = await this.runs.seen(current.id, items.map((c) => c.id));
      const fresh = items.filter((_, i) => !seen[i]);
      current = await this.queue(current, fresh.map((c) => c.id), fresh, 'reconcile', { scopeCursor: lastId }, job);
    }
    return current;
  }

  /** Every company with a customer that the scope's listing did not queue (Redis only: links and the customer index). */
  private async queueLinked(record: RunRecord, job?: Job): Promise<RunRecord> {
    let current = record;
    for await (const { ids } of linkedCompanyIds(this.services.links, this.services.index)) {
      const distinct = unique(ids);
      const seen = await this.runs.seen(current.id, distinct);
      current = await this.queueIds(current, distinct.filter((_, i) => !seen[i]), 'reconcile', {}, job);
    }
    return current;
  }

  /** Incremental, closed-won: companies of the deals moved into a won stage since the checkpoint. */
  private async listModifiedWonDeals(record: RunRecord, job?: Job): Promise<RunRecord> {
    const scope = this.scope;
    if (scope.kind !== 'closed-won' || !record.sinceMs || record.wonDealsListed) return record;
    const current = { ...(await this.listWonDeals(record, scope, record.sinceMs, job)), wonDealsListed: true };
    await this.runs.save(current);
    return current;
  }

  /** Full: every company, 100 per call, in id order. */
  private async listAll(record: RunRecord, job?: Job): Promise<RunRecord> {
    if (record.scanned === 0) await this.services.index.rebuild();
    let current = record;
    let buffer: HubSpotCompany[] = [];
    let after = record.cursor;
    for (;;) {
      const page = await this.services.gateway.listCompanies({ after, properties: this.properties });
      buffer.push(...page.companies);
      after = page.nextAfter;
      if (buffer.length >= this.batchTarget(current) || !after) {
        current = await this.queueBatches(current, buffer, after, job);
        buffer = [];
      }
      if (!after) return current;
    }
  }

  /**
   * A run's first batch is one list page, so the first writes go out within a second of the start
   * instead of after a whole batch's HubSpot reads; the rest are SYNC_BATCH_SIZE. One small batch
   * costs about one association call more per run (a doubling ramp cost ~0.001 calls per company).
   */
  private batchTarget(record: RunRecord): number {
    return record.batches === 0 ? Math.min(this.options.batchSize, FIRST_BATCH_SIZE) : this.options.batchSize;
  }

  /** Incremental: companies modified since the checkpoint, windowed on hs_object_id past the 10k cap. */
  private async listModified(record: RunRecord, job?: Job): Promise<RunRecord> {
    let current = record;
    const windows = searchWindows(record.cursor, (afterId) => this.services.gateway.searchModifiedSince({ sinceMs: record.sinceMs ?? 0, afterId, properties: this.properties }).then((p) => p.companies));
    for await (const { items, lastId } of windows) current = await this.queueBatches(current, items, lastId, job);
    return current;
  }

  /**
   * Incremental: a change to a contact alone does not move its companies' hs_lastmodifieddate, so
   * the contacts modified since the checkpoint are searched too (200 per call, windowed like the
   * companies), their companies read through associations (up to 1000 contacts per call), and the
   * companies not already queued by this run are queued. Without a checkpoint every company was
   * already listed, so there is nothing to add.
   */
  private async listModifiedContacts(record: RunRecord, job?: Job): Promise<RunRecord> {
    if (!record.sinceMs) return record;
    const { gateway } = this.services;
    let current = record;
    let pending: string[] = [];
    const flush = async (cursor: string | undefined) => {
      const byContact = pending.length ? await gateway.readContactCompanies(pending) : new Map<string, string[]>();
      const companyIds = unique([...byContact.values()].flat());
      const seen = await this.runs.seen(current.id, companyIds);
      const fresh = companyIds.filter((_, i) => !seen[i]);
      current = await this.queueIds(current, fresh, 'reconcile', { contactCursor: cursor, contactsScanned: (current.contactsScanned ?? 0) + pending.length }, job);
      pending = [];
    };
    const windows = searchWindows(record.contactCursor, (afterId) => gateway.searchContactsModifiedSince({ sinceMs: record.sinceMs ?? 0, afterId }).then((p) => p.contactIds));
    let last = record.contactCursor;
    for await (const { items, lastId } of windows) {
      pending.push(...items);
      last = lastId;
      // One association call takes up to 1000 contacts: five search pages.
      if (pending.length > ASSOCIATION_BATCH_LIMIT - SEARCH_PAGE_LIMIT) await flush(last);
    }
    if (pending.length) await flush(last);
    return current;
  }

  /** The incremental run also retries every company in the failure index (unless this run already queued it). */
  private async queueFailures(record: RunRecord): Promise<RunRecord> {
    const ids = await this.services.failures.ids();
    const seen = await this.runs.seen(record.id, ids);
    return this.queueIds(record, ids.filter((_, i) => !seen[i]), 'retry', {});
  }

  /** Queues companies by id (the sync job reads them), marking them seen so a run queues each company once. */
  /** Queues companies by id: their data is read by the sync job. */
  private queueIds(record: RunRecord, ids: string[], source: 'reconcile' | 'retry', progress: Partial<RunRecord>, job?: Job): Promise<RunRecord> {
    return this.queue(record, ids, undefined, source, progress, job);
  }

  /** Queues listed companies with the data the listing already read. */
  private queueBatches(record: RunRecord, companies: HubSpotCompany[], cursor: string | undefined, job?: Job): Promise<RunRecord> {
    return this.queue(record, companies.map((c) => c.id), companies, 'reconcile', { cursor }, job);
  }

  /** Marks the companies seen by the run, queues them in batches, then saves the run's progress. */
  private async queue(
    record: RunRecord,
    ids: string[],
    companies: HubSpotCompany[] | undefined,
    source: 'reconcile' | 'retry',
    progress: Partial<RunRecord>,
    job?: Job,
    scopeDeals?: ReadonlyMap<string, ScopeDeal[]>,
  ): Promise<RunRecord> {
    let current = record;
    const size = this.options.batchSize;
    for (let start = 0; start < ids.length; start += size) {
      const part = ids.slice(start, start + size);
      await this.waitForRoom();
      await this.runs.markSeen(current.id, part);
      const deals = scopeDeals ? Object.fromEntries(part.flatMap((id) => (scopeDeals.has(id) ? [[id, scopeDeals.get(id)!]] : []))) : undefined;
      await this.addBatch(current, part, companies?.slice(start, start + size), source, deals);
      current = { ...current, scanned: current.scanned + part.length, batches: current.batches + 1 };
    }
    current = { ...current, ...progress };
    await this.runs.save(current);
    if (ids.length) await job?.updateProgress({ scanned: current.scanned });
    return current;
  }

  private async addBatch(record: RunRecord, companyIds: string[], companies: HubSpotCompany[] | undefined, source: 'reconcile' | 'retry', scopeDeals?: Record<string, ScopeDeal[]>): Promise<void> {
    const scope = this.scopeOverride;
    await this.services.queues.sync.add(
      JOB.syncCompanies,
      {
        companyIds,
        ...(companies ? { companies } : {}),
        ...(scopeDeals && Object.keys(scopeDeals).length ? { scopeDeals } : {}),
        ...(scope ? { scope } : {}),
        source,
        runId: record.id,
        dryRun: record.dryRun,
      },
      { jobId: batchJobId(record.id, record.batches) },
    );
  }

  private async waitForRoom(): Promise<void> {
    while ((await this.services.queues.sync.getWaitingCount()) >= this.options.maxQueuedBatches) await sleep(100);
  }

  /** Waits until every queued company has an outcome; a batch that ended without one counts its companies as failed. */
  private async waitForOutcomes(record: RunRecord, job?: Job): Promise<void> {
    const pollMs = this.options.pollMs ?? 100;
    let lastCompleted = -1;
    let idleSince = Date.now();
    for (;;) {
      const completed = await this.runs.completedCount(record.id);
      if (completed >= record.scanned) return;
      if (completed !== lastCompleted) {
        lastCompleted = completed;
        idleSince = Date.now();
        await job?.updateProgress({ scanned: record.scanned, completed });
      } else if (Date.now() - idleSince > 10_000) {
        idleSince = Date.now();
        if (await this.allBatchesEnded(record)) {
          await this.failUnfinished(record);
          return;
        }
      }
      await sleep(pollMs);
    }
  }

  private async allBatchesEnded(record: RunRecord): Promise<boolean> {
    for (let batch = 0; batch < record.batches; batch += 1) {
      const state = await this.services.queues.sync.getJobState(batchJobId(record.id, batch));
      if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return false;
    }
    return true;
  }

  private async failUnfinished(record: RunRecord): Promise<void> {
    for (let batch = 0; batch < record.batches; batch += 1) {
      const job = await this.services.queues.sync.getJob(batchJobId(record.id, batch));
      const ids: string[] = Array.isArray(job?.data?.companyIds) ? (job.data.companyIds as string[]) : [];
      const outcomes = await this.runs.outcomeOf(record.id, ids);
      const missing = ids.filter((_, i) => outcomes[i] === null);
      const reason = `sync job ended without an outcome: ${job?.failedReason ?? 'job missing'}`;
      await this.runs.recordOutcomes(record.id, missing.map((companyId) => ({ companyId, action: 'failed', message: reason })));
    }
  }

  /**
   * Full runs: customers of companies HubSpot no longer has are archived (once HubSpot confirms
   * they are gone). The candidates are the linked companies the run did not see (BILLING_SCOPE=all:
   * its listing has every live company) or that it synced and HubSpot reported missing (a narrower
   * scope queues every linked company by id).
   */
  private async archiveDeleted(record: RunRecord): Promise<RunRecord> {
    const candidates = new Set<string>();
    for await (const { active } of linkedCompanyIds(this.services.links, this.services.index)) {
      const ids = [...new Set(active)];
      const seen = await this.runs.seen(record.id, ids);
      const outcomes = await this.runs.outcomeOf(record.id, ids);
      ids.forEach((id, i) => (!seen[i] || outcomes[i] === 'skipped') && candidates.add(id));
    }
    let archived = 0;
    for (const part of chunk([...candidates], 100)) {
      const results = await archiveDeletedCompanies({ ...this.services, mapping: this.services.config.mapping, onOutcome: this.options.onOutcome }, part, {
        source: 'reconcile',
        dryRun: record.dryRun,
        reason: 'company no longer exists in HubSpot (full reconciliation)',
        runId: record.id,
      });
      archived += results.filter((r) => r.action === 'archived').length;
    }
    const next = { ...record, archived };
    await this.runs.save(next);
    return next;
  }

  /** Adds the calls counted so far to the run, and starts counting from zero again. */
  private async flushCalls(runId: string, tally: CallTally): Promise<void> {
    await this.runs.addCalls(runId, { hubspot: tally.hubspot, sequence: tally.sequence });
    tally.hubspot = 0;
    tally.sequence = 0;
  }

  /** After a run, the next incremental run starts from when this one started (minus the lookback). */
  private async advanceCheckpoint(record: RunRecord): Promise<void> {
    const key = incrementalCheckpointKey(this.services.config.redis.prefix);
    const startedAt = String(Date.parse(record.startedAt));
    // Only ever forward: a long full run must not move back a newer incremental checkpoint.
    await this.services.redis.eval(
      `local cur = tonumber(redis.call('GET', KEYS[1]) or '0') if tonumber(ARGV[1]) > cur then redis.call('SET', KEYS[1], ARGV[1]) end return 0`,
      1,
      key,
      startedAt,
    );
  }
}
