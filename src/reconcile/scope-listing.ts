/**
 * What a run reads instead of every company when the billing scope narrows who gets a customer:
 * - closed-won: the deals in a won stage (optionally modified since a time), windowed on
 *   hs_object_id past the 10,000-result cap, and their companies through associations (one call
 *   per ~1,000 deals). The deals found are handed to the sync jobs, so the worker does not read
 *   them again.
 * - lifecycle / property: the companies matching the scope's filter, windowed the same way.
 * - every scope: the companies already linked to a customer (link store and customer index, Redis
 *   only), so they keep updating and their deletions are noticed without listing the CRM.
 */
import type { HubSpotGateway } from '../hubspot/gateway';
import { ASSOCIATION_BATCH_LIMIT, SEARCH_PAGE_LIMIT } from '../hubspot/gateway';
import type { HubSpotCompany } from '../hubspot/types';
import { companyScopeFilter, pipelinesFromApi, scopeDealFromApi, wonDealFilter, wonStageIds, type BillingScope, type ScopeDeal } from '../scope';
import type { CustomerIndex } from '../sequence/customer-index';
import type { LinkStore } from '../sequence/links';
import { searchWindows } from './windows';

export interface WonDealPage {
  /** The companies of this page's won deals, with those deals. */
  deals: Map<string, ScopeDeal[]>;
  /** The last deal id looked at: where the search resumes. */
  cursor: string;
  /** Won deals looked at in this page. */
  dealCount: number;
}

/**
 * closed-won: pages of companies with a won deal (modified at or after `sinceMs`, when given),
 * resuming after deal `cursor`. Yields nothing when the pipelines have no won stage.
 */
export async function* wonDealCompanies(
  gateway: Pick<HubSpotGateway, 'readDealPipelines' | 'searchDeals' | 'readDealCompanies'>,
  scope: Extract<BillingScope, { kind: 'closed-won' }>,
  options: { cursor?: string; sinceMs?: number },
): AsyncGenerator<WonDealPage> {
  const stageIds = wonStageIds(pipelinesFromApi(await gateway.readDealPipelines()), scope.pipelines);
  if (!stageIds.length) return;
  let pending: ScopeDeal[] = [];
  let last = options.cursor;
  const flush = async (): Promise<WonDealPage> => {
    const byDeal = await gateway.readDealCompanies(pending.map((d) => d.id));
    const deals = new Map<string, ScopeDeal[]>();
    for (const deal of pending) {
      for (const companyId of byDeal.get(deal.id) ?? []) deals.set(companyId, [...(deals.get(companyId) ?? []), deal]);
    }
    const page = { deals, cursor: last ?? '', dealCount: pending.length };
    pending = [];
    return page;
  };
  const windows = searchWindows(options.cursor, (afterId) =>
    gateway.searchDeals({ filters: [wonDealFilter(stageIds)], sinceMs: options.sinceMs, afterId }).then((p) => p.deals),
  );
  for await (const { items, lastId } of windows) {
    pending.push(...items.map(scopeDealFromApi));
    last = lastId;
    // One association call takes up to 1,000 deals: five search pages.
    if (pending.length > ASSOCIATION_BATCH_LIMIT - SEARCH_PAGE_LIMIT) yield await flush();
  }
  if (pending.length) yield await flush();
}

/** lifecycle / property: pages of the companies matching the scope's filter, after company `cursor`. */
export async function* scopeCompanies(
  gateway: Pick<HubSpotGateway, 'searchCompanies'>,
  scope: BillingScope,
  options: { cursor?: string; properties: readonly string[]; sinceMs?: number },
): AsyncGenerator<{ items: HubSpotCompany[]; lastId: string }> {
  const filter = companyScopeFilter(scope);
  if (!filter) return;
  yield* searchWindows(options.cursor, (afterId) => gateway.searchCompanies({ filters: [filter], afterId, properties: options.properties, sinceMs: options.sinceMs }).then((p) => p.companies));
}

/**
 * Every company with a customer, as Redis knows them (links with a customer or a create in doubt,
 * and customer index entries), in chunks; a company may come twice (the caller dedupes).
 * `active` marks those whose customer this service has not archived (deletion candidates).
 */
export async function* linkedCompanyIds(links: Pick<LinkStore, 'scan'>, index: Pick<CustomerIndex, 'scan'>): AsyncGenerator<{ ids: string[]; active: string[] }> {
  for await (const records of links.scan()) {
    const linked = records.filter((l) => l.customerId || l.pendingCreateAt);
    yield { ids: linked.map((l) => l.companyId), active: linked.filter((l) => l.customerId && !l.archivedAt).map((l) => l.companyId) };
  }
  for await (const pairs of index.scan()) {
    const ids = pairs.map(([companyId]) => companyId);
    yield { ids, active: ids };
  }
}
