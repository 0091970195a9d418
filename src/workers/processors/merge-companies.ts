/**
 * `merge-companies`: what HubSpot confirms decides what is done with each merged-away id.
 * - merged (the survivor lists it in `hs_merged_object_ids`): its customer is relinked or archived;
 * - gone (HubSpot no longer has it, and no company lists it): a deletion, handled as a deletion
 *   webhook is (archived only under ARCHIVE_ON_DELETE, and only once HubSpot confirms it is gone);
 * - contradicting the event (still its own company, or merged into another): the merge is not
 *   confirmed, nothing is relinked or archived as merged, and every named company is synced instead.
 * The survivor is synced in every case. With PARENT_CUSTOMERS, a confirmed merge also sends the
 * survivor's child companies to the pending syncs: HubSpot moves the merged-away company's children
 * to the survivor, and their customers must follow (under the survivor's customer, when the merged
 * one was archived or kept apart); a child whose customer already has that parent is left unchanged.
 */
import type { Job } from 'bullmq';
import type { z } from 'zod';
import { JOB } from '../../queue/names';
import { summarize } from '../../queue/job-result';
import { MergeCompaniesPayload, type CompanyResult, type SyncJobResult } from '../../queue/payloads';
import { archiveDeletedCompanies } from '../../sync/archive-companies';
import { confirmMerge, settleMergedCompanies, type MergeDeps } from '../../sync/merge-companies';
import { syncCompanies, type SyncDeps } from '../../sync/sync-companies';
import type { PendingChanges } from '../../triggers/pending';
import { JobProcessor } from './base';
import { TemporaryBatchFailure } from './sync-companies';

export class MergeCompaniesProcessor extends JobProcessor<typeof MergeCompaniesPayload, SyncJobResult> {
  readonly name = JOB.mergeCompanies;
  protected readonly schema = MergeCompaniesPayload;

  constructor(
    private readonly mergeDeps: MergeDeps,
    private readonly syncDeps: SyncDeps,
    private readonly pending: PendingChanges,
  ) {
    super();
  }

  protected async handle(data: z.output<typeof MergeCompaniesPayload>, job: Job): Promise<SyncJobResult> {
    // A merge naming only the primary (or nothing) has nothing to settle: it is a sync of the primary.
    const mergedIds = data.mergedIds.filter((id) => id !== data.primaryId);
    const confirmation = mergedIds.length
      ? await confirmMerge(this.mergeDeps, data.primaryId, mergedIds)
      : { confirmed: true, merged: [], gone: [], problems: [] };
    if (!confirmation.confirmed) {
      this.mergeDeps.logger.warn(
        { jobId: job.id, source: 'merge', companyId: data.primaryId, mergedIds, reasons: confirmation.problems },
        'merge not confirmed by HubSpot; syncing every named company instead, nothing relinked or archived',
      );
    }
    const deleted = await this.handleDeletions(confirmation.gone, job);
    const settled = confirmation.confirmed ? await settleMergedCompanies(this.mergeDeps, data.primaryId, confirmation.merged) : [];
    if (confirmation.confirmed && confirmation.merged.length && this.mergeDeps.mapping.parentCustomers) await this.resyncChildren(data.primaryId);
    const gone = new Set(confirmation.gone);
    const attempt = job.attemptsMade + 1;
    const outcome = await syncCompanies(this.syncDeps, {
      companyIds: confirmation.confirmed ? [data.primaryId] : [...new Set([data.primaryId, ...mergedIds])].filter((id) => !gone.has(id)),
      source: 'merge',
      attempt,
      finalAttempt: attempt >= (job.opts.attempts ?? 1),
      jobId: job.id,
    });
    // Settling and archiving are idempotent (links record them), so a retry of the whole job is safe.
    if (outcome.retry.length || outcome.rateLimited || outcome.authFailure) {
      throw new TemporaryBatchFailure(outcome.retry.length ? outcome.retry : [{ companyId: data.primaryId, error: 'rate-limited or refused' }]);
    }
    return summarize([...deleted, ...settled, ...outcome.results]);
  }

  /** The survivor's child companies (the merged-away ones' among them, moved by HubSpot) join the pending syncs. */
  private async resyncChildren(primaryId: string): Promise<void> {
    const children = (await this.mergeDeps.gateway.readChildCompanies([primaryId])).get(primaryId) ?? [];
    if (children.length) await this.pending.add('companies', children);
  }

  /** Ids that are simply gone, as the archive-companies job treats deletions. */
  private async handleDeletions(companyIds: string[], job: Job): Promise<CompanyResult[]> {
    if (!companyIds.length) return [];
    if (this.mergeDeps.archiveOnDelete) {
      return archiveDeletedCompanies(this.mergeDeps, companyIds, { reason: 'deleted in HubSpot', jobId: job.id, source: 'merge' });
    }
    return companyIds.map((companyId) => {
      const result: CompanyResult = { companyId, action: 'skipped', message: 'ARCHIVE_ON_DELETE is off' };
      this.mergeDeps.logger.info({ jobId: job.id, source: 'merge', companyId, action: result.action, notes: result.message }, 'company skipped');
      return result;
    });
  }
}
