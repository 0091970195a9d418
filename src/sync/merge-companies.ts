/**
 * Companies merged in HubSpot: the merged-away companies' customers are either relinked to the
 * surviving company (when it has no customer yet: the billing history stays with the customer) or
 * archived (when it has one), and the survivor is then synced.
 *
 * Archiving cannot be undone through Sequence's API, so a merge event is trusted only once HubSpot
 * confirms it (`confirmMerge`), as deletions are: reading a merged-away id answers with the
 * surviving company, whose `hs_merged_object_ids` lists it.
 */
import { companyAlias } from '../mappers';
import type { CompanyResult } from '../queue/payloads';
import type { HubSpotGateway } from '../hubspot/gateway';
import type { ArchiveDeps } from './archive-companies';
import type { MappingConfig } from '../../config/mapping';

export interface MergeDeps extends ArchiveDeps {
  mapping: MappingConfig;
  archiveOnDelete: boolean;
}

export interface MergeConfirmation {
  confirmed: boolean;
  /** Why HubSpot does not confirm the merge, one entry per merged id it contradicts. */
  problems: string[];
}

/**
 * Asks HubSpot whether every merged-away id now resolves to the surviving company (or is gone).
 * An id HubSpot still answers with as its own company, or that resolves to another company, refutes the event.
 */
export async function confirmMerge(deps: { gateway: Pick<HubSpotGateway, 'readCompanies'> }, primaryId: string, mergedIds: readonly string[]): Promise<MergeConfirmation> {
  const others = mergedIds.filter((id) => id !== primaryId);
  const { companies } = await deps.gateway.readCompanies([primaryId, ...others], ['hs_object_id', 'hs_merged_object_ids']);
  const byId = new Map(companies.map((c) => [c.id, c]));
  const mergedInto = new Map<string, string>();
  for (const company of companies) {
    for (const id of parseIdList(company.properties.hs_merged_object_ids)) mergedInto.set(id, company.id);
  }
  // The survivor may itself carry a new id after the merge: then it lists the primary id too.
  const survivorIds = new Set([primaryId, ...(mergedInto.has(primaryId) ? [mergedInto.get(primaryId)!] : [])]);
  const problems: string[] = [];
  for (const id of others) {
    if (byId.has(id)) problems.push(`company ${id} still exists in HubSpot as its own company`);
    else if (mergedInto.has(id) && !survivorIds.has(mergedInto.get(id)!)) problems.push(`company ${id} was merged into ${mergedInto.get(id)}, not ${primaryId}`);
  }
  return { confirmed: problems.length === 0, problems };
}

function parseIdList(value: string | null | undefined): string[] {
  return (value ?? '').split(/[;,\s]+/).filter((id) => /^\d+$/.test(id));
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
