/** `archive-companies`: companies deleted in HubSpot → their customers archived (when ARCHIVE_ON_DELETE). */
import type { z } from 'zod';
import { JOB } from '../../queue/names';
import { summarize } from '../../queue/job-result';
import { ArchiveCompaniesPayload, type SyncJobResult } from '../../queue/payloads';
import { archiveDeletedCompanies, type ArchiveDeps } from '../../sync/archive-companies';
import { JobProcessor } from './base';
import type { Job } from 'bullmq';

export class ArchiveCompaniesProcessor extends JobProcessor<typeof ArchiveCompaniesPayload, SyncJobResult> {
  readonly name = JOB.archiveCompanies;
  protected readonly schema = ArchiveCompaniesPayload;

  constructor(
    private readonly deps: ArchiveDeps,
    private readonly archiveOnDelete: boolean,
  ) {
    super();
  }

  protected async handle(data: z.output<typeof ArchiveCompaniesPayload>, job: Job): Promise<SyncJobResult> {
    if (!this.archiveOnDelete) {
      this.deps.logger.info({ jobId: job.id, companyIds: data.companyIds }, 'companies deleted in HubSpot; ARCHIVE_ON_DELETE is off, customers kept');
      return summarize(data.companyIds.map((companyId) => ({ companyId, action: 'skipped', message: 'ARCHIVE_ON_DELETE is off' })));
    }
    return summarize(await archiveDeletedCompanies(this.deps, data.companyIds, { reason: 'deleted in HubSpot', jobId: job.id, source: data.source === 'cli' ? 'cli' : 'webhook' }));
  }
}
