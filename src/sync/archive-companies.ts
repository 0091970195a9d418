/**
 * Archiving the customers of companies deleted in HubSpot. Sequence has no delete, only archive
 * (and no unarchive in 2024-07-30), so this runs only for companies HubSpot confirms are gone:
 * webhook events arrive out of order, and a deletion may already have been undone by a restore.
 */
import type { Logger } from 'pino';
import { ApiError } from '../errors';
import type { HubSpotGateway } from '../hubspot/gateway';
import type { CompanyResult, SyncSource } from '../queue/payloads';
import type { SequenceClient } from '../sequence/client';
import type { CustomerIndex } from '../sequence/customer-index';
import type { LinkStore } from '../sequence/links';
import type { MappingConfig } from '../../config/mapping';
import { companyAlias } from '../mappers';
import type { CompanyLocks } from './company-lock';
import type { OutcomeObserver } from './sync-companies';

export interface ArchiveDeps {
  mapping: Pick<MappingConfig, 'aliasPrefix'>;
  gateway: HubSpotGateway;
  sequence: SequenceClient;
  links: LinkStore;
  index: CustomerIndex;
  locks: CompanyLocks;
  logger: Logger;
  onOutcome?: OutcomeObserver;
}

export interface ArchiveOptions {
  dryRun?: boolean;
  /** Why, for the log line (e.g. "deleted in HubSpot", "not found by the full reconciliation"). */
  reason: string;
  jobId?: string;
  runId?: string;
  source: SyncSource;
}

/** Archives the customers of those companies that HubSpot no longer has. */
export async function archiveDeletedCompanies(deps: ArchiveDeps, companyIds: readonly string[], options: ArchiveOptions): Promise<CompanyResult[]> {
  const { missing } = await deps.gateway.readCompanies(companyIds, ['hs_object_id']);
  const gone = new Set(missing);
  const results: CompanyResult[] = [];
  for (const companyId of companyIds) {
    const started = performance.now();
    const result = gone.has(companyId)
      ? await deps.locks.withLock(companyId, () => archiveOne(deps, companyId, options))
      : { companyId, action: 'skipped' as const, message: 'company exists in HubSpot; not archived' };
    results.push(result);
    const durationMs = performance.now() - started;
    const line = { jobId: options.jobId, runId: options.runId, source: options.source, companyId, customerId: result.customerId, action: result.action, durationMs: Math.round(durationMs), notes: result.message ?? options.reason, ...(options.dryRun ? { dryRun: true } : {}) };
    deps.logger.info(line, `company ${result.action}${options.dryRun ? ' (dry run: nothing written)' : ''}`);
    deps.onOutcome?.(result, { durationMs, source: options.source });
  }
  return results;
}

async function archiveOne(deps: ArchiveDeps, companyId: string, options: ArchiveOptions): Promise<CompanyResult> {
  const link = await deps.links.get(companyId);
  if (link?.mergedInto) return { companyId, action: 'skipped', message: `merged into ${link.mergedInto}; handled by the merge` };
  const customerId = link?.customerId ?? (await deps.index.lookup(companyId));
  if (!customerId) return { companyId, action: 'skipped', message: 'no customer linked to this company' };
  // Known only from its HubSpot integration id (no link): archive it only if it carries our alias, i.e.
  // this installation synced it. Another HubSpot account's companies, or customers nobody adopted, are left alone.
  if (!link?.customerId) {
    const aliases = await deps.sequence.getCustomerAliases(customerId);
    if (!aliases.some((a) => a.value === companyAlias(companyId, deps.mapping))) {
      return { companyId, action: 'skipped', customerId, message: 'customer was not synced by this installation (no alias of ours); not archived' };
    }
  }
  if (link?.archivedAt) return { companyId, action: 'skipped', customerId, message: 'customer already archived' };
  const customer = await deps.sequence.findCustomer(customerId);
  if (!customer) return { companyId, action: 'skipped', customerId, message: 'customer no longer exists in Sequence' };
  if (customer.archivedAt) {
    if (!options.dryRun) await deps.links.update(companyId, { customerId, archivedAt: customer.archivedAt, lastOutcome: 'archived' });
    return { companyId, action: 'skipped', customerId, message: 'customer already archived in Sequence' };
  }
  // A customer that also carries another HubSpot company that still exists is that company's too.
  const others = customer.integrationIds.filter((i) => i.service === 'HubSpot' && i.id !== companyId).map((i) => i.id);
  if (others.length && (await deps.gateway.readCompanies(others, ['hs_object_id'])).companies.length) {
    return { companyId, action: 'skipped', customerId, message: `customer also belongs to HubSpot company ${others.join(', ')}; not archived` };
  }
  if (options.dryRun) return { companyId, action: 'archived', customerId, message: `would archive: ${options.reason}` };
  try {
    const archived = await deps.sequence.archiveCustomer(customerId);
    const at = archived.archivedAt ?? new Date().toISOString();
    await deps.links.update(companyId, { customerId, archivedAt: at, lastOutcome: 'archived', lastMessage: options.reason, lastSyncedAt: new Date().toISOString() });
    return { companyId, action: 'archived', customerId, message: options.reason };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { companyId, action: 'skipped', customerId, message: 'customer no longer exists in Sequence' };
    throw error;
  }
}
