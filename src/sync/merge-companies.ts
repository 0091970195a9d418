/**
 * Companies merged in HubSpot: the merged-away companies' customers are either relinked to the
 * surviving company (when it has no customer yet: the billing history stays with the customer) or
 * archived (when it has one), and the survivor is then synced.
 */
import { companyAlias } from '../mappers';
import type { CompanyResult } from '../queue/payloads';
import type { ArchiveDeps } from './archive-companies';
import type { MappingConfig } from '../../config/mapping';

export interface MergeDeps extends ArchiveDeps {
  mapping: MappingConfig;
  archiveOnDelete: boolean;
}

export async function settleMergedCompanies(deps: MergeDeps, primaryId: string, mergedIds: readonly string[]): Promise<CompanyResult[]> {
  const results: CompanyResult[] = [];
  for (const mergedId of mergedIds.filter((id) => id !== primaryId)) {
    const result = await deps.locks.withLock(primaryId, () => deps.locks.withLock(mergedId, () => settleOne(deps, primaryId, mergedId)));
    deps.logger.info({ companyId: mergedId, customerId: result.customerId, action: result.action, mergedInto: primaryId, reason: result.message }, `company ${result.action}`);
    results.push(result);
  }
  return results;
}

async function settleOne(deps: MergeDeps, primaryId: string, mergedId: string): Promise<CompanyResult> {
  const mergedLink = await deps.links.get(mergedId);
  const customerId = mergedLink?.customerId ?? (await deps.index.lookup(mergedId));
  if (!customerId || mergedLink?.mergedInto) {
    return { companyId: mergedId, action: 'skipped', customerId, message: `merged into ${primaryId}; no customer to move` };
  }
  const survivorLink = await deps.links.get(primaryId);
  const survivorAlias = companyAlias(primaryId, deps.mapping);
  const survivorCustomerId =
    survivorLink?.customerId ?? (await deps.index.lookup(primaryId)) ?? (await deps.sequence.findCustomerByAlias(survivorAlias))?.id;

  if (!survivorCustomerId) {
    await deps.sequence.createCustomerAlias(
      { customerId, value: survivorAlias, label: 'HubSpot company' },
      `crm-sequence-sync:${survivorAlias}:${customerId}`,
    );
    await deps.links.update(primaryId, { customerId, hash: undefined, lastOutcome: 'updated', lastMessage: `customer moved from merged company ${mergedId}` });
    await deps.links.update(mergedId, { customerId: undefined, hash: undefined, mergedInto: primaryId, lastOutcome: 'skipped', lastMessage: `merged into ${primaryId}; customer relinked` });
    return { companyId: mergedId, action: 'skipped', customerId, message: `merged into ${primaryId}; its customer now belongs to ${primaryId}` };
  }
  await deps.links.update(mergedId, { mergedInto: primaryId });
  if (survivorCustomerId === customerId || !deps.archiveOnDelete) {
    return { companyId: mergedId, action: 'skipped', customerId, message: `merged into ${primaryId}; customer kept` };
  }
  const archived = await deps.sequence.archiveCustomer(customerId);
  await deps.links.update(mergedId, { archivedAt: archived.archivedAt ?? new Date().toISOString(), lastOutcome: 'archived', lastMessage: `merged into ${primaryId}` });
  return { companyId: mergedId, action: 'archived', customerId, message: `merged into ${primaryId}, which has its own customer` };
}
