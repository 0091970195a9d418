/**
 * The scope decision for a company given as `map` takes it: its properties, and its deals and the
 * pipelines when the input has them. Without pipelines, the default one (every account has it) is used.
 */
import type { CompanyBundle } from '../hubspot/types';
import { decideScope } from './decide';
import { DEFAULT_DEAL_PIPELINE, pipelinesFromApi, scopeDealFromApi } from './pipelines';
import type { BillingScope, ScopeDecision } from './types';

export function decideBundleScope(scope: BillingScope, bundle: Pick<CompanyBundle, 'company' | 'deals' | 'pipelines'>): ScopeDecision {
  const pipelines = bundle.pipelines?.length ? pipelinesFromApi(bundle.pipelines) : [DEFAULT_DEAL_PIPELINE];
  return decideScope(scope, {
    properties: bundle.company.properties,
    deals: (bundle.deals ?? []).map((deal) => scopeDealFromApi({ id: deal.id, properties: deal.properties })),
    pipelines,
  });
}
