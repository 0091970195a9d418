/**
 * `merge-companies`: once HubSpot confirms the merge, relink or archive the merged-away companies'
 * customers, then sync the survivor. A merge HubSpot does not confirm (a stale or false event) only
 * syncs every company it names: nothing is relinked or archived.
 */
import type { Job } from 'bullmq';
import type { z } from 'zod';
import { JOB } from '../../queue/names';
import { summarize } from '../../queue/job-result';
import { MergeCompaniesPayload, type SyncJobResult } from '../../queue/payloads';
import { confirmMerge, settleMergedCompanies, type MergeDeps } from '../../sync/merge-companies';
import { syncCompanies, type SyncDeps } from '../../sync/sync-companies';
import { JobProcessor } from './base';
import { TemporaryBatchFailure } from './sync-companies';

export class MergeCompaniesProcessor extends JobProcessor<typeof MergeCompaniesPayload, SyncJobResult> {
  readonly name = JOB.mergeCompanies;
  protected readonly schema = MergeCompaniesPayload;

  constructor(
    private readonly mergeDeps: MergeDeps,
    private readonly syncDeps: SyncDeps,
  ) {
    super();
  }

  protected async handle(data: z.output<typeof MergeCompaniesPayload>, job: Job): Promise<SyncJobResult> {
    const confirmation = await confirmMerge(this.mergeDeps, data.primaryId, data.mergedIds);
    if (!confirmation.confirmed) {
      this.mergeDeps.logger.warn(
        { jobId: job.id, source: 'merge', companyId: data.primaryId, mergedIds: data.mergedIds, reasons: confirmation.problems },
        'merge not confirmed by HubSpot; syncing every named company instead, nothing relinked or archived',
      );
    }
    const settled = confirmation.confirmed ? await settleMergedCompanies(this.mergeDeps, data.primaryId, data.mergedIds) : [];
    const attempt = job.attemptsMade + 1;
    const outcome = await syncCompanies(this.syncDeps, {
      companyIds: confirmation.confirmed ? [data.primaryId] : [...new Set([data.primaryId, ...data.mergedIds])],
      source: 'merge',
      attempt,
      finalAttempt: attempt >= (job.opts.attempts ?? 1),
      jobId: job.id,
    });
    // Settling is idempotent (links record the merge), so a retry of the whole job is safe.
    if (outcome.retry.length || outcome.rateLimited || outcome.authFailure) {
      throw new TemporaryBatchFailure(outcome.retry.length ? outcome.retry : [{ companyId: data.primaryId, error: 'rate-limited or refused' }]);
    }
    return summarize([...settled, ...outcome.results]);
  }
}
