/**
 * Companies merged in HubSpot: the merged-away companies' customers are either relinked to the
 * surviving company (when it has no customer yet: the billing history stays with the customer) or
 * archived (when it has one), and the survivor is then synced.
 *
 * Archiving cannot be undone through Sequence's API, and a relink hands one company's customer to
 * another, so a merge is trusted only on positive proof (`confirmMerge`): HubSpot's surviving company
 * lists the merged-away id in `hs_merged_object_ids`. An id that is simply gone proves nothing about a
 * merge: it is a deletion, handled as deletions are (ARCHIVE_ON_DELETE).
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
  /** True when no named id contradicts the merge (each one is merged into the survivor, or gone). */
  confirmed: boolean;
  /** Ids the survivor lists in `hs_merged_object_ids`: merged, on HubSpot's word. */
  merged: string[];
  /** Ids HubSpot no longer has and no company lists as merged: deletions, not merges. */
  gone: string[];
  /** Why HubSpot does not confirm the merge, one entry per merged id it contradicts. */
  problems: string[];
}

/**
 * Asks HubSpot what became of every merged-away id: merged into the survivor (the survivor lists it),
 * gone (a deletion), or contradicting the event (still its own company, or merged into another).
 */
export async function confirmMerge(deps: { gateway: Pick<HubSpotGateway, 'readCompanies'> }, primaryId: string, mergedIds: readonly string[]): Promise<MergeConfirmation> {
  const others = [...new Set(mergedIds)].filter((id) => id !== primaryId);
  const { companies } = await deps.gateway.readCompanies([primaryId, ...others], ['hs_object_id', 'hs_merged_object_ids']);
  const byId = new Map(companies.map((c) => [c.id, c]));
  const mergedInto = new Map<string, string>();
  for (const company of companies) {
    for (const id of parseIdList(company.properties.hs_merged_object_ids)) mergedInto.set(id, company.id);
  }
  // The survivor may itself carry a new id after the merge: then it lists the primary id too.
  const survivorIds = new Set([primaryId, ...(mergedInto.has(primaryId) ? [mergedInto.get(primaryId)!] : [])]);
  const merged: string[] = [];
  const gone: string[] = [];
  const problems: string[] = [];
  for (const id of others) {
    const into = mergedInto.get(id);
    if (byId.has(id)) problems.push(`company ${id} still exists in HubSpot as its own company`);
    else if (into === undefined) gone.push(id);
    else if (survivorIds.has(into)) merged.push(id);
    else problems.push(`company ${id} was merged into ${into}, not ${primaryId}`);
  }
  return { confirmed: problems.length === 0, merged, gone, problems };
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
