/**
 * Before anything is read for it, each company of a batch passes the billing scope: a company
 * already linked to a customer (the link store, the customer index or the listing say so: customers
 * this service made, and ones adopted from Sequence's own integration) goes on whatever its scope;
 * an unlinked one goes on only when it is in scope. The others end as `out-of-scope`, with the
 * reason, at no Sequence call and, in closed-won mode, at the cost of reading their deals (one
 * association call per 1,000 companies, one deal read per 100 deals; the pipelines are cached).
 * Companies synced as the parents of others (PARENT_CUSTOMERS) all go on, in scope or not: the group
 * has its owner.
 */
import type { HubSpotGateway } from '../hubspot/gateway';
import { fetchCompanyDeals } from '../hubspot/bundles';
import type { HubSpotCompany } from '../hubspot/types';
import { decideScope, pipelinesFromApi, scopeDealFromApi, scopeNeedsDeals, scopeProperties, type BillingScope, type DealPipeline, type ScopeDeal } from '../scope';

export interface ScopeGateInput {
  scope: BillingScope;
  companies: readonly HubSpotCompany[];
  /** Companies linked to a customer: they go on whatever the scope says. */
  linked: ReadonlySet<string>;
  /** Deals already known for some companies (a closed-won run found them): not read again. */
  knownDeals?: Readonly<Record<string, readonly ScopeDeal[]>>;
  /** The companies are synced as parents (SyncRequest.syncedAsParent): every one goes on, whatever its scope. */
  asParents?: boolean;
}

export interface ScopeGateOutcome {
  /** Linked companies, and unlinked ones in scope. */
  proceed: HubSpotCompany[];
  outOfScope: { companyId: string; reason: string }[];
  /** Why each unlinked company that goes on is in scope (for its log line). */
  inScopeReasons: Map<string, string>;
}

export async function gateByScope(gateway: Pick<HubSpotGateway, 'readDealPipelines' | 'readCompanyDeals' | 'readDeals'>, input: ScopeGateInput): Promise<ScopeGateOutcome> {
  const { scope } = input;
  const outcome: ScopeGateOutcome = { proceed: [], outOfScope: [], inScopeReasons: new Map() };
  if (scope.kind === 'all' || input.asParents) {
    outcome.proceed.push(...input.companies);
    return outcome;
  }
  const unlinked = input.companies.filter((c) => !input.linked.has(c.id));
  if (!unlinked.length) {
    outcome.proceed.push(...input.companies);
    return outcome;
  }

  let pipelines: DealPipeline[] = [];
  const deals = new Map<string, readonly ScopeDeal[]>();
  if (scopeNeedsDeals(scope)) {
    pipelines = pipelinesFromApi(await gateway.readDealPipelines());
    // Deals a run handed over prove a company in scope; anything short of that is read in full.
    const toRead: string[] = [];
    for (const company of unlinked) {
      const known = input.knownDeals?.[company.id];
      if (known?.length && decideScope(scope, { properties: company.properties, deals: known, pipelines }).inScope) deals.set(company.id, known);
      else toRead.push(company.id);
    }
    for (const [companyId, list] of await fetchCompanyDeals(gateway, toRead)) deals.set(companyId, list.map(scopeDealFromApi));
  }

  const decided = new Map<string, { inScope: boolean; reason: string }>();
  for (const company of unlinked) decided.set(company.id, decideScope(scope, { properties: company.properties, deals: deals.get(company.id) ?? [], pipelines }));
  for (const company of input.companies) {
    const decision = decided.get(company.id);
    if (!decision) outcome.proceed.push(company);
    else if (decision.inScope) {
      outcome.proceed.push(company);
      outcome.inScopeReasons.set(company.id, decision.reason);
    } else outcome.outOfScope.push({ companyId: company.id, reason: decision.reason });
  }
  return outcome;
}

/**
 * One company's scope, read from HubSpot and decided (for `link` and `check`): undefined when
 * HubSpot does not have the company.
 */
export async function explainCompanyScope(
  gateway: Pick<HubSpotGateway, 'readCompanies' | 'readDealPipelines' | 'readCompanyDeals' | 'readDeals'>,
  scope: BillingScope,
  companyId: string,
): Promise<{ inScope: boolean; reason: string } | undefined> {
  const { companies } = await gateway.readCompanies([companyId], ['hs_object_id', ...scopeProperties(scope)]);
  const company = companies[0];
  if (!company) return undefined;
  if (!scopeNeedsDeals(scope)) return decideScope(scope, { properties: company.properties });
  const pipelines = pipelinesFromApi(await gateway.readDealPipelines());
  const deals = (await fetchCompanyDeals(gateway, [companyId])).get(companyId) ?? [];
  return decideScope(scope, { properties: company.properties, deals: deals.map(scopeDealFromApi), pipelines });
}
