/**
 * `sync-companies`: syncs a batch of companies. Companies that fail temporarily stay in the job for
 * its next attempt (BullMQ backoff); a 429 sends the rest of the batch back to the queue without
 * spending an attempt; refused credentials stop the worker.
 */
import { Worker, type Job } from 'bullmq';
import type { ApiError } from '../../errors';
import { CallTally, withCallTally } from '../../limits/call-tally';
import { JOB } from '../../queue/names';
import { earlierAttempts, finishedData, summarize } from '../../queue/job-result';
import { SyncCompaniesPayload, type CompanyResult, type SyncCompaniesData, type SyncJobResult } from '../../queue/payloads';
import type { RunStore } from '../../reconcile/runs';
import { syncCompanies, type SyncDeps } from '../../sync/sync-companies';
import { JobProcessor } from './base';
import { scopeFromPayload } from '../../scope/override';

export interface WorkerControl {
  /** Pauses the whole queue (every worker) for `ms`. */
  rateLimit(ms: number): Promise<void>;
  /** Stops this worker from taking jobs after the credentials were refused. */
  stopForAuthFailure(error: ApiError): Promise<void>;
}

export class TemporaryBatchFailure extends Error {
  constructor(readonly failures: { companyId: string; error: string }[]) {
    super(`${failures.length} compan${failures.length === 1 ? 'y' : 'ies'} failed temporarily; first: ${failures[0]?.companyId}: ${failures[0]?.error}`);
    this.name = 'TemporaryBatchFailure';
  }
}

export interface SyncProcessorOptions {
  /** Cap on the time one job may spend rate-limited before its companies are recorded as failed. */
  maxRateLimitedMs: number;
  /** Where reconciliation runs count the outcomes and calls of their batches. */
  runs: RunStore;
}

export class SyncCompaniesProcessor extends JobProcessor<typeof SyncCompaniesPayload, SyncJobResult> {
  readonly name = JOB.syncCompanies;
  protected readonly schema = SyncCompaniesPayload;

  constructor(
    private readonly deps: SyncDeps,
    private readonly control: WorkerControl,
    private readonly options: SyncProcessorOptions,
  ) {
    super();
  }

  protected async handle(data: SyncCompaniesData, job: Job): Promise<SyncJobResult> {
    const attempt = job.attemptsMade + 1;
    const finalAttempt = attempt >= (job.opts.attempts ?? 1);
    const tally = new CallTally();
    const outcome = await withCallTally(tally, () => syncCompanies(this.deps, {
      companyIds: data.companyIds,
      companies: data.companies,
      source: data.source,
      force: data.force,
      dryRun: data.dryRun,
      attempt,
      finalAttempt,
      jobId: job.id,
      runId: data.runId,
      scopeDeals: data.scopeDeals,
      scope: data.dryRun && data.scope ? scopeFromPayload(data.scope) : undefined,
    }));
    let done = summarize(outcome.results, earlierAttempts(data));
    if (data.runId) {
      await this.options.runs.recordOutcomes(data.runId, outcome.results, { dryRun: data.dryRun });
      // Parents synced outside the run's listing (e.g. outside the billing scope) exist: not candidates for deletion.
      if (outcome.syncedAsParents) await this.options.runs.markSeen(data.runId, outcome.syncedAsParents);
      if (data.keepResults) await this.options.runs.keepCompanyResults(data.runId, outcome.results);
      await this.options.runs.addCalls(data.runId, tally);
    }

    const unfinished = new Set([
      ...outcome.retry.map((r) => r.companyId),
      ...(outcome.rateLimited?.companyIds ?? []),
      ...(outcome.authFailure?.companyIds ?? []),
    ]);
    const keep = (ids: string[]) => ids.filter((id) => unfinished.has(id));
    const remaining = (extra: Partial<SyncCompaniesData> = {}): SyncCompaniesData => ({
      ...data,
      companyIds: keep(data.companyIds),
      companies: data.companies?.filter((c) => unfinished.has(c.id)),
      scopeDeals: data.scopeDeals && Object.fromEntries(Object.entries(data.scopeDeals).filter(([id]) => unfinished.has(id))),
      results: [],
      done,
      ...extra,
    });

    if (outcome.authFailure) {
      await job.updateData(remaining());
      await this.control.stopForAuthFailure(outcome.authFailure.error);
      throw Worker.RateLimitError();
    }
    if (outcome.rateLimited) {
      const { error } = outcome.rateLimited;
      const waitMs = Math.max(error.retryAfterMs ?? 0, 1_000);
      const rateLimitedMs = data.rateLimitedMs + waitMs;
      if (rateLimitedMs <= this.options.maxRateLimitedMs) {
        await job.updateData(remaining({ rateLimitedMs }));
        await this.control.rateLimit(waitMs);
        throw Worker.RateLimitError();
      }
      // Waited long enough: record the rest as failed so the next reconciliation picks them up.
      const reason = `rate-limited by ${error.service} for over ${Math.round(this.options.maxRateLimitedMs / 1000)} s`;
      const capped: CompanyResult[] = [];
      for (const companyId of outcome.rateLimited.companyIds) {
        if (!data.dryRun) await this.deps.failures.record(companyId, { kind: 'rate-limited', reason });
        const result: CompanyResult = { companyId, action: 'failed', message: reason };
        capped.push(result);
        unfinished.delete(companyId);
        this.deps.onOutcome?.(result, { durationMs: 0, source: data.source });
        this.deps.logger.error({ jobId: job.id, runId: data.runId, source: data.source, companyId, action: 'failed', attempt, durationMs: 0, reason }, 'company sync failed');
      }
      if (data.runId) await this.options.runs.recordOutcomes(data.runId, capped);
      if (data.runId && data.keepResults) await this.options.runs.keepCompanyResults(data.runId, capped);
      done = summarize(capped, done);
    }
    if (outcome.retry.length) {
      await job.updateData(remaining());
      throw new TemporaryBatchFailure(outcome.retry);
    }
    // The finished job keeps the ids and the counts; the companies the listing read, and their deals, go.
    const kept = finishedData(data);
    if (kept) await job.updateData(kept);
    return done;
  }
}
